import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import {
  contacts,
  documents,
  documentVersions,
  formRequestFiles,
  formRequests,
  forms,
  matters,
  type TFormAnswers,
  type TFormFieldDefinition,
} from '../../db/schema.js';
import { contactEngagedOn } from '../portal/contact-matters.js';

export type TFormRow = typeof forms.$inferSelect;

export async function insertForm(
  db: Db,
  firmId: string,
  values: { title: string; description: string | null; fields: TFormFieldDefinition[]; staffId: string },
): Promise<TFormRow> {
  const [row] = await db
    .insert(forms)
    .values({
      firmId,
      title: values.title,
      description: values.description,
      fields: values.fields,
      createdByStaffId: values.staffId,
    })
    .returning();
  return row!;
}

export async function listForms(db: Db, firmId: string): Promise<TFormRow[]> {
  return db
    .select()
    .from(forms)
    .where(eq(forms.firmId, firmId))
    .orderBy(desc(forms.createdAt), desc(forms.id))
    .limit(500);
}

export async function getForm(db: Db, firmId: string, id: string): Promise<TFormRow | undefined> {
  const rows = await db
    .select()
    .from(forms)
    .where(and(eq(forms.firmId, firmId), eq(forms.id, id)))
    .limit(1);
  return rows[0];
}

export type TFormRequestRow = typeof formRequests.$inferSelect & {
  matterNumber: string;
  matterTitle: string;
  contactName: string;
  form: TFormRow;
};

function selectRequests(db: Db) {
  return db
    .select({
      request: formRequests,
      matterNumber: matters.number,
      matterTitle: matters.title,
      contactName: contacts.name,
      form: forms,
    })
    .from(formRequests)
    .innerJoin(forms, and(eq(forms.firmId, formRequests.firmId), eq(forms.id, formRequests.formId)))
    .innerJoin(matters, and(eq(matters.firmId, formRequests.firmId), eq(matters.id, formRequests.matterId)))
    .innerJoin(contacts, and(eq(contacts.firmId, formRequests.firmId), eq(contacts.id, formRequests.contactId)));
}

const flatten = (rows: Awaited<ReturnType<ReturnType<typeof selectRequests>['where']>>): TFormRequestRow[] =>
  rows.map((r) => ({
    ...r.request,
    matterNumber: r.matterNumber,
    matterTitle: r.matterTitle,
    contactName: r.contactName,
    form: r.form,
  }));

export async function getFormRequest(db: Db, firmId: string, id: string): Promise<TFormRequestRow | undefined> {
  return flatten(await selectRequests(db).where(and(eq(formRequests.firmId, firmId), eq(formRequests.id, id))))[0];
}

export async function listMatterFormRequests(db: Db, firmId: string, matterId: string): Promise<TFormRequestRow[]> {
  return flatten(
    await selectRequests(db)
      .where(and(eq(formRequests.firmId, firmId), eq(formRequests.matterId, matterId)))
      .orderBy(desc(formRequests.sentAt), desc(formRequests.id))
      .limit(1000),
  );
}

/** A contact's own requests on matters they are engaged on, newest first. */
export async function listContactFormRequests(
  db: Db,
  firmId: string,
  contactId: string,
  filter: { id?: string; open?: boolean } = {},
): Promise<TFormRequestRow[]> {
  return flatten(
    await selectRequests(db)
      .where(
        and(
          eq(formRequests.firmId, firmId),
          eq(formRequests.contactId, contactId),
          contactEngagedOn(firmId, contactId, formRequests.matterId),
          filter.id ? eq(formRequests.id, filter.id) : undefined,
          filter.open ? ne(formRequests.status, 'submitted') : undefined,
        ),
      )
      .orderBy(desc(formRequests.sentAt), desc(formRequests.id))
      .limit(500),
  );
}

export async function insertFormRequest(
  tx: Db,
  firmId: string,
  values: { formId: string; matterId: string; contactId: string; staffId: string; sentAt: Date },
): Promise<string> {
  const [row] = await tx
    .insert(formRequests)
    .values({
      firmId,
      formId: values.formId,
      matterId: values.matterId,
      contactId: values.contactId,
      sentByStaffId: values.staffId,
      sentAt: values.sentAt,
    })
    .returning({ id: formRequests.id });
  return row!.id;
}

/** Locks the request for the rest of the transaction and says whether it is still open. */
export async function lockOpenRequest(tx: Db, firmId: string, id: string): Promise<boolean> {
  const rows = await tx
    .select({ status: formRequests.status })
    .from(formRequests)
    .where(and(eq(formRequests.firmId, firmId), eq(formRequests.id, id)))
    .for('update');
  return rows[0] !== undefined && rows[0].status !== 'submitted';
}

export async function saveDraft(tx: Db, firmId: string, id: string, answers: TFormAnswers, at: Date) {
  await tx
    .update(formRequests)
    .set({ answers, status: 'draft', draftSavedAt: at, updatedAt: sql`clock_timestamp()` })
    .where(and(eq(formRequests.firmId, firmId), eq(formRequests.id, id)));
}

export async function markSubmitted(
  tx: Db,
  firmId: string,
  id: string,
  values: { answers: TFormAnswers; at: Date; pdfDocumentId: string; csvDocumentId: string },
) {
  await tx
    .update(formRequests)
    .set({
      answers: values.answers,
      status: 'submitted',
      submittedAt: values.at,
      pdfDocumentId: values.pdfDocumentId,
      csvDocumentId: values.csvDocumentId,
      updatedAt: sql`clock_timestamp()`,
    })
    .where(and(eq(formRequests.firmId, firmId), eq(formRequests.id, id)));
}

export async function insertRequestFile(tx: Db, firmId: string, formRequestId: string, documentVersionId: string) {
  await tx.insert(formRequestFiles).values({ firmId, formRequestId, documentVersionId });
}

/** Files uploaded for these requests: the version id is the file's id. */
export async function listRequestFiles(db: Db, firmId: string, requestIds: string[]) {
  if (requestIds.length === 0) return [];
  return db
    .select({
      formRequestId: formRequestFiles.formRequestId,
      id: documentVersions.id,
      documentId: documentVersions.documentId,
      name: documentVersions.name,
      size: documentVersions.size,
    })
    .from(formRequestFiles)
    .innerJoin(
      documentVersions,
      and(
        eq(documentVersions.firmId, formRequestFiles.firmId),
        eq(documentVersions.id, formRequestFiles.documentVersionId),
      ),
    )
    .where(and(eq(formRequestFiles.firmId, firmId), inArray(formRequestFiles.formRequestId, requestIds)))
    .orderBy(formRequestFiles.createdAt);
}

/** Submitted files join the matter's documents. */
export async function putDocumentsOnMatter(tx: Db, firmId: string, documentIds: string[]) {
  if (documentIds.length === 0) return;
  await tx
    .update(documents)
    .set({ onMatter: true, updatedAt: sql`now()` })
    .where(and(eq(documents.firmId, firmId), inArray(documents.id, documentIds)));
}
