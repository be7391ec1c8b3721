import type { Db } from '../../db/connect.js';
import { namedStatement } from '../../db/named-statement.js';
import { uuidArrayLiteral } from '../../db/uuid-array-literal.js';
import * as repo from './repository.js';
import type { TMessageCore } from './schemas.js';

export type TPostMessage = {
  firmId: string;
  conversationId: string;
  /** Informational: the database reads the conversation's kind itself. */
  conversationKind?: 'external_matter' | 'internal_matter' | 'direct' | 'channel';
  author: { staffId: string; contactId?: undefined } | { contactId: string; staffId?: undefined };
  /** The participant row of the author, whose read mark moves to the new message. */
  authorParticipantId?: string;
  body: string;
  via: repo.TMessageRow['via'];
  idempotencyKey?: string;
  versionIds?: string[];
  aboutDocumentId?: string;
  /** A reply by text: the message it answers. */
  inReplyToMessageId?: string;
  /** An announcement about `aboutDocumentId` (shared live, new version) rather than something said. */
  notice?: { kind: 'document_shared' | 'document_updated'; version?: number };
  /** The app's clock, for the new-message email delay (the database's when absent). */
  now?: Date;
};

export type TRecorded = {
  /** The message as everyone in the conversation sees it (the `message.created` payload). */
  message: TMessageCore;
  /** Participants of the conversation (read receipts are listed by name up to 20). */
  participantCount: number;
};

const post = namedStatement<{ recorded: TRecorded | null }>(
  'confer_post_message',
  `select confer_post_message($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::uuid[], $12::timestamptz, $13::message_notice, $14::integer) as recorded`,
);

/**
 * Records a message in one statement (the SQL function `confer_post_message`): the message,
 * its attachments, the conversation's activity time, the author's read mark, new-message
 * email batches and the events for everyone in the conversation. Runs in the caller's
 * transaction, or as its own when `db` is not one. Returns the message as everyone in the
 * conversation sees it (the `message.created` payload), or undefined when the idempotency key
 * was already used (the caller returns the original instead). Callers check who may post.
 */
export async function recordMessage(db: Db, input: TPostMessage): Promise<TRecorded | undefined> {
  const [row] = await post(db, [
    input.firmId,
    input.conversationId,
    input.author.staffId ?? null,
    input.author.contactId ?? null,
    input.authorParticipantId ?? null,
    input.body,
    input.via,
    input.idempotencyKey ?? null,
    input.aboutDocumentId ?? null,
    input.inReplyToMessageId ?? null,
    uuidArrayLiteral(input.versionIds ?? [], { unique: false }),
    input.now ? input.now.toISOString() : null,
    input.notice?.kind ?? null,
    input.notice?.version ?? null,
  ]);
  return row?.recorded ?? undefined;
}

/** The row shape other modules read messages in, from what `recordMessage` returned. */
export function toMessageRow(firmId: string, message: TMessageCore): repo.TMessageRow {
  const isStaff = message.author.kind === 'staff';
  return {
    id: message.id,
    firmId,
    seq: message.seq,
    conversationId: message.conversationId,
    authorStaffId: isStaff ? message.author.id : null,
    authorContactId: isStaff ? null : message.author.id,
    authorName: message.author.name,
    authorInitials: isStaff ? message.author.initials : null,
    body: message.body,
    via: message.via,
    createdAt: new Date(message.createdAt),
    editedAt: null,
    pinnedAt: null,
    pinnedByStaffId: null,
    pinnedByName: null,
    aboutDocumentId: message.aboutDocument?.id ?? null,
    aboutDocumentName: message.aboutDocument?.name ?? null,
    notice: message.notice?.kind ?? null,
    noticeVersion: message.notice?.version ?? null,
    inReplyToId: message.inReplyTo?.id ?? null,
    inReplyToBody: message.inReplyTo?.body ?? null,
  };
}

/**
 * Posts a message inside the caller's transaction (see `recordMessage`) and returns its row,
 * or undefined when the idempotency key was already used. The one place a message is
 * recorded for every author and channel.
 */
export async function postMessage(tx: Db, input: TPostMessage): Promise<repo.TMessageRow | undefined> {
  const recorded = await recordMessage(tx, input);
  return recorded && toMessageRow(input.firmId, recorded.message);
}

/**
 * Records a message sent at `createdAt`, an earlier time (the demo firm's history): the
 * message, its files, the conversation's activity time and the author's read mark, as
 * `recordMessage` does, but neither emails nor live events (nobody was waiting for them then).
 * The SQL function takes its time from the database clock, so this is the one path that may
 * date a message. Callers check who may post, in the caller's transaction.
 */
export async function recordMessageAt(
  tx: Db,
  input: Omit<TPostMessage, 'now' | 'notice' | 'aboutDocumentId' | 'authorParticipantId'> & {
    createdAt: Date;
    authorParticipantId: string;
  },
): Promise<{ id: string; seq: number }> {
  const posted = await repo.insertMessageAt(tx, input.firmId, {
    conversationId: input.conversationId,
    authorStaffId: input.author.staffId ?? null,
    authorContactId: input.author.contactId ?? null,
    body: input.body,
    via: input.via,
    createdAt: input.createdAt,
    idempotencyKey: input.idempotencyKey,
    inReplyToMessageId: input.inReplyToMessageId,
    versionIds: input.versionIds ?? [],
  });
  await repo.advanceReadMark(tx, input.firmId, input.authorParticipantId, posted.seq);
  return posted;
}
