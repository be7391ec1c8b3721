import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { contacts, conversations, matters, messages, staff } from '../../db/schema.js';
import { conversationVisibleTo } from '../conversations/visibility.js';
import { highlightStart, highlightStop } from './build-search-query.js';
import { estimateShare } from './word-frequencies.js';

const headlineOptions = `StartSel=${highlightStart}, StopSel=${highlightStop}, MaxWords=24, MinWords=10, ShortWord=1, MaxFragments=2, FragmentDelimiter=" … "`;

export type TStep = { window?: number; walk: boolean };

/**
 * Where a search looks, in turn, until one step finds a page: the firm's newest messages
 * (before the cursor) in a window, then all of them. A window holds the newest messages, so
 * a window with a full page holds the page. Which steps depends on how common the words are
 * (the planner's own statistics, `estimateShare`):
 *
 * - a frequent word (at least 1.5% of messages): the 5,000 newest in seq order, so the planner
 *   walks `messages_firm_seq_idx` backwards testing each message and stops at a page (a few
 *   hundred to a few thousand rows); the window bounds the walk. Then as below.
 * - otherwise: the 20,000 newest by bitmap only (`seq + 0` rules the walk out): the text index
 *   ANDed with `messages_firm_seq_idx`, so only matches inside the window are read; then
 *   everything, by bitmap: by now the words are rare, so their matches are few.
 *
 * Reading every match of a frequent word to keep the newest 20 cost a heap visit each;
 * walking the seq index unbounded for a rare word the planner took for a common one read the
 * whole firm. Each step is bounded instead.
 */
export const frequentShare = 0.015;
export const frequentSteps: TStep[] = [{ window: 5_000, walk: true }, { window: 30_000, walk: false }, { walk: false }];
export const otherSteps: TStep[] = [{ window: 20_000, walk: false }, { walk: false }];

/**
 * Messages matching a tsquery in conversations the staff member may see (direct messages
 * only their participants; restricted matters only listed staff), newest first, looked for
 * step by step (see above; `steps` replaces them). `words` are the query's words (each a prefix).
 */
export async function searchMessages(
  db: Db,
  firmId: string,
  staffId: string,
  search: { tsquery: string; words: string[] },
  options: { beforeSeq?: number; limit: number; steps?: TStep[] },
) {
  const steps =
    options.steps ?? ((await estimateShare(db, search.words)) >= frequentShare ? frequentSteps : otherSteps);
  let rows: Awaited<ReturnType<typeof searchWithin>> = [];
  for (const step of steps) {
    rows = await searchWithin(db, firmId, staffId, search.tsquery, { ...options, ...step });
    if (rows.length >= options.limit) break;
  }
  return rows;
}

function searchWithin(
  db: Db,
  firmId: string,
  staffId: string,
  tsquery: string,
  options: { beforeSeq?: number; limit: number } & TStep,
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
    .orderBy(options.walk ? desc(messages.seq) : sql`${messages.seq} + 0 desc`)
    .limit(options.limit);
}
