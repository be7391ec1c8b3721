import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { attachments, documentVersions, shares } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import type { TConversationRow } from '../conversations/repository.js';
import { getVisibleConversation } from '../conversations/repository.js';
import { getVisibleMatter } from '../matters/repository.js';
import * as repo from './repository.js';

/** A document the caller may see: on a matter they may see, or attached where they may read. */
export async function requireVisibleDocument(db: Db, ctx: StaffContext, documentId: string) {
  const doc = await repo.getDocument(db, ctx.firmId, documentId);
  if (doc?.matterId && doc.onMatter && (await getVisibleMatter(db, ctx.firmId, ctx.staffId, doc.matterId))) return doc;
  if (doc) {
    const versions = await repo.listVersions(db, ctx.firmId, doc.id);
    for (const v of versions) {
      for (const c of await repo.conversationsWithAttachment(db, ctx.firmId, v.id)) {
        if (await getVisibleConversation(db, ctx.firmId, ctx.staffId, c)) return doc;
      }
    }
  }
  throw notFound('Document');
}

/**
 * May staff download this version? Yes when its document is on a matter they may see, or
 * when the version was sent in a conversation they may see.
 */
export async function requireReadableVersion(db: Db, ctx: StaffContext, versionId: string) {
  const version = await repo.getVersion(db, ctx.firmId, versionId);
  if (version) {
    const doc = await repo.getDocument(db, ctx.firmId, version.documentId);
    if (doc?.matterId && doc.onMatter && (await getVisibleMatter(db, ctx.firmId, ctx.staffId, doc.matterId))) {
      return { version, document: doc };
    }
    for (const c of await repo.conversationsWithAttachment(db, ctx.firmId, versionId)) {
      if (doc && (await getVisibleConversation(db, ctx.firmId, ctx.staffId, c))) return { version, document: doc };
    }
  }
  throw notFound('File');
}

/**
 * Matter documents to attach to a message: each must be a document of the conversation's
 * matter (or, outside matter conversations, of a matter the caller may see). Their current
 * versions are attached: later versions do not change what was sent.
 */
export async function resolveAttachableVersions(
  db: Db,
  ctx: StaffContext,
  conversation: TConversationRow,
  documentIds: string[],
): Promise<string[]> {
  if (documentIds.length === 0) return [];
  const ids = [...new Set(documentIds)];
  for (const id of ids) {
    const doc = await repo.getDocument(db, ctx.firmId, id);
    const sameMatter = conversation.matterId ? doc?.matterId === conversation.matterId : true;
    const visible =
      doc?.matterId && doc.onMatter && (await getVisibleMatter(db, ctx.firmId, ctx.staffId, doc.matterId));
    if (!doc || !sameMatter || !visible) {
      throw new AppError('validation_failed', 400, `body.documentIds: ${id} is not a document of this matter`, {
        errors: [{ location: 'body', field: 'documentIds', message: 'contains a document not on this matter' }],
      });
    }
  }
  const latest = await repo.latestVersions(db, ctx.firmId, ids);
  return ids.map((id) => latest.get(id)!.id);
}

/** A file comment must refer to a file present in the conversation (sent there, shared there, or on its matter). */
export async function requireDocumentInConversation(
  db: Db,
  ctx: { firmId: string },
  conversation: Pick<TConversationRow, 'id' | 'matterId'>,
  documentId: string,
): Promise<void> {
  const doc = await repo.getDocument(db, ctx.firmId, documentId);
  if (doc) {
    if (conversation.matterId && doc.matterId === conversation.matterId && doc.onMatter) return;
    const attached = await db
      .select({ id: attachments.messageId })
      .from(attachments)
      .innerJoin(
        documentVersions,
        and(eq(documentVersions.firmId, attachments.firmId), eq(documentVersions.id, attachments.documentVersionId)),
      )
      .where(
        and(
          eq(attachments.firmId, ctx.firmId),
          eq(attachments.conversationId, conversation.id),
          eq(documentVersions.documentId, documentId),
        ),
      )
      .limit(1);
    if (attached.length) return;
    const shared = await db
      .select({ id: shares.id })
      .from(shares)
      .where(
        and(
          eq(shares.firmId, ctx.firmId),
          eq(shares.conversationId, conversation.id),
          eq(shares.documentId, documentId),
          isNull(shares.revokedAt),
        ),
      )
      .limit(1);
    if (shared.length) return;
  }
  throw new AppError('validation_failed', 400, 'body.aboutDocumentId: is not a file in this conversation', {
    errors: [{ location: 'body', field: 'aboutDocumentId', message: 'is not a file in this conversation' }],
  });
}
