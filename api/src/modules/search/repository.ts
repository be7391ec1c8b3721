import { and, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { contacts, conversations, matters, messages, staff } from '../../db/schema.js';
import { conversationVisibleTo } from '../conversations/visibility.js';
import { highlightStart, highlightStop } from './build-search-query.js';

const headlineOptions = `StartSel=${highlightStart}, StopSel=${highlightStop}, MaxWords=24, MinWords=10, ShortWord=1, MaxFragments=2, FragmentDelimiter=" … "`;

/** How many of the firm's newest messages the first search looks through. */
export const recentWindow = 20_000;

/**
 * Messages matching a tsquery in conversations the staff member may see (direct messages
 * only their participants; restricted matters only listed staff), newest first: first among
 * the firm's `recentWindow` newest messages (before the cursor), and only if fewer than
 * `limit` match there, among all of them.
 *
 * Why: a frequent word matches tens of thousands of messages, and reading every match to
 * keep the newest 20 costs a heap visit each. Within the window the planner ANDs the text
 * index with `messages_firm_seq_idx` (or, for a rare word, reads its few matches), so the
 * work is bounded by the window, not by the word. Ordering by `seq + 0` keeps the planner
 * from walking `messages_firm_seq_idx` backwards and computing to_tsvector for every message
 * until enough match, which for a rare word it misjudges as common means the whole firm.
 */
export async function searchMessages(
  db: Db,
  firmId: string,
  staffId: string,
  tsquery: string,
  options: { beforeSeq?: number; limit: number },
) {
  const recent = await searchWithin(db, firmId, staffId, tsquery, { ...options, window: recentWindow });
  if (recent.length >= options.limit) return recent;
  return searchWithin(db, firmId, staffId, tsquery, options);
}

function searchWithin(
  db: Db,
  firmId: string,
  staffId: string,
  tsquery: string,
  options: { beforeSeq?: number; limit: number; window?: number },
) {
  const query = sql`to_tsquery('simple', ${tsquery})`;
  const before = options.beforeSeq === undefined ? sql`` : sql` and w.seq < ${options.beforeSeq}`;
  const conditions: SQL[] = [
    eq(messages.firmId, firmId),
    sql`to_tsvector('simple', ${messages.body}) @@ ${query}`,
    conversationVisibleTo(firmId, staffId),
  ];
  if (options.beforeSeq !== undefined) conditions.push(lt(messages.seq, options.beforeSeq));
  if (options.window !== undefined) {
    conditions.push(
      sql`${messages.seq} > coalesce((select w.seq from messages w where w.firm_id = ${firmId}${before}
        order by w.seq desc offset ${options.window} limit 1), 0)`,
    );
  }
  return db
    .select({
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
      pinnedByName: sql<string | null>`null`,
      aboutDocumentId: messages.aboutDocumentId,
      aboutDocumentName: sql<string | null>`null`,
      snippet: sql<string>`ts_headline('simple', ${messages.body}, ${query}, ${headlineOptions})`,
      conversationKind: conversations.kind,
      conversationName: conversations.name,
      matterId: conversations.matterId,
      matterNumber: matters.number,
    })
    .from(messages)
    .innerJoin(
      conversations,
      and(eq(conversations.firmId, messages.firmId), eq(conversations.id, messages.conversationId)),
    )
    .leftJoin(matters, and(eq(matters.firmId, conversations.firmId), eq(matters.id, conversations.matterId)))
    .leftJoin(staff, and(eq(staff.firmId, messages.firmId), eq(staff.id, messages.authorStaffId)))
    .leftJoin(contacts, and(eq(contacts.firmId, messages.firmId), eq(contacts.id, messages.authorContactId)))
    .where(and(...conditions))
    .orderBy(sql`${messages.seq} + 0 desc`)
    .limit(options.limit);
}
