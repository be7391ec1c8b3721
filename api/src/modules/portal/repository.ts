import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { queryRows } from '../../db/query-rows.js';
import { conversations, matters, participants, shareViews } from '../../db/schema.js';

/**
 * What a contact may see: external matter conversations in which they take part, or took part
 * until their engagement on the matter ended (then as it was until then, read-only: see
 * `historyUntil`). A session opened by a link without a code: that one conversation only.
 */
export function contactCanSee(firmId: string, contactId: string, scopeConversationId: string | null): SQL {
  return sql`(${conversations.firmId} = ${firmId} and ${conversations.kind} = 'external_matter'
    and exists (select 1 from participants cp where cp.firm_id = ${conversations.firmId}
      and cp.conversation_id = ${conversations.id} and cp.contact_id = ${contactId}
      and (cp.left_at is null or cp.left_reason = 'engagement_ended'))
    ${scopeConversationId ? sql`and ${conversations.id} = ${scopeConversationId}` : sql``})`;
}

export async function listContactConversations(
  db: Db,
  firmId: string,
  contactId: string,
  scope: string | null,
  onlyId?: string,
) {
  return db
    .select({
      id: conversations.id,
      kind: conversations.kind,
      name: conversations.name,
      matterId: conversations.matterId,
      matterNumber: matters.number,
      matterTitle: matters.title,
      archivedAt: conversations.archivedAt,
      archivedReason: conversations.archivedReason,
      lastMessageAt: conversations.lastMessageAt,
      createdAt: conversations.createdAt,
      /** Set when the contact's engagement ended: they see the conversation as it was until then. */
      historyUntil: sql<Date | null>`(select hp.left_at from participants hp where hp.firm_id = ${conversations.firmId}
        and hp.conversation_id = ${conversations.id} and hp.contact_id = ${contactId}
        and hp.left_reason = 'engagement_ended' and hp.left_at is not null limit 1)`.mapWith(
        (value: string | Date | null) => (value === null ? null : new Date(value)),
      ),
      historyUntilSeq: sql<number | null>`(select max(hm.seq) from messages hm join participants hp
        on hp.firm_id = hm.firm_id and hp.conversation_id = hm.conversation_id
        where hm.firm_id = ${conversations.firmId} and hm.conversation_id = ${conversations.id}
          and hp.contact_id = ${contactId} and hp.left_reason = 'engagement_ended' and hm.created_at <= hp.left_at)`.mapWith(
        (value: string | number | null) => (value === null ? null : Number(value)),
      ),
    })
    .from(conversations)
    .leftJoin(matters, and(eq(matters.firmId, conversations.firmId), eq(matters.id, conversations.matterId)))
    .where(and(contactCanSee(firmId, contactId, scope), onlyId ? eq(conversations.id, onlyId) : undefined))
    .orderBy(desc(sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`), desc(conversations.id))
    .limit(500);
}

export async function findContactParticipant(db: Db, firmId: string, conversationId: string, contactId: string) {
  const rows = await db
    .select()
    .from(participants)
    .where(
      and(
        eq(participants.firmId, firmId),
        eq(participants.conversationId, conversationId),
        eq(participants.contactId, contactId),
        isNull(participants.leftAt),
      ),
    )
    .limit(1);
  return rows[0];
}

/** Unread per conversation for a contact: messages after their read mark, not their own. */
export async function countContactUnread(db: Db, firmId: string, contactId: string) {
  const rows = await queryRows<{ conversation_id: string; unread: number }>(
    db,
    sql`select p.conversation_id, count(m.seq)::int as unread
        from participants p
        join messages m on m.firm_id = p.firm_id and m.conversation_id = p.conversation_id
          and m.seq > p.last_read_seq and m.author_contact_id is distinct from p.contact_id
        where p.firm_id = ${firmId} and p.contact_id = ${contactId} and p.left_at is null
        group by p.conversation_id`,
  );
  return new Map(rows.map((r) => [r.conversation_id, r.unread]));
}

export async function recordShareView(db: Db, firmId: string, shareId: string, contactId: string, at: Date) {
  await db.insert(shareViews).values({ firmId, shareId, contactId, firstOpenedAt: at }).onConflictDoNothing();
}

export async function listOpenedShareIds(db: Db, firmId: string, contactId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: shareViews.shareId })
    .from(shareViews)
    .where(and(eq(shareViews.firmId, firmId), eq(shareViews.contactId, contactId)));
  return new Set(rows.map((r) => r.id));
}
