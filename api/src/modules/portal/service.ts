import { and, eq, inArray, isNull, TransactionRollbackError } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connect.js';
import { readTogether } from '../../db/read-together.js';
import { shares } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import type { BlobStore } from '../../integrations/blob-storage/blob-store.js';
import { publishEvent } from '../../realtime/publish-event.js';
import { decodeCursor, encodeCursor } from '../../shared/pagination.js';
import { recordAudit } from '../audit/record-audit.js';
import { acknowledgeAsContact, answerReplyRequests, listForClient } from '../acknowledgements/service.js';
import { listEventRecipients, listParticipants } from '../conversations/repository.js';
import { assertNotArchived } from '../conversations/service.js';
import { requireDocumentInConversation } from '../files/document-access.js';
import { commitStagedFiles, discardStagedFiles, type TReceivedUpload } from '../files/receive-upload.js';
import * as files from '../files/repository.js';
import { requestPreviews } from '../files/request-previews.js';
import { requireReadyPreview } from '../files/send-preview.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import * as messages from '../messages/repository.js';
import { postMessage } from '../messages/post-message.js';
import { assertSameMessage } from '../messages/service.js';
import { reviseMessage } from '../messages/revise-message.js';
import { toMessageCore } from '../messages/to-message.js';
import type { TContactContext } from '../portal-auth/service.js';
import { extrasTodo } from './extras-routes.js';
import * as repo from './repository.js';
import type { TPortalMessage } from './schemas.js';

/** `jobs` asks for previews of the files clients send (files/request-previews.ts). */
export type TPortalDataDeps = { db: Db; blobs: BlobStore; clock: Clock; jobs?: JobQueue };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type TContactConversationRow = Awaited<ReturnType<typeof repo.listContactConversations>>[number];

/**
 * The conversation as this contact sees it: once their engagement ended it is read-only for
 * them (archived, "engagement ended", since then) even while it goes on for the others.
 */
function asSeenByContact(row: TContactConversationRow) {
  if (!row.historyUntil || row.archivedAt) return row;
  return { ...row, archivedAt: row.historyUntil, archivedReason: 'engagement_ended' as const };
}

/** The newest message this contact may see (after their engagement ended, nothing newer), or undefined for all. */
const lastVisibleSeq = (row: TContactConversationRow) => (row.historyUntil ? (row.historyUntilSeq ?? 0) : undefined);

async function requireConversation(db: Db, ctx: TContactContext, id: string, missing = 'Conversation') {
  const [row] = await repo.listContactConversations(db, ctx.firmId, ctx.contactId, ctx.scopeConversationId, id);
  if (!row) throw notFound(missing);
  return asSeenByContact(row);
}

async function toPortalMessages(db: Db, ctx: TContactContext, rows: messages.TMessageRow[]): Promise<TPortalMessage[]> {
  const attached = await files.listAttachmentsOfMessages(
    db,
    ctx.firmId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const core = toMessageCore(row, attached);
    return {
      id: core.id,
      conversationId: core.conversationId,
      seq: core.seq,
      author: core.author,
      mine: row.authorContactId === ctx.contactId,
      body: core.body,
      via: core.via,
      createdAt: core.createdAt,
      editedAt: core.editedAt,
      pinnedAt: core.pinnedAt,
      files: core.files,
      aboutDocument: core.aboutDocument,
      notice: core.notice,
    };
  });
}

export async function listConversations(db: Db, ctx: TContactContext, onlyId?: string) {
  const rows = await repo.listContactConversations(db, ctx.firmId, ctx.contactId, ctx.scopeConversationId, onlyId);
  const [people, unread] = await readTogether(db, [
    () =>
      listParticipants(
        db,
        ctx.firmId,
        rows.map((r) => r.id),
      ),
    () => repo.countContactUnread(db, ctx.firmId, ctx.contactId),
  ]);
  return {
    items: rows.map(asSeenByContact).map((r) => ({
      id: r.id,
      title: r.name ?? r.matterTitle ?? 'Conversation',
      matter: r.matterNumber ? { number: r.matterNumber, title: r.matterTitle ?? '' } : null,
      archivedAt: iso(r.archivedAt),
      archivedReason: r.archivedReason,
      lastMessageAt: iso(r.lastMessageAt),
      participants: people
        .filter((p) => p.conversationId === r.id && !p.leftAt)
        .map((p) => ({
          name: p.name,
          initials:
            p.initials ??
            p.name
              .split(/\s+/u)
              .map((w) => Array.from(w)[0] ?? '')
              .slice(0, 2)
              .join('')
              .toLocaleUpperCase(),
          kind: p.staffId ? ('staff' as const) : (p.contactKind ?? 'client'),
        })),
      unreadCount: unread.get(r.id) ?? 0,
    })),
  };
}

export async function getConversation(db: Db, ctx: TContactContext, id: string) {
  await requireConversation(db, ctx, id);
  return (await listConversations(db, ctx, id)).items[0]!;
}

export async function listMessages(
  db: Db,
  ctx: TContactContext,
  id: string,
  query: { before?: string; limit: number },
) {
  const conversation = await requireConversation(db, ctx, id);
  const cursorSeq = query.before ? Number(decodeCursor(query.before, 1)[0]) : undefined;
  const until = lastVisibleSeq(conversation);
  const beforeSeq = Math.min(
    Number.isSafeInteger(cursorSeq) ? cursorSeq! : Number.MAX_SAFE_INTEGER,
    until === undefined ? Number.MAX_SAFE_INTEGER : until + 1,
  );
  let rows = await messages.listMessages(db, ctx.firmId, id, {
    beforeSeq: beforeSeq === Number.MAX_SAFE_INTEGER ? undefined : beforeSeq,
    limit: query.limit + 1,
  });
  const hasOlder = rows.length > query.limit;
  if (hasOlder) rows = rows.slice(1);
  return {
    items: await toPortalMessages(db, ctx, rows),
    nextCursor: hasOlder && rows[0] ? encodeCursor([String(rows[0].seq)]) : null,
  };
}

export async function listPinned(db: Db, ctx: TContactContext, id: string) {
  const until = lastVisibleSeq(await requireConversation(db, ctx, id));
  const pinned = await messages.listPinnedMessages(db, ctx.firmId, id);
  return {
    items: await toPortalMessages(
      db,
      ctx,
      pinned.filter((m) => until === undefined || Number(m.seq) <= until),
    ),
  };
}

async function requirePostable(db: Db, ctx: TContactContext, id: string) {
  const conversation = await requireConversation(db, ctx, id);
  assertNotArchived(conversation);
  const me = await repo.findContactParticipant(db, ctx.firmId, id, ctx.contactId);
  if (!me) throw notFound('Conversation');
  return { conversation, me };
}

async function replayed(db: Db, ctx: TContactContext, id: string, key: string | undefined, body: string) {
  if (!key) return undefined;
  const existing = await messages.findMessageByIdempotencyKey(db, ctx.firmId, { contactId: ctx.contactId }, key);
  await assertSameMessage(db, ctx.firmId, existing, id, body);
  return existing;
}

export async function sendMessage(
  db: Db,
  ctx: TContactContext,
  id: string,
  input: {
    body: string;
    aboutDocumentId?: string;
    /** Records uploaded files in the posting transaction (see messages TSendExtras.recordUploads). */
    recordUploads?: (tx: Db) => Promise<string[]>;
    idempotencyKey?: string;
    now?: Date;
  },
) {
  const earlier = await replayed(db, ctx, id, input.idempotencyKey, input.body);
  if (earlier) return (await toPortalMessages(db, ctx, [earlier]))[0]!;
  const { conversation, me } = await requirePostable(db, ctx, id);
  if (input.aboutDocumentId) {
    await requireDocumentInConversation(db, ctx, { id, matterId: null }, input.aboutDocumentId);
  }
  const row =
    (await db
      .transaction(async (tx) => {
        const uploaded = (await input.recordUploads?.(tx)) ?? [];
        const posted = await postMessage(tx, {
          firmId: ctx.firmId,
          conversationId: id,
          conversationKind: conversation.kind,
          author: { contactId: ctx.contactId },
          authorParticipantId: me.id,
          body: input.body,
          via: 'portal',
          idempotencyKey: input.idempotencyKey,
          versionIds: uploaded,
          now: input.now,
          aboutDocumentId: input.aboutDocumentId,
        });
        // the key was used meanwhile: keep nothing of this attempt, the original is returned
        if (!posted && uploaded.length > 0) tx.rollback();
        // a reply answers the conversation's "needs a reply by" requests
        if (posted) {
          await answerReplyRequests(tx, {
            firmId: ctx.firmId,
            conversationId: id,
            contactId: ctx.contactId,
            replyMessageId: posted.id,
            at: input.now ?? new Date(),
          });
        }
        return posted;
      })
      .catch((error: unknown) => {
        if (error instanceof TransactionRollbackError) return undefined;
        throw error;
      })) ?? (await replayed(db, ctx, id, input.idempotencyKey, input.body));
  if (!row) throw new AppError('internal_error', 500, 'The message could not be stored');
  return (await toPortalMessages(db, ctx, [row]))[0]!;
}

/** Files a client or third party sends are saved into the matter's documents, marked as from the portal. */
export async function sendMessageWithUpload(
  deps: TPortalDataDeps,
  ctx: TContactContext,
  id: string,
  upload: TReceivedUpload,
  input: { body: string; idempotencyKey?: string },
) {
  const discard = () =>
    discardStagedFiles(
      { db: deps.db, blobs: deps.blobs, firmId: ctx.firmId },
      upload.files.map((f) => f.blobName),
    ).catch(() => {});
  try {
    const earlier = await replayed(deps.db, ctx, id, input.idempotencyKey, input.body);
    if (earlier) {
      await discard();
      return (await toPortalMessages(deps.db, ctx, [earlier]))[0]!;
    }
    const { conversation } = await requirePostable(deps.db, ctx, id);
    if (upload.files.length === 0 && !/\S/u.test(input.body)) {
      throw new AppError('validation_failed', 400, 'body.body: add text or at least one file', {
        errors: [{ location: 'body', field: 'body', message: 'add text or at least one file' }],
      });
    }
    if (Array.from(input.body).length > 2000) {
      throw new AppError('validation_failed', 400, 'body.body: at most 2,000 characters', {
        errors: [{ location: 'body', field: 'body', message: 'at most 2,000 characters' }],
      });
    }
    await commitStagedFiles(deps.blobs, upload.files);
    // the documents are recorded in the message's own transaction: both or neither
    return await sendMessage(deps.db, ctx, id, {
      body: input.body,
      recordUploads: async (tx) => {
        const versions = await files.insertDocumentsFromUpload(tx, ctx.firmId, upload.files, {
          matterId: conversation.matterId,
          onMatter: true,
          source: 'portal',
          contactId: ctx.contactId,
        });
        await requestPreviews(deps.jobs, tx, ctx.firmId, versions);
        return versions.map((v) => v.id);
      },
      idempotencyKey: input.idempotencyKey,
      now: deps.clock.now(),
    });
  } catch (error) {
    await discard();
    throw error;
  }
}

export async function editMessage(db: Db, ctx: TContactContext, messageId: string, body: string) {
  const row = await messages.getMessage(db, ctx.firmId, messageId);
  if (!row) throw notFound('Message');
  const conversation = await requireConversation(db, ctx, row.conversationId).catch(() => {
    throw notFound('Message');
  });
  if (row.authorContactId !== ctx.contactId)
    throw new AppError('not_author', 403, 'You can only edit your own messages');
  assertNotArchived(conversation);
  await reviseMessage(db, ctx.firmId, row.conversationId, messageId, body);
  return (await toPortalMessages(db, ctx, [(await messages.getMessage(db, ctx.firmId, messageId))!]))[0]!;
}

/** The contact's own read mark. Staff see it as a receipt; the contact never sees theirs. */
export async function markRead(db: Db, ctx: TContactContext, id: string, seq: number) {
  const conversation = await requireConversation(db, ctx, id);
  if (conversation.historyUntil) return { unreadCount: 0 }; // engagement ended: nothing new to read
  const me = await repo.findContactParticipant(db, ctx.firmId, id, ctx.contactId);
  if (!me) throw notFound('Conversation');
  const upTo = Math.min(seq, await messages.maxSeq(db, ctx.firmId, id));
  if (upTo > Number(me.lastReadSeq)) {
    await db.transaction(async (tx) => {
      const lastReadSeq = await messages.advanceReadMark(tx, ctx.firmId, me.id, upTo);
      const recipients = await listEventRecipients(tx, ctx.firmId, id);
      await publishEvent(tx, {
        firmId: ctx.firmId,
        type: 'read.updated',
        conversationId: id,
        staffIds: recipients.staffIds,
        payload: {
          participantId: me.id,
          contactId: ctx.contactId,
          lastReadSeq,
          previousReadSeq: Number(me.lastReadSeq),
        },
      });
    });
  }
  const unread = await repo.countContactUnread(db, ctx.firmId, ctx.contactId);
  return { unreadCount: unread.get(id) ?? 0 };
}

type TFileItem = {
  version: number;
  versionId: string;
  documentId: string;
  name: string;
  size: number;
  contentType: string;
  sha256: string;
  matter: { number: string; title: string } | null;
  conversationId: string;
  receivedAt: string;
  updatedAt: string;
  kind: 'attachment' | 'share';
  shareId: string | null;
  opened: boolean;
};

/** Files a contact has in their conversations: attachments, and live shares not revoked. */
async function collectFiles(db: Db, ctx: TContactContext, conversationIds?: string[]): Promise<TFileItem[]> {
  const convs = (await repo.listContactConversations(db, ctx.firmId, ctx.contactId, ctx.scopeConversationId)).filter(
    (c) => !conversationIds || conversationIds.includes(c.id),
  );
  // After a contact's engagement ended they keep what they had then: no later files or versions.
  const endedAt = new Map(convs.flatMap((c) => (c.historyUntil ? [[c.id, c.historyUntil] as const] : [])));
  const matterOf = new Map(
    convs.map((c) => [c.id, c.matterNumber ? { number: c.matterNumber, title: c.matterTitle ?? '' } : null]),
  );
  const opened = await repo.listOpenedShareIds(db, ctx.firmId, ctx.contactId);
  const items: TFileItem[] = [];
  for (const c of convs) {
    const until = lastVisibleSeq(c);
    for (const a of await files.listConversationAttachments(db, ctx.firmId, c.id)) {
      if (until !== undefined && a.messageSeq > until) continue;
      items.push({
        versionId: a.versionId,
        documentId: a.documentId,
        name: a.name,
        size: Number(a.size),
        contentType: a.contentType,
        sha256: a.sha256,
        matter: matterOf.get(c.id) ?? null,
        conversationId: c.id,
        receivedAt: a.createdAt.toISOString(),
        updatedAt: a.createdAt.toISOString(),
        version: a.version,
        kind: 'attachment',
        shareId: null,
        opened: true,
      });
    }
  }
  const active = convs.length
    ? await db
        .select()
        .from(shares)
        .where(
          and(
            eq(shares.firmId, ctx.firmId),
            inArray(
              shares.conversationId,
              convs.map((c) => c.id),
            ),
            isNull(shares.revokedAt),
          ),
        )
    : [];
  const latest = await files.latestVersions(
    db,
    ctx.firmId,
    active.map((s) => s.documentId),
  );
  for (const s of active) {
    const ended = endedAt.get(s.conversationId);
    if (ended && s.createdAt > ended) continue;
    const v = ended ? await files.latestVersionAsOf(db, ctx.firmId, s.documentId, ended) : latest.get(s.documentId);
    if (!v) continue;
    items.push({
      versionId: v.id,
      documentId: s.documentId,
      name: v.name,
      size: Number(v.size),
      contentType: v.contentType,
      sha256: v.sha256,
      matter: matterOf.get(s.conversationId) ?? null,
      conversationId: s.conversationId,
      receivedAt: s.createdAt.toISOString(),
      updatedAt: v.createdAt.toISOString(),
      version: v.version,
      kind: 'share',
      shareId: s.id,
      opened: opened.has(s.id),
    });
  }
  return items.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
}

export async function listConversationFiles(db: Db, ctx: TContactContext, id: string) {
  await requireConversation(db, ctx, id);
  return { items: await collectFiles(db, ctx, [id]) };
}

export async function listDocuments(db: Db, ctx: TContactContext, q?: string) {
  const all = await collectFiles(db, ctx);
  const needle = q?.toLocaleLowerCase();
  return { items: needle ? all.filter((f) => f.name.toLocaleLowerCase().includes(needle)) : all };
}

/** The conversation's messages marked "needs acknowledgement by" or "needs a reply by", as far as the contact may see. */
export async function listAcknowledgements(db: Db, ctx: TContactContext, id: string) {
  const conversation = await requireConversation(db, ctx, id);
  return listForClient(db, ctx.firmId, id, lastVisibleSeq(conversation));
}

/** "I have read this" on a message the contact may see: recorded once, audited, announced. */
export async function acknowledgeMessage(
  db: Db,
  clock: Clock,
  ctx: TContactContext,
  messageId: string,
  meta: { requestId: string; ip: string | undefined },
) {
  const row = await messages.getMessage(db, ctx.firmId, messageId);
  if (!row) throw notFound('Message');
  // A message of a conversation the contact is not in answers exactly as a missing one.
  const conversation = await requireConversation(db, ctx, row.conversationId, 'Message');
  return acknowledgeAsContact(db, clock, {
    firmId: ctx.firmId,
    conversationId: row.conversationId,
    contactId: ctx.contactId,
    messageId,
    via: 'portal',
    upToSeq: lastVisibleSeq(conversation),
    requestId: meta.requestId,
    ip: meta.ip,
  });
}

/**
 * To Do: conversations with unread messages, shared documents not yet opened, forms to
 * complete, invoices to pay and events in the next 14 days.
 */
export async function getTodo(db: Db, ctx: TContactContext, now: Date = new Date()) {
  const conversations = (await listConversations(db, ctx)).items.filter((c) => c.unreadCount > 0);
  const unopened = (await collectFiles(db, ctx)).filter((f) => f.kind === 'share' && !f.opened);
  return {
    unreadMessages: conversations.map((c) => ({ conversationId: c.id, title: c.title, unreadCount: c.unreadCount })),
    documentsToOpen: unopened,
    ...(await extrasTodo(db, ctx, now)),
  };
}

/** A file the contact may open: one of their conversations' files (collectFiles). */
const findContactFile = async (db: Db, ctx: TContactContext, versionId: string) =>
  (await collectFiles(db, ctx)).find((f) => f.versionId === versionId);

/**
 * A file's preview for a client or third party: the same rule as its download. Not audited as
 * a download and it does not mark a share opened; a refusal is audited (`file.preview`).
 */
export async function preparePreview(
  deps: TPortalDataDeps,
  ctx: TContactContext,
  versionId: string,
  meta: { requestId: string; ip: string | undefined },
) {
  if (!(await findContactFile(deps.db, ctx, versionId))) {
    await recordAudit(deps.db, {
      firmId: ctx.firmId,
      actorKind: 'contact',
      actorId: ctx.contactId,
      action: 'file.preview',
      outcome: 'refused',
      targetKind: 'document_version',
      targetId: versionId,
      requestId: meta.requestId,
      ip: meta.ip,
    });
    throw notFound('File');
  }
  return requireReadyPreview(deps.db, ctx.firmId, versionId);
}

/**
 * May this contact download this version? Only an attachment in one of their conversations,
 * or the latest version of a document shared live with them and not revoked. Otherwise the
 * same 404 as for a missing file.
 */
export async function prepareDownload(
  deps: TPortalDataDeps,
  ctx: TContactContext,
  versionId: string,
  meta: { requestId: string; ip: string | undefined },
) {
  const match = await findContactFile(deps.db, ctx, versionId);
  const audit = (outcome: 'success' | 'refused') =>
    recordAudit(deps.db, {
      firmId: ctx.firmId,
      actorKind: 'contact',
      actorId: ctx.contactId,
      action: 'file.download',
      outcome,
      targetKind: 'document_version',
      targetId: versionId,
      requestId: meta.requestId,
      ip: meta.ip,
    });
  if (!match) {
    await audit('refused');
    throw notFound('File');
  }
  if (match.shareId) await repo.recordShareView(deps.db, ctx.firmId, match.shareId, ctx.contactId, deps.clock.now());
  await audit('success');
  return (await files.getVersion(deps.db, ctx.firmId, versionId))!;
}
