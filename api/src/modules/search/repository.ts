import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { contacts, conversations, matters, messages, staff } from '../../db/schema.js';
import { conversationVisibleTo } from '../conversations/visibility.js';
import { highlightStart, highlightStop } from './build-search-query.js';

const headlineOptions = `StartSel=${highlightStart}, StopSel=${highlightStop}, MaxWords=24, MinWords=10, ShortWord=1, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * Messages matching a tsquery in conversations the staff member may see (direct messages
 * only their participants; restricted matters only listed staff), newest first.
 */
export async function searchMessages(
  db: Db,
  firmId: string,
  staffId: string,
  tsquery: string,
  options: { beforeSeq?: number; limit: number },
) {
  const query = sql`to_tsquery('simple', ${tsquery})`;
  const conditions: SQL[] = [
    eq(messages.firmId, firmId),
    sql`to_tsvector('simple', ${messages.body}) @@ ${query}`,
    conversationVisibleTo(firmId, staffId),
  ];
  if (options.beforeSeq !== undefined) conditions.push(lt(messages.seq, options.beforeSeq));
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
    .orderBy(desc(messages.seq))
    .limit(options.limit);
}
