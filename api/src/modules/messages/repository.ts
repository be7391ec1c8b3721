import { and, asc, desc, eq, gte, lt, lte, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/connect.js';
import {
  contacts,
  conversations,
  documents,
  messageRevisions,
  messages,
  participants,
  staff,
} from '../../db/schema.js';

const pinner = alias(staff, 'pinner');
const answered = alias(messages, 'answered');

export type TMessageRow = {
  id: string;
  firmId: string;
  seq: number;
  conversationId: string;
  authorStaffId: string | null;
  authorContactId: string | null;
  authorName: string;
  authorInitials: string | null;
  body: string;
  via: 'app' | 'portal' | 'sms' | 'quick_link' | 'outlook';
  createdAt: Date;
  editedAt: Date | null;
  pinnedAt: Date | null;
  pinnedByStaffId: string | null;
  pinnedByName: string | null;
  aboutDocumentId: string | null;
  aboutDocumentName: string | null;
  /** An announcement about the document (shared live, new version), with the version announced. */
  notice?: 'document_shared' | 'document_updated' | null;
  noticeVersion?: number | null;
  /** A reply by text: the message it answers (absent where a query does not join it). */
  inReplyToId?: string | null;
  inReplyToBody?: string | null;
};

const columns = {
  id: messages.id,
  firmId: messages.firmId,
  seq: messages.seq,
  conversationId: messages.conversationId,
  authorStaffId: messages.authorStaffId,
  authorContactId: messages.authorContactId,
  authorName: sql<string>`coalesce(${staff.name}, ${contacts.name}, 'Unknown')`,
  authorInitials: staff.initials,
  body: messages.body,
  via: messages.via,
  createdAt: messages.createdAt,
  editedAt: messages.editedAt,
  pinnedAt: messages.pinnedAt,
  pinnedByStaffId: messages.pinnedByStaffId,
  pinnedByName: pinner.name,
  aboutDocumentId: messages.aboutDocumentId,
  aboutDocumentName: documents.name,
  notice: messages.notice,
  noticeVersion: messages.noticeVersion,
  inReplyToId: answered.id,
  inReplyToBody: answered.body,
};

function selectMessages(db: Db) {
  return db
    .select(columns)
    .from(messages)
    .leftJoin(staff, and(eq(staff.firmId, messages.firmId), eq(staff.id, messages.authorStaffId)))
    .leftJoin(contacts, and(eq(contacts.firmId, messages.firmId), eq(contacts.id, messages.authorContactId)))
    .leftJoin(pinner, and(eq(pinner.firmId, messages.firmId), eq(pinner.id, messages.pinnedByStaffId)))
    .leftJoin(documents, and(eq(documents.firmId, messages.firmId), eq(documents.id, messages.aboutDocumentId)))
    .leftJoin(answered, and(eq(answered.firmId, messages.firmId), eq(answered.id, messages.inReplyToMessageId)));
}

/** Comments on a document: messages that refer to it (not the notices announcing it), oldest first. */
export async function listMessagesAbout(db: Db, firmId: string, documentId: string): Promise<TMessageRow[]> {
  return selectMessages(db)
    .where(and(eq(messages.firmId, firmId), eq(messages.aboutDocumentId, documentId), isNull(messages.notice)))
    .orderBy(asc(messages.seq))
    .limit(500);
}

export async function getMessage(db: Db, firmId: string, id: string): Promise<TMessageRow | undefined> {
  const rows = await selectMessages(db)
    .where(and(eq(messages.firmId, firmId), eq(messages.id, id)))
    .limit(1);
  return rows[0];
}

export async function findMessageByIdempotencyKey(
  db: Db,
  firmId: string,
  author: { staffId?: string; contactId?: string },
  key: string,
): Promise<TMessageRow | undefined> {
  const authorId = author.staffId ?? author.contactId!;
  const rows = await selectMessages(db)
    .where(
      and(
        eq(messages.firmId, firmId),
        eq(messages.idempotencyKey, key),
        sql`coalesce(${messages.authorStaffId}, ${messages.authorContactId}) = ${authorId}`,
      ),
    )
    .limit(1);
  return rows[0];
}

/** The text a message was first sent with (its first revision if it was edited since). */
export async function originalBody(db: Db, firmId: string, row: TMessageRow): Promise<string> {
  if (!row.editedAt) return row.body;
  const [first] = await db
    .select({ body: messageRevisions.body })
    .from(messageRevisions)
    .where(and(eq(messageRevisions.firmId, firmId), eq(messageRevisions.messageId, row.id)))
    .orderBy(asc(messageRevisions.revision))
    .limit(1);
  return first?.body ?? row.body;
}

/** Inserts a message; undefined when the idempotency key was already used by this author. */
export async function insertMessage(
  db: Db,
  firmId: string,
  values: {
    conversationId: string;
    authorStaffId?: string | null;
    authorContactId?: string | null;
    body: string;
    via: TMessageRow['via'];
    idempotencyKey?: string | null;
    aboutDocumentId?: string | null;
    inReplyToMessageId?: string | null;
    notice?: 'document_shared' | 'document_updated' | null;
    noticeVersion?: number | null;
  },
): Promise<{ id: string; seq: number; createdAt: Date } | undefined> {
  const rows = await db
    .insert(messages)
    .values({ ...values, firmId })
    .onConflictDoNothing()
    .returning({ id: messages.id, seq: messages.seq, createdAt: messages.createdAt });
  return rows[0];
}

/** The newest page (before = undefined) or the page older than a seq; returned oldest first. */
export async function listMessages(
  db: Db,
  firmId: string,
  conversationId: string,
  options: { beforeSeq?: number; limit: number },
): Promise<TMessageRow[]> {
  const conditions: SQL[] = [eq(messages.firmId, firmId), eq(messages.conversationId, conversationId)];
  if (options.beforeSeq !== undefined) conditions.push(lt(messages.seq, options.beforeSeq));
  const rows = await selectMessages(db)
    .where(and(...conditions))
    .orderBy(desc(messages.seq))
    .limit(options.limit);
  return rows.reverse();
}

/** Messages from just before to just after a seq (for jumping to a search hit), oldest first. */
export async function listMessagesAround(
  db: Db,
  firmId: string,
  conversationId: string,
  seq: number,
  limit: number,
): Promise<TMessageRow[]> {
  const base = [eq(messages.firmId, firmId), eq(messages.conversationId, conversationId)];
  const [older, newer] = await Promise.all([
    selectMessages(db)
      .where(and(...base, lt(messages.seq, seq)))
      .orderBy(desc(messages.seq))
      .limit(Math.floor(limit / 2)),
    selectMessages(db)
      .where(and(...base, gte(messages.seq, seq)))
      .orderBy(asc(messages.seq))
      .limit(limit),
  ]);
  return [...older.reverse(), ...newer].slice(0, limit);
}

export async function listPinnedMessages(db: Db, firmId: string, conversationId: string): Promise<TMessageRow[]> {
  return selectMessages(db)
    .where(and(eq(messages.firmId, firmId), eq(messages.conversationId, conversationId), isNotNull(messages.pinnedAt)))
    .orderBy(desc(messages.pinnedAt))
    .limit(500);
}

/** Locks the message row for an edit and returns its current text. */
export async function lockMessageBody(db: Db, firmId: string, id: string): Promise<string | undefined> {
  const rows = await db
    .select({ body: messages.body })
    .from(messages)
    .where(and(eq(messages.firmId, firmId), eq(messages.id, id)))
    .for('update');
  return rows[0]?.body;
}

export async function replaceMessageBody(db: Db, firmId: string, id: string, previous: string, body: string) {
  const [{ n }] = (await db
    .select({ n: sql<number>`count(*)::int` })
    .from(messageRevisions)
    .where(and(eq(messageRevisions.firmId, firmId), eq(messageRevisions.messageId, id)))) as [{ n: number }];
  await db.insert(messageRevisions).values({ firmId, messageId: id, revision: n + 1, body: previous });
  await db
    .update(messages)
    .set({ body, editedAt: sql`clock_timestamp()` })
    .where(and(eq(messages.firmId, firmId), eq(messages.id, id)));
}

export async function listRevisions(db: Db, firmId: string, messageId: string) {
  return db
    .select({
      revision: messageRevisions.revision,
      body: messageRevisions.body,
      replacedAt: messageRevisions.replacedAt,
    })
    .from(messageRevisions)
    .where(and(eq(messageRevisions.firmId, firmId), eq(messageRevisions.messageId, messageId)))
    .orderBy(asc(messageRevisions.revision));
}

export async function setPinned(db: Db, firmId: string, id: string, byStaffId: string | null): Promise<void> {
  await db
    .update(messages)
    .set(
      byStaffId
        ? { pinnedAt: sql`clock_timestamp()`, pinnedByStaffId: byStaffId }
        : { pinnedAt: null, pinnedByStaffId: null },
    )
    .where(and(eq(messages.firmId, firmId), eq(messages.id, id)));
}

export async function touchConversation(db: Db, firmId: string, conversationId: string, at: Date): Promise<void> {
  await db
    .update(conversations)
    .set({ lastMessageAt: at })
    .where(and(eq(conversations.firmId, firmId), eq(conversations.id, conversationId)));
}

export async function maxSeq(db: Db, firmId: string, conversationId: string): Promise<number> {
  const rows = await db
    .select({ seq: sql<number>`coalesce(max(${messages.seq}), 0)::bigint` })
    .from(messages)
    .where(and(eq(messages.firmId, firmId), eq(messages.conversationId, conversationId)));
  return Number(rows[0]?.seq ?? 0);
}

/** Moves a participant's read mark forward (never back); returns the mark now stored. */
export async function advanceReadMark(db: Db, firmId: string, participantId: string, seq: number): Promise<number> {
  const rows = await db
    .update(participants)
    .set({
      lastReadSeq: sql`greatest(${participants.lastReadSeq}, ${seq})`,
      lastReadAt: sql`clock_timestamp()`,
    })
    .where(and(eq(participants.firmId, firmId), eq(participants.id, participantId), lte(participants.lastReadSeq, seq)))
    .returning({ lastReadSeq: participants.lastReadSeq });
  if (rows[0]) return Number(rows[0].lastReadSeq);
  const current = await db
    .select({ lastReadSeq: participants.lastReadSeq })
    .from(participants)
    .where(and(eq(participants.firmId, firmId), eq(participants.id, participantId)));
  return Number(current[0]?.lastReadSeq ?? 0);
}
