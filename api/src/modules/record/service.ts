import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connect.js';
import { readTogether } from '../../db/read-together.js';
import { AppError, notFound } from '../../errors.js';
import type { BlobStore } from '../../integrations/blob-storage/blob-store.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { recordAudit } from '../audit/record-audit.js';
import { requireVisibleConversation } from '../conversations/service.js';
import { getDocument } from '../files/repository.js';
import { storeGeneratedDocument } from '../files/store-generated-document.js';
import { toDocument } from '../files/to-document.js';
import type { TContactContext } from '../portal-auth/service.js';
import { listContactConversations } from '../portal/repository.js';
import { buildRecord, type TRecordManifest } from './build-record.js';
import { renderRecordPdf } from './render-record-pdf.js';
import * as repo from './repository.js';

export type TRecordDeps = { db: Db; blobs: BlobStore; clock: Clock };

/** The database's check of a conversation's chain, for staff who may see the conversation. */
export async function verifyRecord(db: Db, ctx: StaffContext, conversationId: string) {
  await requireVisibleConversation(db, ctx, conversationId);
  const [entries, firstBreak] = await readTogether(db, [
    () => repo.listRecordEntries(db, ctx.firmId, conversationId),
    () => repo.findRecordBreak(db, ctx.firmId, conversationId),
  ]);
  return { intact: firstBreak === null, entries: entries.length, lastHash: entries.at(-1)?.hash ?? null, firstBreak };
}

const fileStem = (record: TRecordManifest) => {
  const stamp = record.exportedAt.slice(0, 16).replace(/[:T]/g, '-');
  return `${record.conversation.matter?.number ?? 'conversation'} record ${stamp}`.replace(/[/\\]/g, '-');
};

/**
 * "Export record": the conversation's record as a PDF and its JSON manifest (with the chain),
 * both saved into the matter's documents (source "export") and audited.
 */
export async function exportRecord(deps: TRecordDeps, ctx: StaffContext, conversationId: string, requestId: string) {
  const { db } = deps;
  const conversation = await requireVisibleConversation(db, ctx, conversationId);
  if (!conversation.matterId) {
    throw new AppError('not_a_matter_conversation', 409, 'Only matter conversations have a record to export');
  }
  const record = await buildRecord(db, ctx.firmId, conversationId, deps.clock.now());
  const stem = fileStem(record);
  const meta = { matterId: conversation.matterId, source: 'export' as const, staffId: ctx.staffId };
  const pdfVersion = await storeGeneratedDocument(
    deps,
    ctx.firmId,
    { bytes: await renderRecordPdf(record), name: `${stem}.pdf`, contentType: 'application/pdf' },
    meta,
  );
  const jsonVersion = await storeGeneratedDocument(
    deps,
    ctx.firmId,
    {
      bytes: Buffer.from(`${JSON.stringify(record, null, 2)}\n`, 'utf8'),
      name: `${stem}.json`,
      contentType: 'application/json',
    },
    meta,
  );
  await recordAudit(db, {
    firmId: ctx.firmId,
    actorKind: 'staff',
    actorId: ctx.staffId,
    action: 'conversation.record_export',
    outcome: 'success',
    targetKind: 'conversation',
    targetId: conversationId,
    requestId,
    details: { entries: record.verification.entries, intact: record.verification.intact },
  });
  return {
    verification: record.verification,
    pdf: toDocument((await getDocument(db, ctx.firmId, pdfVersion.documentId))!, pdfVersion),
    manifest: toDocument((await getDocument(db, ctx.firmId, jsonVersion.documentId))!, jsonVersion),
  };
}

/**
 * The record for a client or third party in the conversation, once its matter is closed; the
 * same 404 before then and for anyone not in it. Audited either way.
 */
export async function portalRecord(
  deps: TRecordDeps,
  ctx: TContactContext,
  conversationId: string,
  format: 'pdf' | 'json',
  meta: { requestId: string; ip: string | undefined },
) {
  const [row] = await listContactConversations(
    deps.db,
    ctx.firmId,
    ctx.contactId,
    ctx.scopeConversationId,
    conversationId,
  );
  const heading = row ? await repo.getRecordHeading(deps.db, ctx.firmId, conversationId) : undefined;
  const allowed = heading?.matterStatus === 'closed';
  await recordAudit(deps.db, {
    firmId: ctx.firmId,
    actorKind: 'contact',
    actorId: ctx.contactId,
    action: 'conversation.record_download',
    outcome: allowed ? 'success' : 'refused',
    targetKind: 'conversation',
    targetId: conversationId,
    requestId: meta.requestId,
    ip: meta.ip,
    details: { format },
  });
  if (!allowed) throw notFound('Record');
  const record = await buildRecord(deps.db, ctx.firmId, conversationId, deps.clock.now());
  const name = `${fileStem(record)}.${format}`;
  return format === 'pdf'
    ? { name, contentType: 'application/pdf', bytes: await renderRecordPdf(record) }
    : { name, contentType: 'application/json', bytes: Buffer.from(`${JSON.stringify(record, null, 2)}\n`, 'utf8') };
}
