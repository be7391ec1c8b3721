import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { contacts, matterContacts } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { recordAudit } from '../audit/record-audit.js';
import { requireVisibleMatter } from '../matters/service.js';
import { endMatterContact, listMatterAccess } from '../matters/repository.js';
import { filterActiveStaffIds, staffNamesByIds } from '../staff/repository.js';
import { announceConversation } from './announce.js';
import * as repo from './repository.js';
import type { TConversation, TCreateConversation } from './schemas.js';
import { toConversations } from './to-conversation.js';

/** Sends contacts their personal secure link to a conversation they were added to (portal). */
export type TInvite = (tx: Db, firmId: string, conversationId: string, contactIds: string[]) => Promise<void>;

const badRequest = (field: string, message: string) =>
  new AppError('validation_failed', 400, `body.${field}: ${message}`, {
    errors: [{ location: 'body', field, message }],
  });

/** The conversation if the caller may see it; otherwise the same 404 as for a missing id. */
export async function requireVisibleConversation(db: Db, ctx: StaffContext, id: string) {
  const row = await repo.getVisibleConversation(db, ctx.firmId, ctx.staffId, id);
  if (!row) throw notFound('Conversation');
  return row;
}

export function assertNotArchived(row: { archivedAt: Date | null; archivedReason: string | null }): void {
  if (row.archivedAt) {
    const why = row.archivedReason === 'engagement_ended' ? 'the engagement has ended' : 'the matter is closed';
    throw new AppError('conversation_archived', 409, `This conversation is read-only: ${why}`);
  }
}

export const notAParticipant = () => new AppError('not_a_participant', 403, 'Join this conversation first');

/** The caller's active participation, or 403: you must join to act in a conversation you can see. */
export async function requireActiveParticipant(db: Db, ctx: StaffContext, conversationId: string) {
  const p = await repo.findStaffParticipant(db, ctx.firmId, conversationId, ctx.staffId);
  if (!p || p.leftAt) throw notAParticipant();
  return p;
}

export async function getConversationView(db: Db, ctx: StaffContext, id: string): Promise<TConversation> {
  const row = await requireVisibleConversation(db, ctx, id);
  return (await toConversations(db, ctx.firmId, ctx.staffId, [row]))[0]!;
}

export async function listMyConversations(db: Db, ctx: StaffContext, kind?: TConversation['kind']) {
  const rows = await repo.listVisibleConversations(db, ctx.firmId, ctx.staffId, { joinedOnly: true, kind, limit: 200 });
  return { items: await toConversations(db, ctx.firmId, ctx.staffId, rows) };
}

export async function listChannels(db: Db, ctx: StaffContext, query: { q?: string; limit: number }) {
  const rows = await repo.listVisibleConversations(db, ctx.firmId, ctx.staffId, {
    kind: 'channel',
    nameLike: query.q || undefined,
    limit: query.limit,
  });
  return { items: await toConversations(db, ctx.firmId, ctx.staffId, rows) };
}

export async function listMatterConversations(db: Db, ctx: StaffContext, matterId: string) {
  await requireVisibleMatter(db, ctx, matterId);
  const rows = await repo.listVisibleConversations(db, ctx.firmId, ctx.staffId, { matterId, limit: 200 });
  return { items: await toConversations(db, ctx.firmId, ctx.staffId, rows) };
}

/** "Priya Shah", "Priya Shah and Tom Becker", "A, B and C". */
const listNames = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/**
 * Staff to add must be active staff of the firm and, on a restricted matter, on its list.
 * Refusals name the people (never their ids); ids that are no staff of the firm are only counted.
 */
async function checkStaff(db: Db, ctx: StaffContext, staffIds: string[], matter?: { id: string; restricted: boolean }) {
  const active = await filterActiveStaffIds(db, ctx.firmId, staffIds);
  const unknown = staffIds.filter((id) => !active.includes(id));
  if (unknown.length) {
    const names = await staffNamesByIds(db, ctx.firmId, unknown);
    const disabled = unknown.flatMap((id) => (names.has(id) ? [names.get(id)!] : []));
    const strangers = unknown.length - disabled.length;
    const parts = [
      ...(disabled.length ? [`${listNames(disabled)} ${disabled.length === 1 ? 'is' : 'are'} disabled`] : []),
      ...(strangers ? [`${strangers} ${strangers === 1 ? 'person is' : 'people are'} not staff of this firm`] : []),
    ];
    throw badRequest('staffIds', parts.join('; '));
  }
  if (matter?.restricted) {
    const listed = new Set((await listMatterAccess(db, ctx.firmId, matter.id)).map((s) => s.id));
    const outside = staffIds.filter((id) => !listed.has(id));
    if (outside.length) {
      const names = await staffNamesByIds(db, ctx.firmId, outside);
      const who = listNames(outside.map((id) => names.get(id) ?? 'someone'));
      throw new AppError(
        'staff_without_matter_access',
        422,
        `${who} cannot be added: this matter is restricted and ${outside.length === 1 ? 'is' : 'they are'} not on its access list`,
        { staff: outside.map((id) => ({ id, name: names.get(id) ?? null })) },
      );
    }
  }
}

/** Contacts to add must be active contacts of the matter with an email (for sign-in and notices). */
async function checkContacts(db: Db, ctx: StaffContext, matterId: string, contactIds: string[]) {
  if (contactIds.length === 0) return;
  const rows = await db
    .select({ id: contacts.id, name: contacts.name, email: contacts.email, active: contacts.active })
    .from(matterContacts)
    .innerJoin(contacts, and(eq(contacts.firmId, matterContacts.firmId), eq(contacts.id, matterContacts.contactId)))
    .where(
      and(
        eq(matterContacts.firmId, ctx.firmId),
        eq(matterContacts.matterId, matterId),
        inArray(matterContacts.contactId, contactIds),
      ),
    );
  const found = new Map(rows.map((r) => [r.id, r]));
  const missing = contactIds.filter((id) => !found.get(id)?.active);
  if (missing.length) {
    const inactive = missing.flatMap((id) => (found.has(id) ? [found.get(id)!.name] : []));
    const others = missing.length - inactive.length;
    const parts = [
      ...(inactive.length ? [`${listNames(inactive)} ${inactive.length === 1 ? 'is' : 'are'} disabled`] : []),
      ...(others
        ? [`${others} ${others === 1 ? 'person is not a contact' : 'people are not contacts'} of this matter`]
        : []),
    ];
    throw badRequest('contactIds', parts.join('; '));
  }
  const noEmail = rows.filter((r) => !r.email);
  if (noEmail.length) {
    throw new AppError(
      'contact_email_required',
      422,
      `Add an email address first (needed for sign-in and notifications): ${noEmail.map((r) => r.name).join(', ')}`,
      { contactIds: noEmail.map((r) => r.id) },
    );
  }
}

export async function createConversation(
  db: Db,
  ctx: StaffContext,
  input: TCreateConversation,
  requestId: string,
  invite: TInvite,
) {
  const staffIds = [...new Set([ctx.staffId, ...input.staffIds])];
  let id: string;
  if (input.kind === 'channel') {
    await checkStaff(db, ctx, staffIds);
    if (await repo.findChannelByName(db, ctx.firmId, input.name)) {
      throw new AppError('channel_name_taken', 409, `A channel named "${input.name}" already exists`);
    }
    id = await db.transaction(async (tx) => {
      const newId = await repo.insertConversation(tx, ctx.firmId, {
        kind: 'channel',
        name: input.name,
        createdByStaffId: ctx.staffId,
      });
      await repo.addParticipants(tx, ctx.firmId, newId, { staffIds });
      await announceConversation(tx, ctx.firmId, newId, 'conversation.created', { allStaff: true });
      return newId;
    });
  } else if (input.kind === 'direct') {
    await checkStaff(db, ctx, staffIds);
    const existing = await repo.findDirectWith(db, ctx.firmId, staffIds);
    if (existing) return getConversationView(db, ctx, existing);
    id = await db.transaction(async (tx) => {
      const newId = await repo.insertConversation(tx, ctx.firmId, { kind: 'direct', createdByStaffId: ctx.staffId });
      await repo.addParticipants(tx, ctx.firmId, newId, { staffIds });
      await announceConversation(tx, ctx.firmId, newId, 'conversation.created');
      return newId;
    });
  } else {
    const matter = await requireVisibleMatter(db, ctx, input.matterId);
    if (matter.status === 'closed') {
      throw new AppError('matter_closed', 409, 'This matter is closed: reopen it to start a conversation');
    }
    await checkStaff(db, ctx, staffIds, matter);
    const contactIds = input.kind === 'external_matter' ? [...new Set(input.contactIds)] : [];
    if (input.kind === 'external_matter') await checkContacts(db, ctx, matter.id, contactIds);
    id = await db.transaction(async (tx) => {
      const newId = await repo.insertConversation(tx, ctx.firmId, {
        kind: input.kind,
        matterId: matter.id,
        name: input.name ?? null,
        requireMfa: input.kind === 'external_matter' ? input.requireMfa : true,
        createdByStaffId: ctx.staffId,
      });
      await repo.addParticipants(tx, ctx.firmId, newId, { staffIds, contactIds });
      await invite(tx, ctx.firmId, newId, contactIds);
      await announceConversation(tx, ctx.firmId, newId, 'conversation.created');
      return newId;
    });
  }
  await recordAudit(db, {
    firmId: ctx.firmId,
    actorKind: 'staff',
    actorId: ctx.staffId,
    action: 'conversation.create',
    outcome: 'success',
    targetKind: 'conversation',
    targetId: id,
    requestId,
    details: { kind: input.kind },
  });
  return getConversationView(db, ctx, id);
}

export async function renameConversation(db: Db, ctx: StaffContext, id: string, name: string) {
  const row = await requireVisibleConversation(db, ctx, id);
  await requireActiveParticipant(db, ctx, id);
  if (row.kind === 'channel') {
    const clash = await repo.findChannelByName(db, ctx.firmId, name);
    if (clash && clash.id !== id)
      throw new AppError('channel_name_taken', 409, `A channel named "${name}" already exists`);
  }
  await db.transaction(async (tx) => {
    await repo.updateConversation(tx, ctx.firmId, id, { name });
    await announceConversation(tx, ctx.firmId, id, 'conversation.updated', { allStaff: row.kind === 'channel' });
  });
  return getConversationView(db, ctx, id);
}

export async function joinConversation(db: Db, ctx: StaffContext, id: string) {
  const row = await requireVisibleConversation(db, ctx, id);
  if (row.kind === 'direct') throw new AppError('cannot_join_direct', 409, 'Direct messages cannot be joined');
  await db.transaction(async (tx) => {
    await repo.addParticipants(tx, ctx.firmId, id, { staffIds: [ctx.staffId] });
    await announceConversation(tx, ctx.firmId, id, 'conversation.updated');
  });
  return getConversationView(db, ctx, id);
}

export async function leaveConversation(db: Db, ctx: StaffContext, id: string) {
  await requireVisibleConversation(db, ctx, id);
  const me = await requireActiveParticipant(db, ctx, id);
  await db.transaction(async (tx) => {
    await repo.markParticipantsLeft(tx, ctx.firmId, id, { participantId: me.id }, 'left');
    await announceConversation(tx, ctx.firmId, id, 'conversation.updated', { staffIds: [ctx.staffId] });
  });
  return getConversationView(db, ctx, id);
}

export async function addConversationParticipants(
  db: Db,
  ctx: StaffContext,
  id: string,
  input: { staffIds: string[]; contactIds: string[] },
  invite: TInvite,
) {
  const row = await requireVisibleConversation(db, ctx, id);
  await requireActiveParticipant(db, ctx, id);
  assertNotArchived(row);
  if (input.contactIds.length && row.kind !== 'external_matter') {
    throw badRequest('contactIds', 'clients and third parties take part only in external matter conversations');
  }
  const matter = row.matterId ? { id: row.matterId, restricted: row.matterRestricted ?? false } : undefined;
  await checkStaff(db, ctx, input.staffIds, matter);
  if (row.matterId) await checkContacts(db, ctx, row.matterId, input.contactIds);
  const people = await repo.listParticipants(db, ctx.firmId, [id]);
  const newContacts = input.contactIds.filter((c) => !people.some((p) => p.contactId === c && !p.leftAt));
  await db.transaction(async (tx) => {
    await repo.addParticipants(tx, ctx.firmId, id, input);
    await invite(tx, ctx.firmId, id, newContacts);
    await announceConversation(tx, ctx.firmId, id, 'conversation.updated');
  });
  return getConversationView(db, ctx, id);
}

export async function removeConversationParticipant(db: Db, ctx: StaffContext, id: string, participantId: string) {
  const row = await requireVisibleConversation(db, ctx, id);
  await requireActiveParticipant(db, ctx, id);
  assertNotArchived(row);
  const people = await repo.listParticipants(db, ctx.firmId, [id]);
  const target = people.find((p) => p.id === participantId && !p.leftAt);
  if (!target) throw notFound('Participant');
  await db.transaction(async (tx) => {
    await repo.markParticipantsLeft(tx, ctx.firmId, id, { participantId }, 'removed');
    await announceConversation(tx, ctx.firmId, id, 'conversation.updated', {
      staffIds: target.staffId ? [target.staffId] : [],
      contactIds: target.contactId ? [target.contactId] : [],
    });
  });
  return getConversationView(db, ctx, id);
}

/**
 * End engagement with one contact on a matter. In each of their external conversations there:
 * when other clients or third parties of the matter are still engaged in it, only this contact
 * leaves (they keep reading it as it was until now; the others carry on); otherwise staff leave
 * and the conversation becomes read-only for good (the contact keeps read access to its history).
 */
export async function endEngagement(db: Db, ctx: StaffContext, matterId: string, contactId: string, requestId: string) {
  await requireVisibleMatter(db, ctx, matterId);
  const linked = await db
    .select({ id: matterContacts.contactId })
    .from(matterContacts)
    .where(
      and(
        eq(matterContacts.firmId, ctx.firmId),
        eq(matterContacts.matterId, matterId),
        eq(matterContacts.contactId, contactId),
      ),
    );
  if (linked.length === 0) throw notFound('Contact');
  const ids = await repo.listExternalConversationIdsOfContact(db, ctx.firmId, matterId, contactId);
  await db.transaction(async (tx) => {
    await endMatterContact(tx, ctx.firmId, matterId, contactId, new Date());
    for (const id of ids) {
      if ((await repo.countOtherEngagedContacts(tx, ctx.firmId, id, contactId)) > 0) {
        const left = await repo.markParticipantsLeft(tx, ctx.firmId, id, { contactId }, 'engagement_ended');
        if (left > 0)
          await announceConversation(tx, ctx.firmId, id, 'conversation.updated', { contactIds: [contactId] });
        continue;
      }
      const before = await repo.listEventRecipients(tx, ctx.firmId, id);
      await repo.markParticipantsLeft(tx, ctx.firmId, id, { allStaff: true }, 'engagement_ended');
      await repo.updateConversation(tx, ctx.firmId, id, { archivedAt: new Date(), archivedReason: 'engagement_ended' });
      await announceConversation(tx, ctx.firmId, id, 'conversation.updated', { staffIds: before.staffIds });
    }
  });
  await recordAudit(db, {
    firmId: ctx.firmId,
    actorKind: 'staff',
    actorId: ctx.staffId,
    action: 'matter.end_engagement',
    outcome: 'success',
    targetKind: 'contact',
    targetId: contactId,
    requestId,
    details: { matterId, conversations: ids.length },
  });
}
