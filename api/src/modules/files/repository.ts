import { and, asc, desc, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { queryRows } from '../../db/query-rows.js';
import { attachments, documents, documentVersions, messages, pendingUploads, shares, staff } from '../../db/schema.js';
import type { TFilePreview } from './preview-types.js';
import { insertPendingPreviews } from './previews-repository.js';
import type { TStagedFile } from './receive-upload.js';

export type TDocumentSource = 'staff' | 'outlook' | 'portal' | 'export';
export type TVersionRow = typeof documentVersions.$inferSelect;
export type TDocumentRow = typeof documents.$inferSelect;

/**
 * Records uploaded files as documents (one version each) and removes their pending-upload
 * rows, in the caller's transaction. Returns the new versions in upload order.
 */
export async function insertDocumentsFromUpload(
  tx: Db,
  firmId: string,
  files: TStagedFile[],
  meta: {
    matterId: string | null;
    onMatter: boolean;
    source: TDocumentSource;
    staffId?: string | null;
    contactId?: string | null;
  },
): Promise<TVersionRow[]> {
  const versions: TVersionRow[] = [];
  for (const file of files) {
    const [doc] = await tx
      .insert(documents)
      .values({
        firmId,
        matterId: meta.matterId,
        name: file.name,
        source: meta.source,
        onMatter: meta.onMatter,
        createdByStaffId: meta.staffId ?? null,
        createdByContactId: meta.contactId ?? null,
      })
      .returning({ id: documents.id });
    versions.push(await insertVersion(tx, firmId, doc!.id, 1, file, meta));
  }
  await clearPending(tx, firmId, files);
  return versions;
}

async function clearPending(tx: Db, firmId: string, files: TStagedFile[]) {
  if (files.length === 0) return;
  await tx.delete(pendingUploads).where(
    and(
      eq(pendingUploads.firmId, firmId),
      inArray(
        pendingUploads.blobName,
        files.map((f) => f.blobName),
      ),
    ),
  );
}

async function insertVersion(
  tx: Db,
  firmId: string,
  documentId: string,
  version: number,
  file: TStagedFile,
  meta: { staffId?: string | null; contactId?: string | null },
): Promise<TVersionRow> {
  const [row] = await tx
    .insert(documentVersions)
    .values({
      firmId,
      documentId,
      version,
      blobName: file.blobName,
      name: file.name,
      size: file.size,
      sha256: file.sha256,
      contentType: file.contentType,
      uploadedByStaffId: meta.staffId ?? null,
      uploadedByContactId: meta.contactId ?? null,
    })
    .returning();
  await insertPendingPreviews(tx, firmId, [row!]);
  return row!;
}

/** A new version of an existing document; the document takes the new name. */
export async function insertNextVersion(
  tx: Db,
  firmId: string,
  documentId: string,
  file: TStagedFile,
  meta: { staffId?: string | null; contactId?: string | null },
): Promise<TVersionRow> {
  const [{ next }] = await queryRows<{ next: number }>(
    tx,
    sql`select coalesce(max(version), 0)::int + 1 as next from document_versions
        where firm_id = ${firmId} and document_id = ${documentId}`,
  ).then((rows) => rows as [{ next: number }]);
  const row = await insertVersion(tx, firmId, documentId, next, file, meta);
  await tx
    .update(documents)
    .set({ name: file.name, updatedAt: sql`now()` })
    .where(and(eq(documents.firmId, firmId), eq(documents.id, documentId)));
  await clearPending(tx, firmId, [file]);
  return row;
}

export async function getDocument(db: Db, firmId: string, documentId: string): Promise<TDocumentRow | undefined> {
  const rows = await db
    .select()
    .from(documents)
    .where(and(eq(documents.firmId, firmId), eq(documents.id, documentId)))
    .limit(1);
  return rows[0];
}

export async function getVersion(db: Db, firmId: string, versionId: string): Promise<TVersionRow | undefined> {
  const rows = await db
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.firmId, firmId), eq(documentVersions.id, versionId)))
    .limit(1);
  return rows[0];
}

export async function listVersions(db: Db, firmId: string, documentId: string): Promise<TVersionRow[]> {
  return db
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.firmId, firmId), eq(documentVersions.documentId, documentId)))
    .orderBy(desc(documentVersions.version));
}

/** Latest version of each document. */
export async function latestVersions(db: Db, firmId: string, documentIds: string[]): Promise<Map<string, TVersionRow>> {
  if (documentIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([documentVersions.documentId])
    .from(documentVersions)
    .where(and(eq(documentVersions.firmId, firmId), inArray(documentVersions.documentId, documentIds)))
    .orderBy(documentVersions.documentId, desc(documentVersions.version));
  return new Map(rows.map((r) => [r.documentId, r]));
}

/** The version of a document that was the latest at a moment (what someone saw then). */
export async function latestVersionAsOf(
  db: Db,
  firmId: string,
  documentId: string,
  at: Date,
): Promise<TVersionRow | undefined> {
  const rows = await db
    .select()
    .from(documentVersions)
    .where(
      and(
        eq(documentVersions.firmId, firmId),
        eq(documentVersions.documentId, documentId),
        lte(documentVersions.createdAt, at),
      ),
    )
    .orderBy(desc(documentVersions.version))
    .limit(1);
  return rows[0];
}

export async function listMatterDocuments(db: Db, firmId: string, matterId: string): Promise<TDocumentRow[]> {
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.firmId, firmId), eq(documents.matterId, matterId), eq(documents.onMatter, true)))
    .orderBy(desc(documents.updatedAt), desc(documents.id))
    .limit(1000);
}

export type TAttachmentRow = {
  messageId: string;
  position: number;
  versionId: string;
  documentId: string;
  name: string;
  size: number;
  sha256: string;
  contentType: string;
  createdAt: Date;
  version: number;
  /** The seq of the message that carries it. */
  messageSeq: number;
  /** Its thumbnail or first-page preview; null for files that have none. */
  preview: TFilePreview | null;
};

/** Attachments with the version each one fixed (name, size, hash, type). */
function selectAttachments(db: Db) {
  return db
    .select({
      messageId: attachments.messageId,
      position: attachments.position,
      versionId: documentVersions.id,
      documentId: documentVersions.documentId,
      name: documentVersions.name,
      size: documentVersions.size,
      sha256: documentVersions.sha256,
      contentType: documentVersions.contentType,
      createdAt: documentVersions.createdAt,
      version: documentVersions.version,
      messageSeq: messages.seq,
      preview: sql<TFilePreview | null>`confer_file_preview(${attachments.firmId}, ${documentVersions.id})`,
    })
    .from(attachments)
    .innerJoin(
      documentVersions,
      and(eq(documentVersions.firmId, attachments.firmId), eq(documentVersions.id, attachments.documentVersionId)),
    )
    .innerJoin(messages, and(eq(messages.firmId, attachments.firmId), eq(messages.id, attachments.messageId)));
}

export async function listAttachmentsOfMessages(
  db: Db,
  firmId: string,
  messageIds: string[],
): Promise<TAttachmentRow[]> {
  if (messageIds.length === 0) return [];
  return selectAttachments(db)
    .where(and(eq(attachments.firmId, firmId), inArray(attachments.messageId, messageIds)))
    .orderBy(asc(attachments.position));
}

export async function listConversationAttachments(db: Db, firmId: string, conversationId: string) {
  return selectAttachments(db)
    .where(and(eq(attachments.firmId, firmId), eq(attachments.conversationId, conversationId)))
    .orderBy(desc(documentVersions.createdAt), asc(attachments.position))
    .limit(2000);
}

/** Conversations in which this exact version was sent as an attachment. */
export async function conversationsWithAttachment(db: Db, firmId: string, versionId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: attachments.conversationId })
    .from(attachments)
    .where(and(eq(attachments.firmId, firmId), eq(attachments.documentVersionId, versionId)));
  return rows.map((r) => r.id);
}

export type TShareRow = typeof shares.$inferSelect & { sharedByName: string | null };

export async function insertShare(tx: Db, firmId: string, documentId: string, conversationId: string, staffId: string) {
  const [row] = await tx
    .insert(shares)
    .values({ firmId, documentId, conversationId, sharedByStaffId: staffId })
    .returning({ id: shares.id });
  return row!.id;
}

export async function listShares(
  db: Db,
  firmId: string,
  filter: { conversationId?: string; shareId?: string; documentId?: string; activeOnly?: boolean },
): Promise<TShareRow[]> {
  const conditions: SQL[] = [eq(shares.firmId, firmId)];
  if (filter.conversationId) conditions.push(eq(shares.conversationId, filter.conversationId));
  if (filter.shareId) conditions.push(eq(shares.id, filter.shareId));
  if (filter.documentId) conditions.push(eq(shares.documentId, filter.documentId));
  if (filter.activeOnly) conditions.push(isNull(shares.revokedAt));
  const rows = await db
    .select({
      firmId: shares.firmId,
      id: shares.id,
      documentId: shares.documentId,
      conversationId: shares.conversationId,
      sharedByStaffId: shares.sharedByStaffId,
      createdAt: shares.createdAt,
      revokedAt: shares.revokedAt,
      revokedByStaffId: shares.revokedByStaffId,
      sharedByName: staff.name,
    })
    .from(shares)
    .leftJoin(staff, and(eq(staff.firmId, shares.firmId), eq(staff.id, shares.sharedByStaffId)))
    .where(and(...conditions))
    .orderBy(desc(shares.createdAt))
    .limit(1000);
  return rows;
}

export async function revokeShare(tx: Db, firmId: string, shareId: string, staffId: string): Promise<void> {
  await tx
    .update(shares)
    .set({ revokedAt: sql`clock_timestamp()`, revokedByStaffId: staffId })
    .where(and(eq(shares.firmId, firmId), eq(shares.id, shareId), isNull(shares.revokedAt)));
}
