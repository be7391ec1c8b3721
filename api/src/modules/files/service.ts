import type { Db } from '../../db/connect.js';
import { AppError, notFound } from '../../errors.js';
import type { BlobStore } from '../../integrations/blob-storage/blob-store.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { publishEvent } from '../../realtime/publish-event.js';
import { recordAudit } from '../audit/record-audit.js';
import { listEventRecipients } from '../conversations/repository.js';
import { assertNotArchived, requireVisibleConversation } from '../conversations/service.js';
import { requireVisibleMatter } from '../matters/service.js';
import { listMessagesAbout } from '../messages/repository.js';
import { assertStaffMayPost, findReplayedMessage, sendMessage, type TTextMessage } from '../messages/service.js';
import { withReadBy } from '../messages/with-read-by.js';
import { assertTextable } from '../sms/service.js';
import { getConversation, getVisibleConversation } from '../conversations/repository.js';
import {
  requireDocumentInConversation,
  requireReadableVersion,
  requireVisibleDocument,
  resolveAttachableVersions,
} from './document-access.js';
import { postDocumentNotice } from './post-document-notice.js';
import { commitStagedFiles, discardStagedFiles, type TReceivedUpload } from './receive-upload.js';
import * as repo from './repository.js';
import { requestPreviews } from './request-previews.js';
import { requireReadyPreview } from './send-preview.js';
import { toDocument, toVersion } from './to-document.js';

/** `jobs` asks for file previews with each upload (request-previews.ts). */
export type TFilesDeps = { db: Db; blobs: BlobStore; jobs?: JobQueue };

async function documentsWithLatest(db: Db, firmId: string, docs: repo.TDocumentRow[]) {
  const latest = await repo.latestVersions(
    db,
    firmId,
    docs.map((d) => d.id),
  );
  return docs.filter((d) => latest.has(d.id)).map((d) => toDocument(d, latest.get(d.id)!));
}

/** Throws away what was staged when the request will not use it. */
async function discard(deps: TFilesDeps, firmId: string, upload: TReceivedUpload) {
  await discardStagedFiles(
    { ...deps, firmId },
    upload.files.map((f) => f.blobName),
  ).catch(() => {});
}

/**
 * A message with uploaded files. In a matter conversation the files also join the matter's
 * documents (source staff, or outlook from the add-in); elsewhere they belong to the message.
 */
export async function sendMessageWithUpload(
  deps: TFilesDeps,
  ctx: StaffContext,
  conversationId: string,
  upload: TReceivedUpload,
  options: {
    body: string;
    source: 'staff' | 'outlook';
    idempotencyKey?: string;
    aboutDocumentId?: string;
    /** Matter documents attached as copies alongside the uploaded files. */
    documentIds?: string[];
    sendAsSms?: TTextMessage;
    maxFiles: number;
  },
) {
  const { db } = deps;
  try {
    const earlier = await findReplayedMessage(db, ctx, conversationId, options.idempotencyKey, options.body);
    if (earlier) {
      await discard(deps, ctx.firmId, upload);
      return (await withReadBy(db, ctx.firmId, conversationId, [earlier]))[0]!;
    }
    const { conversation } = await assertStaffMayPost(db, ctx, conversationId);
    if (upload.files.length === 0 && !options.documentIds?.length && !/\S/u.test(options.body)) {
      throw new AppError('validation_failed', 400, 'body.body: add text or at least one file', {
        errors: [{ location: 'body', field: 'body', message: 'add text or at least one file' }],
      });
    }
    if (Array.from(options.body).length > 2000) {
      throw new AppError('validation_failed', 400, 'body.body: at most 2,000 characters', {
        errors: [{ location: 'body', field: 'body', message: 'at most 2,000 characters' }],
      });
    }
    // Every refusal sendMessage could make comes before the files become documents.
    const documentIds = options.documentIds ?? [];
    if (upload.files.length + documentIds.length > options.maxFiles) {
      throw new AppError('too_many_files', 413, `At most ${options.maxFiles} files can be sent at once`);
    }
    if (options.sendAsSms) assertTextable(conversation, options.body);
    await resolveAttachableVersions(db, ctx, conversation, documentIds);
    if (options.aboutDocumentId) {
      await requireDocumentInConversation(db, ctx, conversation, options.aboutDocumentId);
    }
    await commitStagedFiles(deps.blobs, upload.files);
    // the documents are recorded in the message's own transaction: both or neither
    return await sendMessage(db, ctx, conversationId, options.body, {
      idempotencyKey: options.idempotencyKey,
      aboutDocumentId: options.aboutDocumentId,
      documentIds: options.documentIds,
      recordUploads: async (tx) => {
        const versions = await repo.insertDocumentsFromUpload(tx, ctx.firmId, upload.files, {
          matterId: conversation.matterId,
          onMatter: conversation.matterId !== null,
          source: options.source,
          staffId: ctx.staffId,
        });
        await requestPreviews(deps.jobs, tx, ctx.firmId, versions);
        return versions.map((v) => v.id);
      },
      via: options.source === 'outlook' ? 'outlook' : 'app',
      sendAsSms: options.sendAsSms,
    });
  } catch (error) {
    await discard(deps, ctx.firmId, upload);
    throw error;
  }
}

export async function uploadMatterDocuments(
  deps: TFilesDeps,
  ctx: StaffContext,
  matterId: string,
  upload: TReceivedUpload,
  source: 'staff' | 'outlook',
) {
  try {
    await requireVisibleMatter(deps.db, ctx, matterId);
    if (upload.files.length === 0) {
      throw new AppError('validation_failed', 400, 'body.files: add at least one file', {
        errors: [{ location: 'body', field: 'files', message: 'add at least one file' }],
      });
    }
    await commitStagedFiles(deps.blobs, upload.files);
    const versions = await deps.db.transaction(async (tx) => {
      const inserted = await repo.insertDocumentsFromUpload(tx, ctx.firmId, upload.files, {
        matterId,
        onMatter: true,
        source,
        staffId: ctx.staffId,
      });
      await requestPreviews(deps.jobs, tx, ctx.firmId, inserted);
      return inserted;
    });
    const docs = await Promise.all(versions.map((v) => repo.getDocument(deps.db, ctx.firmId, v.documentId)));
    return { items: versions.map((v, i) => toDocument(docs[i]!, v)) };
  } catch (error) {
    await discard(deps, ctx.firmId, upload);
    throw error;
  }
}

export async function uploadNewVersion(
  deps: TFilesDeps,
  ctx: StaffContext,
  documentId: string,
  upload: TReceivedUpload,
) {
  try {
    const doc = await requireVisibleDocument(deps.db, ctx, documentId);
    if (!doc.onMatter) throw new AppError('not_a_matter_document', 409, 'Only matter documents have versions');
    if (upload.files.length !== 1) {
      throw new AppError('validation_failed', 400, 'body.file: send exactly one file', {
        errors: [{ location: 'body', field: 'file', message: 'send exactly one file' }],
      });
    }
    await commitStagedFiles(deps.blobs, upload.files);
    const version = await deps.db.transaction(async (tx) => {
      const v = await repo.insertNextVersion(tx, ctx.firmId, documentId, upload.files[0]!, { staffId: ctx.staffId });
      await requestPreviews(deps.jobs, tx, ctx.firmId, [v]);
      // Everyone the document is shared with live sees the new version, and is told so.
      for (const share of await repo.listShares(tx, ctx.firmId, { documentId, activeOnly: true })) {
        const conversation = await getConversation(tx, ctx.firmId, share.conversationId);
        if (conversation && !conversation.archivedAt) {
          await postDocumentNotice(tx, {
            firmId: ctx.firmId,
            conversation,
            staffId: ctx.staffId,
            documentId,
            documentName: v.name,
            notice: { kind: 'document_updated', version: v.version },
          });
        }
        await announceFilesChanged(tx, ctx.firmId, share.conversationId);
      }
      return v;
    });
    return toDocument((await repo.getDocument(deps.db, ctx.firmId, documentId))!, version);
  } catch (error) {
    await discard(deps, ctx.firmId, upload);
    throw error;
  }
}

async function announceFilesChanged(tx: Db, firmId: string, conversationId: string) {
  const recipients = await listEventRecipients(tx, firmId, conversationId);
  await publishEvent(tx, {
    firmId,
    type: 'files.changed',
    conversationId,
    staffIds: recipients.staffIds,
    contactIds: recipients.contactIds,
    payload: {},
  });
}

export async function listMatterDocuments(db: Db, ctx: StaffContext, matterId: string) {
  await requireVisibleMatter(db, ctx, matterId);
  return { items: await documentsWithLatest(db, ctx.firmId, await repo.listMatterDocuments(db, ctx.firmId, matterId)) };
}

async function toShares(db: Db, firmId: string, rows: repo.TShareRow[]) {
  const docs = await Promise.all(rows.map((r) => repo.getDocument(db, firmId, r.documentId)));
  const latest = await repo.latestVersions(
    db,
    firmId,
    rows.map((r) => r.documentId),
  );
  return rows.map((r, i) => ({
    id: r.id,
    conversationId: r.conversationId,
    document: toDocument(docs[i]!, latest.get(r.documentId)!),
    sharedAt: r.createdAt.toISOString(),
    sharedBy: { id: r.sharedByStaffId, name: r.sharedByName ?? '' },
    revokedAt: r.revokedAt ? r.revokedAt.toISOString() : null,
  }));
}

export async function listConversationFiles(db: Db, ctx: StaffContext, conversationId: string) {
  await requireVisibleConversation(db, ctx, conversationId);
  const [attached, shareRows] = await Promise.all([
    repo.listConversationAttachments(db, ctx.firmId, conversationId),
    repo.listShares(db, ctx.firmId, { conversationId }),
  ]);
  return {
    attachments: attached.map((a) => ({
      messageId: a.messageId,
      sentAt: a.createdAt.toISOString(),
      file: {
        versionId: a.versionId,
        documentId: a.documentId,
        name: a.name,
        size: Number(a.size),
        contentType: a.contentType,
        sha256: a.sha256,
        preview: a.preview ?? null,
      },
    })),
    shares: await toShares(db, ctx.firmId, shareRows),
  };
}

export async function getDocumentDetails(db: Db, ctx: StaffContext, documentId: string) {
  const doc = await requireVisibleDocument(db, ctx, documentId);
  const versions = await repo.listVersions(db, ctx.firmId, documentId);
  const about = await listMessagesAbout(db, ctx.firmId, documentId);
  const comments = [];
  for (const m of about) {
    if (await getVisibleConversation(db, ctx.firmId, ctx.staffId, m.conversationId)) {
      comments.push(...(await withReadBy(db, ctx.firmId, m.conversationId, [m])));
    }
  }
  const shareRows = await repo.listShares(db, ctx.firmId, { documentId });
  return {
    document: toDocument(doc, versions[0]!),
    versions: versions.map(toVersion),
    comments,
    shares: await toShares(db, ctx.firmId, shareRows),
  };
}

/** Shares a matter document live into one of that matter's external conversations. */
export async function shareDocument(db: Db, ctx: StaffContext, conversationId: string, documentId: string) {
  const conversation = await requireVisibleConversation(db, ctx, conversationId);
  assertNotArchived(conversation);
  if (conversation.kind !== 'external_matter') {
    throw new AppError('not_external', 409, 'Documents are shared with clients in external matter conversations');
  }
  const doc = await repo.getDocument(db, ctx.firmId, documentId);
  if (!doc || doc.matterId !== conversation.matterId || !doc.onMatter) {
    throw new AppError('validation_failed', 400, 'body.documentId: is not a document of this matter', {
      errors: [{ location: 'body', field: 'documentId', message: 'is not a document of this matter' }],
    });
  }
  const active = await repo.listShares(db, ctx.firmId, { conversationId, documentId, activeOnly: true });
  const id =
    active[0]?.id ??
    (await db.transaction(async (tx) => {
      const shareId = await repo.insertShare(tx, ctx.firmId, documentId, conversationId, ctx.staffId);
      await postDocumentNotice(tx, {
        firmId: ctx.firmId,
        conversation,
        staffId: ctx.staffId,
        documentId,
        documentName: doc.name,
        notice: { kind: 'document_shared' },
      });
      await announceFilesChanged(tx, ctx.firmId, conversationId);
      return shareId;
    }));
  return (await toShares(db, ctx.firmId, await repo.listShares(db, ctx.firmId, { shareId: id })))[0]!;
}

export async function revokeShare(db: Db, ctx: StaffContext, shareId: string, requestId: string) {
  const [share] = await repo.listShares(db, ctx.firmId, { shareId });
  if (!share || !(await getVisibleConversation(db, ctx.firmId, ctx.staffId, share.conversationId))) {
    throw notFound('Share');
  }
  if (!share.revokedAt) {
    await db.transaction(async (tx) => {
      await repo.revokeShare(tx, ctx.firmId, shareId, ctx.staffId);
      await announceFilesChanged(tx, ctx.firmId, share.conversationId);
    });
    await recordAudit(db, {
      firmId: ctx.firmId,
      actorKind: 'staff',
      actorId: ctx.staffId,
      action: 'share.revoke',
      outcome: 'success',
      targetKind: 'share',
      targetId: shareId,
      requestId,
    });
  }
  return (await toShares(db, ctx.firmId, await repo.listShares(db, ctx.firmId, { shareId })))[0]!;
}

/** A staff member's download or preview of a version, allowed or refused, in the audit log. */
function auditVersionAccess(
  deps: TFilesDeps,
  ctx: StaffContext,
  versionId: string,
  meta: { requestId: string; ip: string | undefined },
  action: 'file.download' | 'file.preview',
  outcome: 'success' | 'refused',
) {
  return recordAudit(deps.db, {
    firmId: ctx.firmId,
    actorKind: 'staff',
    actorId: ctx.staffId,
    action,
    outcome,
    targetKind: 'document_version',
    targetId: versionId,
    requestId: meta.requestId,
    ip: meta.ip,
  });
}

/** Everything needed to serve a download, after authorisation; the route streams it. */
export async function prepareStaffDownload(
  deps: TFilesDeps,
  ctx: StaffContext,
  versionId: string,
  meta: { requestId: string; ip: string | undefined },
) {
  try {
    const { version } = await requireReadableVersion(deps.db, ctx, versionId);
    await auditVersionAccess(deps, ctx, versionId, meta, 'file.download', 'success');
    return version;
  } catch (error) {
    await auditVersionAccess(deps, ctx, versionId, meta, 'file.download', 'refused');
    throw error;
  }
}

/**
 * A file's preview for staff: the same rule as its download (requireReadableVersion). Seeing
 * a thumbnail is not audited as a download (the message list asks for every one it shows);
 * a refusal is audited (`file.preview`, refused), like a refused download.
 */
export async function prepareStaffPreview(
  deps: TFilesDeps,
  ctx: StaffContext,
  versionId: string,
  meta: { requestId: string; ip: string | undefined },
) {
  try {
    await requireReadableVersion(deps.db, ctx, versionId);
  } catch (error) {
    await auditVersionAccess(deps, ctx, versionId, meta, 'file.preview', 'refused');
    throw error;
  }
  return requireReadyPreview(deps.db, ctx.firmId, versionId);
}
