import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../api/src/db/connect.js';
import { insertFirm } from '../../api/src/modules/firms/repository.js';
import { insertStaff } from '../../api/src/modules/staff/repository.js';
import { signInContact, type PortalSession } from './portal.js';
import { expectStatus, type Stack } from './stack.js';

/** A second firm with its own Entra tenant and an admin, made through the repositories before Confer starts. */
export const secondFirm = { name: 'Northgate Partners LLP', admin: 'nadia.north@northgate.example' };

export async function seedSecondFirm(db: Db): Promise<void> {
  const tenantId = randomUUID();
  const firm = await insertFirm(db, { name: secondFirm.name, country: 'GB', entraTenantId: tenantId });
  await insertStaff(db, firm.id, {
    tenantId,
    objectId: randomUUID(),
    name: 'Nadia North',
    initials: 'NN',
    email: secondFirm.admin,
    role: 'admin',
    active: true,
  });
}

/** Ids of one firm's (or one contact's) things, by the path segment that names them. */
export type TIds = Record<string, string>;

export type TPopulated = {
  label: string;
  /** A word that appears only in this data (message text, file and document names). */
  marker: string;
  staff: TIds;
  contactEmail: string;
  portal: PortalSession;
  portalIds: TIds;
};

const tomorrow = () => new Date(Date.now() + 86_400_000);

/**
 * One of everything a firm and a contact have, through the API as the given staff member: a
 * matter with a contact, an external conversation with messages, an uploaded attachment, a
 * matter document with two versions shared into the conversation, a form sent to the contact,
 * an event and an invoice, an internal conversation and a channel; then the contact signs in
 * and the portal's ids are read.
 */
export async function populate(stack: Stack, token: string, label: string): Promise<TPopulated> {
  const staff = stack.staff(token);
  const marker = `zq${label.toLowerCase().replace(/\W/g, '')}${randomBytes(3).toString('hex')}`;
  const ok = async (what: string, status: number | number[], p: ReturnType<typeof staff>) =>
    expectStatus(await p, status, `${label}: ${what}`).json;
  const me = await ok('me', 200, staff('GET', '/me'));
  const matter = await ok(
    'matter',
    201,
    staff('POST', '/matters', { number: `X-${marker}`, title: `Matter ${marker}` }),
  );
  const contactEmail = `${marker}@mail.example`;
  const contact = await ok(
    'contact',
    201,
    staff('POST', '/contacts', { name: `Client ${marker}`, email: contactEmail, kind: 'client' }),
  );
  await ok('link contact', [200, 201, 204], staff('PUT', `/matters/${matter.id}/contacts/${contact.id}`));
  const conversation = await ok(
    'external conversation',
    201,
    staff('POST', '/conversations', { kind: 'external_matter', matterId: matter.id, contactIds: [contact.id] }),
  );
  const message = await ok(
    'message',
    201,
    staff('POST', `/conversations/${conversation.id}/messages`, { body: `Private note ${marker}` }),
  );
  const upload = new FormData();
  upload.append('body', `Attached ${marker}`);
  upload.append('files', new Blob([`attachment ${marker}`], { type: 'text/plain' }), `attachment-${marker}.txt`);
  const sentFile = expectStatus(
    await stack.api.call('POST', `/api/v1/conversations/${conversation.id}/uploads`, { token, form: upload }),
    201,
    `${label}: upload`,
  ).json;
  const docForm = new FormData();
  docForm.append('files', new Blob([`document ${marker}`], { type: 'text/plain' }), `document-${marker}.txt`);
  const documents = expectStatus(
    await stack.api.call('POST', `/api/v1/matters/${matter.id}/documents`, { token, form: docForm }),
    201,
    `${label}: document`,
  ).json;
  const document = documents.items[0];
  const versionForm = new FormData();
  versionForm.append('files', new Blob([`document v2 ${marker}`], { type: 'text/plain' }), `document-${marker}.txt`);
  const versioned = expectStatus(
    await stack.api.call('POST', `/api/v1/documents/${document.id}/versions`, { token, form: versionForm }),
    201,
    `${label}: version`,
  ).json;
  const share = await ok(
    'share',
    [200, 201],
    staff('POST', `/conversations/${conversation.id}/shares`, { documentId: document.id }),
  );
  const form = await ok(
    'form',
    201,
    staff('POST', '/forms', {
      title: `Intake ${marker}`,
      fields: [{ key: 'name', label: 'Your name', type: 'short_text', required: true }],
    }),
  );
  const formRequest = await ok(
    'form request',
    201,
    staff('POST', `/matters/${matter.id}/form-requests`, { formId: form.id, contactId: contact.id }),
  );
  const event = await ok(
    'event',
    201,
    staff('POST', `/matters/${matter.id}/events`, {
      title: `Meeting ${marker}`,
      startsAt: tomorrow().toISOString(),
      endsAt: new Date(tomorrow().getTime() + 3_600_000).toISOString(),
      timeZone: 'Europe/London',
      attendeeContactIds: [contact.id],
    }),
  );
  const today = new Date().toISOString().slice(0, 10);
  const invoice = await ok(
    'invoice',
    201,
    staff('POST', `/matters/${matter.id}/invoices`, {
      number: `INV-${marker}`,
      issueDate: today,
      dueDate: today,
      amount: '120.00',
      currency: 'GBP',
      documentId: document.id,
    }),
  );
  const internal = await ok(
    'internal conversation',
    201,
    staff('POST', '/conversations', { kind: 'internal_matter', matterId: matter.id, name: `Team ${marker}` }),
  );
  await ok(
    'internal message',
    201,
    staff('POST', `/conversations/${internal.id}/messages`, { body: `Team only ${marker}` }),
  );
  const details = await ok('conversation', 200, staff('GET', `/conversations/${conversation.id}`));
  const participant = (details.participants as Array<{ id: string; kind: string }>).find((p) => p.kind === 'contact')!;

  const portal = await signInContact(stack, contactEmail);
  await ok(
    'portal message',
    201,
    portal.call('POST', `/conversations/${conversation.id}/messages`, { body: `Client says ${marker}` }),
  );
  const portalFiles = expectStatus(
    await portal.call('GET', `/conversations/${conversation.id}/files`),
    200,
    'files',
  ).json;
  const portalForms = expectStatus(await portal.call('GET', '/forms'), 200, 'forms').json;
  const portalEvents = expectStatus(await portal.call('GET', '/calendar-events'), 200, 'events').json;
  const portalInvoices = expectStatus(await portal.call('GET', '/invoices'), 200, 'invoices').json;
  const firstId = (list: unknown): string => {
    const items = (Array.isArray(list) ? list : ((list as { items?: unknown[] }).items ?? [])) as Array<{ id: string }>;
    return items[0]?.id ?? randomUUID();
  };
  const attachmentId = (sentFile.files?.[0]?.versionId as string | undefined) ?? randomUUID();
  const sharedVersionId =
    (((portalFiles.items as Array<{ versionId: string; kind: string }>).find((f) => f.kind === 'share')?.versionId ??
      portalFiles.items[0]?.versionId) as string | undefined) ?? attachmentId;
  return {
    label,
    marker,
    contactEmail,
    portal,
    staff: {
      staff: me.staff.id,
      matters: matter.id,
      contacts: contact.id,
      conversations: conversation.id,
      messages: message.id,
      documents: document.id,
      files: versioned.latest?.id ?? attachmentId,
      shares: share.id,
      forms: form.id,
      'form-requests': formRequest.id,
      events: event.id,
      invoices: invoice.id,
      participants: participant.id,
      internal: internal.id,
      attachment: attachmentId,
    },
    portalIds: {
      conversations: conversation.id,
      messages: message.id,
      files: sharedVersionId,
      forms: firstId(portalForms),
      'calendar-events': firstId(portalEvents),
      invoices: firstId(portalInvoices),
    },
  };
}
