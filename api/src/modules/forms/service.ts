import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connect.js';
import { notFound } from '../../errors.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { fieldErrors } from '../../shared/field-errors.js';
import { requireVisibleMatter } from '../matters/service.js';
import { emailContactNotice, type TContactEmailDeps } from '../notifications/email-contact.js';
import { renderFormRequestEmail } from '../notifications/templates/form-request-email.js';
import { filterLinkedContactIds } from '../portal/contact-matters.js';
import * as repo from './repository.js';
import type { TCreateForm, TForm, TFormRequest } from './schemas.js';

export type TFormsDeps = TContactEmailDeps & { db: Db; clock: Clock };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toForm(row: repo.TFormRow): TForm {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    fields: row.fields,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function toFormRequests(db: Db, firmId: string, rows: repo.TFormRequestRow[]): Promise<TFormRequest[]> {
  const files = await repo.listRequestFiles(
    db,
    firmId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    form: toForm(row.form),
    matterId: row.matterId,
    matter: { number: row.matterNumber, title: row.matterTitle },
    contact: { id: row.contactId, name: row.contactName },
    status: row.status,
    answers: row.answers,
    files: files
      .filter((f) => f.formRequestId === row.id)
      .map((f) => ({ id: f.id, name: f.name, size: Number(f.size) })),
    sentAt: row.sentAt.toISOString(),
    draftSavedAt: iso(row.draftSavedAt),
    submittedAt: iso(row.submittedAt),
    documents:
      row.pdfDocumentId && row.csvDocumentId
        ? { pdfDocumentId: row.pdfDocumentId, csvDocumentId: row.csvDocumentId }
        : null,
  }));
}

export async function createForm(db: Db, ctx: StaffContext, input: TCreateForm) {
  const row = await repo.insertForm(db, ctx.firmId, {
    title: input.title,
    description: input.description || null,
    fields: input.fields,
    staffId: ctx.staffId,
  });
  return toForm(row);
}

export async function listForms(db: Db, ctx: StaffContext) {
  return { items: (await repo.listForms(db, ctx.firmId)).map(toForm) };
}

export async function getForm(db: Db, ctx: StaffContext, id: string) {
  const row = await repo.getForm(db, ctx.firmId, id);
  if (!row) throw notFound('Form');
  return toForm(row);
}

/** Sends a form to a contact of the matter, who is emailed a link to fill it in. */
export async function sendFormRequest(
  deps: TFormsDeps,
  ctx: StaffContext,
  matterId: string,
  input: { formId: string; contactId: string },
) {
  const { db } = deps;
  const matter = await requireVisibleMatter(db, ctx, matterId);
  const form = await repo.getForm(db, ctx.firmId, input.formId);
  if (!form) throw fieldErrors([{ field: 'formId', message: 'no such form' }]);
  const linked = await filterLinkedContactIds(db, ctx.firmId, matterId, [input.contactId]);
  if (!linked.has(input.contactId))
    throw fieldErrors([{ field: 'contactId', message: 'is not a contact of this matter' }]);
  const id = await db.transaction(async (tx) => {
    const requestId = await repo.insertFormRequest(tx, ctx.firmId, {
      formId: form.id,
      matterId,
      contactId: input.contactId,
      staffId: ctx.staffId,
      sentAt: deps.clock.now(),
    });
    await emailContactNotice(deps, tx, {
      firmId: ctx.firmId,
      contactId: input.contactId,
      kind: 'form_request',
      render: (to) =>
        renderFormRequestEmail(to, { title: form.title, matterNumber: matter.number, matterTitle: matter.title }),
    });
    return requestId;
  });
  return getFormRequest(db, ctx, id);
}

export async function listMatterFormRequests(db: Db, ctx: StaffContext, matterId: string) {
  await requireVisibleMatter(db, ctx, matterId);
  return { items: await toFormRequests(db, ctx.firmId, await repo.listMatterFormRequests(db, ctx.firmId, matterId)) };
}

export async function getFormRequest(db: Db, ctx: StaffContext, id: string) {
  const row = await repo.getFormRequest(db, ctx.firmId, id);
  if (!row) throw notFound('Form request');
  await requireVisibleMatter(db, ctx, row.matterId).catch(() => {
    throw notFound('Form request');
  });
  return (await toFormRequests(db, ctx.firmId, [row]))[0]!;
}
