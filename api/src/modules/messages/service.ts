import { TransactionRollbackError } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { AppError, notFound } from '../../errors.js';
import { keyReused } from '../../http/run-idempotent.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { publishEvent } from '../../realtime/publish-event.js';
import { requireDocumentInConversation, resolveAttachableVersions } from '../files/document-access.js';
import { postMessage, recordMessage } from './post-message.js';
import { announceMessage, reviseMessage } from './revise-message.js';
import { decodeCursor, encodeCursor } from '../../shared/pagination.js';
import {
  countUnreadByConversation,
  findPostingContext,
  getVisibleConversation,
  listEventRecipients,
  listReaders,
  listVisibleConversations,
  readersListedUpTo,
} from '../conversations/repository.js';
import {
  assertNotArchived,
  notAParticipant,
  requireActiveParticipant,
  requireVisibleConversation,
} from '../conversations/service.js';
import { assertTextable } from '../sms/service.js';
import { assertAcknowledgeable, type TAcknowledgeBy } from '../acknowledgements/service.js';
import { withReadBy } from './with-read-by.js';
import * as repo from './repository.js';
import type { TMessage } from './schemas.js';
import { toReadReceipt } from './to-message.js';

/** A message in a conversation the caller may see; otherwise 404. */
async function requireVisibleMessage(db: Db, ctx: StaffContext, messageId: string) {
  const row = await repo.getMessage(db, ctx.firmId, messageId);
  const conversation = row ? await getVisibleConversation(db, ctx.firmId, ctx.staffId, row.conversationId) : undefined;
  if (!row || !conversation) throw notFound('Message');
  return { row, conversation };
}

/**
 * The newest page, an older page (`before`), or the page around a seq (`around`); oldest
 * first. A page is three statements: the messages with their files (and the visibility
 * check), the read receipts, the texts.
 */
export async function listConversationMessages(
  db: Db,
  ctx: StaffContext,
  conversationId: string,
  query: { before?: string; around?: number; limit: number },
) {
  if (query.around !== undefined) {
    await requireVisibleConversation(db, ctx, conversationId);
    const rows = await repo.listMessagesAround(db, ctx.firmId, conversationId, query.around, query.limit);
    const hasOlder =
      rows.length > 0 &&
      (await repo.listMessages(db, ctx.firmId, conversationId, { beforeSeq: rows[0]!.seq, limit: 1 })).length > 0;
    return {
      items: await withReadBy(db, ctx.firmId, conversationId, rows),
      nextCursor: hasOlder ? encodeCursor([String(rows[0]!.seq)]) : null,
    };
  }
  const beforeSeq = query.before ? Number(decodeCursor(query.before, 1)[0]) : undefined;
  if (beforeSeq !== undefined && !Number.isSafeInteger(beforeSeq)) decodeCursor('', 1);
  let rows = await repo.listVisiblePage(db, ctx.firmId, ctx.staffId, conversationId, {
    beforeSeq,
    limit: query.limit + 1,
  });
  if (rows.length === 0) await requireVisibleConversation(db, ctx, conversationId); // empty, or not theirs
  const hasOlder = rows.length > query.limit;
  if (hasOlder) rows = rows.slice(1);
  const oldest = rows[0];
  return {
    items: await withReadBy(
      db,
      ctx.firmId,
      conversationId,
      rows,
      rows.flatMap((r) => r.files),
    ),
    nextCursor: hasOlder && oldest ? encodeCursor([String(oldest.seq)]) : null,
  };
}

export async function listPinned(db: Db, ctx: StaffContext, conversationId: string) {
  await requireVisibleConversation(db, ctx, conversationId);
  const rows = await repo.listPinnedMessages(db, ctx.firmId, conversationId);
  return { items: await withReadBy(db, ctx.firmId, conversationId, rows) };
}

/** What a staff member's send carries besides the text. */
export type TSendExtras = {
  idempotencyKey?: string;
  documentIds?: string[];
  aboutDocumentId?: string;
  /**
   * Records freshly uploaded files (their blobs already committed) in the posting transaction
   * and returns their version ids: the documents and the message commit together or not at all.
   */
  recordUploads?: (tx: Db) => Promise<string[]>;
  /** Told when the answer is the message an earlier request with the key created. */
  onReplay?: () => void;
  via?: 'app' | 'outlook';
  /** "Send as SMS": texts the new message in the posting transaction (see sms/service textMessage). */
  sendAsSms?: TTextMessage;
  /** The app's clock (for the new-message email delay). */
  now?: Date;
  /**
   * "Needs acknowledgement by" / "needs a reply by": checked before the send, then recorded
   * (`record`, with its reminder jobs) in the posting transaction.
   */
  acknowledgeBy?: TAcknowledgeBy & { record: TRecordAcknowledgement };
};

/** Records a just-posted message's acknowledge-by request (see acknowledgements/service requestAcknowledgement). */
export type TRecordAcknowledgement = (
  tx: Db,
  input: { firmId: string; conversationId: string; messageId: string; staffId: string; acknowledgeBy: TAcknowledgeBy },
) => Promise<void>;

/** Texts a just-posted message to the conversation's clients and third parties. */
export type TTextMessage = (
  tx: Db,
  input: { firmId: string; conversationId: string; messageId: string; body: string },
) => Promise<void>;

/**
 * A retry with the same Idempotency-Key: the original message, or undefined. The key on the
 * message outlives the request records of http/run-idempotent.ts, so this replay holds for
 * good; another conversation or another text under the same key is refused with 422.
 */
export async function findReplayedMessage(
  db: Db,
  ctx: StaffContext,
  conversationId: string,
  key: string | undefined,
  body?: string,
) {
  if (!key) return undefined;
  const existing = await repo.findMessageByIdempotencyKey(db, ctx.firmId, { staffId: ctx.staffId }, key);
  await assertSameMessage(db, ctx.firmId, existing, conversationId, body);
  return existing;
}

/** 422 unless the message under a key is the one now asked for (same conversation, same first text). */
export async function assertSameMessage(
  db: Db,
  firmId: string,
  existing: repo.TMessageRow | undefined,
  conversationId: string,
  body: string | undefined,
) {
  if (!existing) return;
  if (existing.conversationId !== conversationId) throw keyReused();
  if (body !== undefined && (await repo.originalBody(db, firmId, existing)) !== body) throw keyReused();
}

/** The checks before a staff member may post: visible, joined, not archived. */
export async function assertStaffMayPost(db: Db, ctx: StaffContext, conversationId: string) {
  const conversation = await requireVisibleConversation(db, ctx, conversationId);
  const me = await requireActiveParticipant(db, ctx, conversationId);
  assertNotArchived(conversation);
  return { conversation, me };
}

/**
 * Posts a message. With an Idempotency-Key, a retry returns the message the first attempt
 * created, and nothing is posted twice. The usual send is two statements: the checks
 * (visibility, participation, archive, an earlier use of the key) and the write.
 */
export async function sendMessage(
  db: Db,
  ctx: StaffContext,
  conversationId: string,
  body: string,
  extras: TSendExtras = {},
): Promise<TMessage> {
  const context = await findPostingContext(db, ctx.firmId, ctx.staffId, conversationId, extras.idempotencyKey);
  if (!context) throw notFound('Conversation');
  const replayed = async (id: string | undefined) => {
    const earlier = id ? await repo.getMessage(db, ctx.firmId, id) : undefined;
    await assertSameMessage(db, ctx.firmId, earlier, conversationId, body);
    if (earlier) extras.onReplay?.();
    return earlier && (await withReadBy(db, ctx.firmId, conversationId, [earlier]))[0]!;
  };
  if (context.replayed) {
    if (context.replayed.conversationId !== conversationId) throw keyReused();
    const earlier = await replayed(context.replayed.id);
    if (earlier) return earlier;
  }
  const { conversation, participant } = context;
  if (!participant || participant.leftAt) throw notAParticipant();
  assertNotArchived(conversation);
  if (extras.sendAsSms) assertTextable(conversation, body);
  const { acknowledgeBy } = extras;
  if (acknowledgeBy) assertAcknowledgeable(conversation, acknowledgeBy, extras.now ?? new Date());
  const attached = await resolveAttachableVersions(db, ctx, conversation, extras.documentIds ?? []);
  if (extras.aboutDocumentId) await requireDocumentInConversation(db, ctx, conversation, extras.aboutDocumentId);
  const input = {
    firmId: ctx.firmId,
    conversationId,
    author: { staffId: ctx.staffId },
    authorParticipantId: participant.id,
    body,
    via: extras.via ?? ('app' as const),
    idempotencyKey: extras.idempotencyKey,
    versionIds: attached,
    aboutDocumentId: extras.aboutDocumentId,
    now: extras.now,
  };
  const { recordUploads, sendAsSms } = extras;
  if (!sendAsSms && !recordUploads && !acknowledgeBy) {
    // one statement, its own transaction: the answer is what it returns (nobody has read it yet)
    const recorded = await recordMessage(db, input);
    if (recorded) {
      const listed = recorded.participantCount <= readersListedUpTo;
      return { ...recorded.message, readBy: listed ? [] : null, readCount: 0, sms: null };
    }
  } else {
    // files just uploaded and texts commit with the message, or nothing does
    const created = await db
      .transaction(async (tx) => {
        const uploaded = (await recordUploads?.(tx)) ?? [];
        const posted = await postMessage(tx, { ...input, versionIds: [...attached, ...uploaded] });
        // the key was used meanwhile: keep nothing of this attempt, the original is returned
        if (!posted && uploaded.length > 0) tx.rollback();
        if (posted && sendAsSms)
          await sendAsSms(tx, { firmId: ctx.firmId, conversationId, messageId: posted.id, body });
        if (posted && acknowledgeBy) {
          const { kind, dueAt } = acknowledgeBy;
          await acknowledgeBy.record(tx, {
            firmId: ctx.firmId,
            conversationId,
            messageId: posted.id,
            staffId: ctx.staffId,
            acknowledgeBy: { kind, dueAt },
          });
        }
        return posted;
      })
      .catch((error: unknown) => {
        if (error instanceof TransactionRollbackError) return undefined;
        throw error;
      });
    if (created) return (await withReadBy(db, ctx.firmId, conversationId, [created]))[0]!;
  }
  // the key was used by a request running at the same time: answer with its message
  const earlier = await findReplayedMessage(db, ctx, conversationId, extras.idempotencyKey, body);
  const row = earlier && (await replayed(earlier.id));
  if (!row) throw new AppError('internal_error', 500, 'The message could not be stored');
  return row;
}

/** Who has read a message, by name (the list behind "Seen by N" in large conversations). */
export async function getReaders(db: Db, ctx: StaffContext, messageId: string) {
  const { row } = await requireVisibleMessage(db, ctx, messageId);
  const readers = await listReaders(db, ctx.firmId, {
    conversationId: row.conversationId,
    seq: Number(row.seq),
    authorId: (row.authorStaffId ?? row.authorContactId)!,
  });
  return { items: readers.map(toReadReceipt) };
}

export async function editMessage(db: Db, ctx: StaffContext, messageId: string, body: string): Promise<TMessage> {
  const { row, conversation } = await requireVisibleMessage(db, ctx, messageId);
  if (row.authorStaffId !== ctx.staffId) {
    throw new AppError('not_author', 403, 'Only the author can edit a message');
  }
  if (row.notice) throw new AppError('not_editable', 409, 'An announcement about a document cannot be edited');
  assertNotArchived(conversation);
  await reviseMessage(db, ctx.firmId, row.conversationId, messageId, body);
  const fresh = (await repo.getMessage(db, ctx.firmId, messageId))!;
  return (await withReadBy(db, ctx.firmId, row.conversationId, [fresh]))[0]!;
}

export async function getRevisions(db: Db, ctx: StaffContext, messageId: string) {
  const { row } = await requireVisibleMessage(db, ctx, messageId);
  const items = await repo.listRevisions(db, ctx.firmId, messageId);
  return {
    current: (await withReadBy(db, ctx.firmId, row.conversationId, [row]))[0]!,
    items: items.map((r) => ({ revision: r.revision, body: r.body, replacedAt: r.replacedAt.toISOString() })),
  };
}

export async function setMessagePinned(
  db: Db,
  ctx: StaffContext,
  messageId: string,
  pinned: boolean,
): Promise<TMessage> {
  const { row, conversation } = await requireVisibleMessage(db, ctx, messageId);
  await requireActiveParticipant(db, ctx, row.conversationId);
  assertNotArchived(conversation);
  if (Boolean(row.pinnedAt) !== pinned) {
    await db.transaction(async (tx) => {
      await repo.setPinned(tx, ctx.firmId, messageId, pinned ? ctx.staffId : null);
      await announceMessage(tx, ctx.firmId, row.conversationId, messageId, 'message.pinned');
    });
  }
  const fresh = (await repo.getMessage(db, ctx.firmId, messageId))!;
  return (await withReadBy(db, ctx.firmId, row.conversationId, [fresh]))[0]!;
}

/** Unread counts over the conversations the caller has joined and may still see. */
export async function getUnread(db: Db, ctx: StaffContext) {
  const joined = await listVisibleConversations(db, ctx.firmId, ctx.staffId, { joinedOnly: true, limit: 1000 });
  const counts = await countUnreadByConversation(
    db,
    ctx.firmId,
    ctx.staffId,
    joined.map((c) => c.id),
  );
  const conversations = joined
    .map((c) => ({ conversationId: c.id, matterId: c.matterId, kind: c.kind, unread: counts.get(c.id) ?? 0 }))
    .filter((c) => c.unread > 0);
  return { total: conversations.reduce((sum, c) => sum + c.unread, 0), conversations };
}

/**
 * Marks messages up to `seq` read. Staff participants see the receipt live; clients and
 * third parties are never told who read what.
 */
export async function markRead(db: Db, ctx: StaffContext, conversationId: string, seq: number) {
  await requireVisibleConversation(db, ctx, conversationId);
  const me = await requireActiveParticipant(db, ctx, conversationId);
  const upTo = Math.min(seq, await repo.maxSeq(db, ctx.firmId, conversationId));
  if (upTo > Number(me.lastReadSeq)) {
    await db.transaction(async (tx) => {
      const lastReadSeq = await repo.advanceReadMark(tx, ctx.firmId, me.id, upTo);
      const recipients = await listEventRecipients(tx, ctx.firmId, conversationId);
      await publishEvent(tx, {
        firmId: ctx.firmId,
        type: 'read.updated',
        conversationId,
        staffIds: recipients.staffIds,
        payload: { participantId: me.id, staffId: ctx.staffId, lastReadSeq, previousReadSeq: Number(me.lastReadSeq) },
      });
    });
  }
  const unread = await getUnread(db, ctx);
  const unreadCount = unread.conversations.find((c) => c.conversationId === conversationId)?.unread ?? 0;
  await db.transaction((tx) =>
    publishEvent(tx, {
      firmId: ctx.firmId,
      type: 'unread.changed',
      conversationId,
      staffIds: [ctx.staffId],
      payload: { unreadCount, total: unread.total },
    }),
  );
  return { unreadCount, total: unread.total };
}
