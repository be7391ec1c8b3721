import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connect.js';
import type { TFormAnswers } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import type { BlobStore } from '../../integrations/blob-storage/blob-store.js';
import { publishEvent } from '../../realtime/publish-event.js';
import { fieldErrors } from '../../shared/field-errors.js';
import { getFirm } from '../firms/repository.js';
import { commitStagedFiles, discardStagedFiles, type TReceivedUpload } from '../files/receive-upload.js';
import { insertDocumentsFromUpload } from '../files/repository.js';
import { sanitizeFileName } from '../files/sanitize-file-name.js';
import { stageGeneratedFile } from '../files/store-generated-document.js';
import { matterAudience } from '../portal/contact-matters.js';
import type { TContactContext } from '../portal-auth/service.js';
import { checkAnswers } from './check-answers.js';
import { renderAnswersCsv, renderAnswersPdf } from './render-answers.js';
import * as repo from './repository.js';
import { toFormRequests } from './service.js';

export type TPortalFormsDeps = { db: Db; blobs: BlobStore; clock: Clock };

const alreadySubmitted = () => new AppError('form_submitted', 409, 'This form has already been submitted');

/** A link-only session (no code) sees only its conversation: no forms. */
async function contactRequests(db: Db, ctx: TContactContext, filter: { id?: string; open?: boolean } = {}) {
  if (ctx.scopeConversationId) return [];
  return repo.listContactFormRequests(db, ctx.firmId, ctx.contactId, filter);
}

async function requireOwnRequest(db: Db, ctx: TContactContext, id: string) {
  const [row] = await contactRequests(db, ctx, { id });
  if (!row) throw notFound('Form');
  return row;
}

export async function listContactForms(db: Db, ctx: TContactContext) {
  return { items: await toFormRequests(db, ctx.firmId, await contactRequests(db, ctx)) };
}

/** For To Do: forms not yet submitted. */
export async function listFormsToComplete(db: Db, ctx: TContactContext) {
  return (await contactRequests(db, ctx, { open: true })).map((r) => ({
    id: r.id,
    title: r.form.title,
    matter: { number: r.matterNumber, title: r.matterTitle },
    status: r.status as 'sent' | 'draft',
  }));
}

export async function getContactForm(db: Db, ctx: TContactContext, id: string) {
  return (await toFormRequests(db, ctx.firmId, [await requireOwnRequest(db, ctx, id)]))[0]!;
}

async function uploadedIds(db: Db, firmId: string, requestId: string) {
  return new Set((await repo.listRequestFiles(db, firmId, [requestId])).map((f) => f.id));
}

export async function saveDraft(deps: TPortalFormsDeps, ctx: TContactContext, id: string, answers: TFormAnswers) {
  const { db } = deps;
  const row = await requireOwnRequest(db, ctx, id);
  if (row.status === 'submitted') throw alreadySubmitted();
  const errors = checkAnswers(row.form.fields, answers, {
    complete: false,
    uploadedFileIds: await uploadedIds(db, ctx.firmId, id),
  });
  if (errors.length > 0) throw fieldErrors(errors, 'body.answers');
  await db.transaction(async (tx) => {
    if (!(await repo.lockOpenRequest(tx, ctx.firmId, id))) throw alreadySubmitted();
    await repo.saveDraft(tx, ctx.firmId, id, answers, deps.clock.now());
  });
  return getContactForm(db, ctx, id);
}

/** One file for a file field: kept off the matter's documents until the form is submitted. */
export async function addFormFile(deps: TPortalFormsDeps, ctx: TContactContext, id: string, upload: TReceivedUpload) {
  const { db } = deps;
  try {
    const row = await requireOwnRequest(db, ctx, id);
    if (row.status === 'submitted') throw alreadySubmitted();
    if (upload.files.length !== 1) throw fieldErrors([{ field: 'file', message: 'send exactly one file' }]);
    await commitStagedFiles(deps.blobs, upload.files);
    const [version] = await db.transaction(async (tx) => {
      if (!(await repo.lockOpenRequest(tx, ctx.firmId, id))) throw alreadySubmitted();
      const versions = await insertDocumentsFromUpload(tx, ctx.firmId, upload.files, {
        matterId: row.matterId,
        onMatter: false,
        source: 'portal',
        contactId: ctx.contactId,
      });
      await repo.insertRequestFile(tx, ctx.firmId, id, versions[0]!.id);
      return versions;
    });
    return { id: version!.id, name: version!.name, size: Number(version!.size) };
  } catch (error) {
    await discardStagedFiles(
      { db, blobs: deps.blobs, firmId: ctx.firmId },
      upload.files.map((f) => f.blobName),
    ).catch(() => {});
    throw error;
  }
}

/**
 * Submits the answers, once: checks them in full, writes them into the matter's documents as
 * a PDF and a CSV (source portal), puts the files uploaded for them on the matter, and tells
 * the staff who can see the matter.
 */
export async function submitForm(deps: TPortalFormsDeps, ctx: TContactContext, id: string, answers: TFormAnswers) {
  const { db } = deps;
  const row = await requireOwnRequest(db, ctx, id);
  if (row.status === 'submitted') throw alreadySubmitted();
  const files = await repo.listRequestFiles(db, ctx.firmId, [id]);
  const errors = checkAnswers(row.form.fields, answers, {
    complete: true,
    uploadedFileIds: new Set(files.map((f) => f.id)),
  });
  if (errors.length > 0) throw fieldErrors(errors, 'body.answers');

  const now = deps.clock.now();
  const firm = await getFirm(db, ctx.firmId);
  const sheet = {
    formTitle: row.form.title,
    firmName: firm?.name ?? '',
    matter: { number: row.matterNumber, title: row.matterTitle },
    contactName: row.contactName,
    submittedAt: now,
    fields: row.form.fields,
    answers,
    fileNames: new Map(files.map((f) => [f.id, f.name])),
  };
  const stem = sanitizeFileName(`${row.form.title} - ${row.contactName} - ${now.toISOString().slice(0, 10)}`);
  const staged = [
    await stageGeneratedFile(deps, ctx.firmId, {
      bytes: await renderAnswersPdf(sheet),
      name: `${stem}.pdf`,
      contentType: 'application/pdf',
    }),
    await stageGeneratedFile(deps, ctx.firmId, {
      bytes: renderAnswersCsv(sheet),
      name: `${stem}.csv`,
      contentType: 'text/csv',
      blobContentType: 'text/csv; charset=utf-8',
    }),
  ];
  const answeredFileIds = new Set(
    Object.values(answers).flatMap((v) => (typeof v === 'object' && v !== null ? v.fileIds : [])),
  );
  try {
    await db.transaction(async (tx) => {
      if (!(await repo.lockOpenRequest(tx, ctx.firmId, id))) throw alreadySubmitted();
      const [pdf, csv] = await insertDocumentsFromUpload(tx, ctx.firmId, staged, {
        matterId: row.matterId,
        onMatter: true,
        source: 'portal',
        contactId: ctx.contactId,
      });
      await repo.putDocumentsOnMatter(
        tx,
        ctx.firmId,
        files.filter((f) => answeredFileIds.has(f.id)).map((f) => f.documentId),
      );
      await repo.markSubmitted(tx, ctx.firmId, id, {
        answers,
        at: now,
        pdfDocumentId: pdf!.documentId,
        csvDocumentId: csv!.documentId,
      });
      const audience = await matterAudience(tx, ctx.firmId, row.matterId);
      await publishEvent(tx, {
        firmId: ctx.firmId,
        type: 'form.submitted',
        ...audience,
        payload: { formRequestId: id, matterId: row.matterId },
      });
    });
  } catch (error) {
    await discardStagedFiles(
      { db, blobs: deps.blobs, firmId: ctx.firmId },
      staged.map((f) => f.blobName),
    ).catch(() => {});
    throw error;
  }
  return getContactForm(db, ctx, id);
}
