import { and, asc, desc, eq, gte, lt, lte, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { attachments, conversations, messageRevisions, messages, participants } from '../../db/schema.js';
import { conversationVisibleTo } from '../conversations/visibility.js';
import type { TAttachmentRow } from '../files/repository.js';

/** A file as a message carries it. */
export type TMessageFile = Omit<TAttachmentRow, 'createdAt' | 'position'>;

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

/*
 * Names come from correlated scalar subqueries, not joins: a page of a small conversation
 * then never makes the planner hash the firm's whole staff and contacts tables. The outer
 * row is named explicitly: drizzle leaves columns unqualified in single-table queries, which
 * inside a subquery would refer to the subquery's own table.
 */
const m = (column: string) => sql.raw(`"messages"."${column}"`);
const staffName = sql`(select s.name from staff s where s.firm_id = ${m('firm_id')} and s.id = ${m('author_staff_id')})`;
const contactName = sql`(select c.name from contacts c where c.firm_id = ${m('firm_id')} and c.id = ${m('author_contact_id')})`;

const columns = {
  id: messages.id,
  firmId: messages.firmId,
  seq: messages.seq,
  conversationId: messages.conversationId,
  authorStaffId: messages.authorStaffId,
  authorContactId: messages.authorContactId,
  authorName: sql<string>`coalesce(${staffName}, ${contactName}, 'Unknown')`,
  authorInitials: sql<
    string | null
  >`(select s.initials from staff s where s.firm_id = ${m('firm_id')} and s.id = ${m('author_staff_id')})`,
  body: messages.body,
  via: messages.via,
  createdAt: messages.createdAt,
  editedAt: messages.editedAt,
  pinnedAt: messages.pinnedAt,
  pinnedByStaffId: messages.pinnedByStaffId,
  pinnedByName: sql<
    string | null
  >`(select s.name from staff s where s.firm_id = ${m('firm_id')} and s.id = ${m('pinned_by_staff_id')})`,
  aboutDocumentId: messages.aboutDocumentId,
  aboutDocumentName: sql<
    string | null
  >`(select d.name from documents d where d.firm_id = ${m('firm_id')} and d.id = ${m('about_document_id')})`,
  notice: messages.notice,
  noticeVersion: messages.noticeVersion,
  inReplyToId: sql<
    string | null
  >`(select r.id from messages r where r.firm_id = ${m('firm_id')} and r.id = ${m('in_reply_to_message_id')})`,
  inReplyToBody: sql<
    string | null
  >`(select r.body from messages r where r.firm_id = ${m('firm_id')} and r.id = ${m('in_reply_to_message_id')})`,
};

function selectMessages(db: Db) {
  return db.select(columns).from(messages);
}

type TPageFile = Omit<TMessageFile, 'messageId'>;

/** A message page with each message's files (as listAttachmentsOfMessages orders them). */
function selectPage(db: Db) {
  return db
    .select({
      ...columns,
      files: sql<TPageFile[]>`(select coalesce(json_agg(json_build_object('position', a.position,
          'versionId', v.id, 'documentId', v.document_id, 'name', v.name, 'size', v.size, 'sha256', v.sha256,
          'contentType', v.content_type, 'preview', confer_file_preview(v.firm_id, v.id)) order by a.position), '[]')
        from attachments a join document_versions v on v.firm_id = a.firm_id and v.id = a.document_version_id
        where a.firm_id = ${m('firm_id')} and a.message_id = ${m('id')})`,
    })
    .from(messages);
}

function preparePage(db: Db, older: boolean) {
  const firmId = sql.placeholder('firmId');
  const conversationId = sql.placeholder('conversationId');
  const conditions: SQL[] = [
    eq(messages.firmId, firmId),
    eq(messages.conversationId, conversationId),
    // not correlated with the rows: checked once, before any message is read
    sql`exists (select 1 from ${conversations} where ${conversations.id} = ${conversationId}
      and ${conversationVisibleTo(firmId, sql.placeholder('staffId'))})`,
  ];
  if (older) conditions.push(lt(messages.seq, sql.placeholder('beforeSeq')));
  return selectPage(db)
    .where(and(...conditions))
    .orderBy(desc(messages.seq))
    .limit(sql.placeholder('limit'))
    .prepare(older ? 'confer_message_page_older' : 'confer_message_page');
}
const pages = new WeakMap<Db, { newest: ReturnType<typeof preparePage>; older: ReturnType<typeof preparePage> }>();

export type TPageRow = TMessageRow & { files: TMessageFile[] };

/**
 * A page of a conversation the staff member may see, oldest first, each message with its
 * files: the newest messages, or those older than `beforeSeq`. One statement; no rows both
 * when the conversation is empty and when they may not see it (the caller tells them apart).
 */
export async function listVisiblePage(
  db: Db,
  firmId: string,
  staffId: string,
  conversationId: string,
  options: { beforeSeq?: number; limit: number },
): Promise<TPageRow[]> {
  let prepared = pages.get(db);
  if (!prepared) pages.set(db, (prepared = { newest: preparePage(db, false), older: preparePage(db, true) }));
  const older = options.beforeSeq !== undefined;
  const rows = await (older ? prepared.older : prepared.newest).execute({
    firmId,
    conversationId,
    staffId,
    limit: options.limit,
    ...(older ? { beforeSeq: options.beforeSeq } : {}),
  });
  return rows.reverse().map((row) => ({
    ...row,
    files: row.files.map((f) => ({ ...f, messageId: row.id, size: Number(f.size) })),
  }));
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
  // the new text first: the revision's insert adds the edit (old and new text) to the
  // conversation's record (trigger confer_record_revision, migration 0019)
  await db
    .update(messages)
    .set({ body, editedAt: sql`clock_timestamp()` })
    .where(and(eq(messages.firmId, firmId), eq(messages.id, id)));
  await db.insert(messageRevisions).values({ firmId, messageId: id, revision: n + 1, body: previous });
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

export async function maxSeq(db: Db, firmId: string, conversationId: string): Promise<number> {
  const rows = await db
    .select({ seq: sql<number>`coalesce(max(${messages.seq}), 0)::bigint` })
    .from(messages)
    .where(and(eq(messages.firmId, firmId), eq(messages.conversationId, conversationId)));
  return Number(rows[0]?.seq ?? 0);
}

/** A participant's read mark (0 when unknown). */
export async function readMarkOf(db: Db, firmId: string, participantId: string): Promise<number> {
  const rows = await db
    .select({ lastReadSeq: participants.lastReadSeq })
    .from(participants)
    .where(and(eq(participants.firmId, firmId), eq(participants.id, participantId)));
  return Number(rows[0]?.lastReadSeq ?? 0);
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
  return readMarkOf(db, firmId, participantId);
}

/**
 * Inserts a message with the creation time given, its files in order, and moves the
 * conversation's activity time to it (never back): the rows `confer_post_message` writes for a
 * message sent earlier (the demo firm's history). The record's hash chain takes the given time
 * (the AFTER INSERT triggers read the row). Returns the message's id and seq.
 */
export async function insertMessageAt(
  tx: Db,
  firmId: string,
  values: {
    conversationId: string;
    authorStaffId: string | null;
    authorContactId: string | null;
    body: string;
    via: TMessageRow['via'];
    createdAt: Date;
    idempotencyKey?: string;
    inReplyToMessageId?: string;
    versionIds: string[];
  },
): Promise<{ id: string; seq: number }> {
  const [row] = await tx
    .insert(messages)
    .values({
      firmId,
      conversationId: values.conversationId,
      authorStaffId: values.authorStaffId,
      authorContactId: values.authorContactId,
      body: values.body,
      via: values.via,
      idempotencyKey: values.idempotencyKey ?? null,
      inReplyToMessageId: values.inReplyToMessageId ?? null,
      createdAt: values.createdAt,
    })
    .returning({ id: messages.id, seq: messages.seq });
  if (values.versionIds.length > 0) {
    await tx.insert(attachments).values(
      values.versionIds.map((documentVersionId, position) => ({
        firmId,
        messageId: row!.id,
        documentVersionId,
        position,
        conversationId: values.conversationId,
      })),
    );
  }
  await tx
    .update(conversations)
    .set({
      lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${values.createdAt.toISOString()}::timestamptz)`,
    })
    .where(and(eq(conversations.firmId, firmId), eq(conversations.id, values.conversationId)));
  return { id: row!.id, seq: Number(row!.seq) };
}
