import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { queryRows } from '../../db/query-rows.js';
import type { TConversationKind } from '../conversations/schemas.js';
import { conversationVisibleTo } from '../conversations/visibility.js';
import type { TInboxFilter } from './schemas.js';

export type TInboxDbRow = {
  id: string;
  kind: TConversationKind;
  name: string | null;
  matter_id: string | null;
  matter_number: string | null;
  matter_title: string | null;
  archived: boolean;
  /** The sort key as PostgreSQL prints it (microseconds kept for the cursor). */
  activity_key: string;
  activity_at: Date | string;
  message_id: string | null;
  message_body: string | null;
  message_at: Date | string | null;
  author_staff_id: string | null;
  author_contact_id: string | null;
  author_name: string | null;
  author_contact_kind: 'client' | 'third_party' | null;
  unread: number;
  sms_failed: boolean;
  other_staff: string[] | null;
  contact_names: string[] | null;
  unread_total: number | null;
};

const kindOf: Partial<Record<TInboxFilter, TConversationKind>> = {
  clients: 'external_matter',
  internal: 'internal_matter',
  channels: 'channel',
  dms: 'direct',
};

/**
 * One page of the caller's inbox in one statement: the conversations they take part in (active
 * participant, still visible to them), newest activity first, keyset-paged on (activity, id).
 * The page is chosen first (participants_staff_idx, then each conversation by key); only its
 * rows get the last message (messages_conversation_seq_idx, backwards), the unread count, the
 * newest texted message's delivery (outbox_conversation_sms_idx, outbox_message_idx) and the names that make the title.
 */
export async function listInboxRows(
  db: Db,
  firmId: string,
  staffId: string,
  options: { filter: TInboxFilter; before?: { activity: string; id: string }; limit: number; withTotal: boolean },
): Promise<TInboxDbRow[]> {
  const where: SQL[] = [
    sql`p.firm_id = ${firmId} and p.staff_id = ${staffId} and p.left_at is null`,
    conversationVisibleTo(firmId, staffId),
  ];
  const kind = kindOf[options.filter];
  if (kind) where.push(sql`conversations.kind = ${kind}`);
  // Unread: one index probe per conversation (a lateral with LIMIT 1; an EXISTS would be
  // planned as a hash semi-join over every message of the firm).
  const unreadOnly =
    options.filter === 'unread'
      ? sql`cross join lateral (
          select 1 from messages um
          where um.firm_id = p.firm_id and um.conversation_id = p.conversation_id
            and um.seq > p.last_read_seq and um.author_staff_id is distinct from p.staff_id
          limit 1) has_unread`
      : sql``;
  if (options.before) {
    where.push(
      sql`(coalesce(conversations.last_message_at, conversations.created_at), conversations.id) < (${options.before.activity}::timestamptz, ${options.before.id}::uuid)`,
    );
  }
  const total = options.withTotal
    ? sql`(select coalesce(sum(tu.unread), 0)::int from participants tp
          cross join lateral (
            select count(*) as unread from messages tm
            where tm.firm_id = tp.firm_id and tm.conversation_id = tp.conversation_id
              and tm.seq > tp.last_read_seq and tm.author_staff_id is distinct from tp.staff_id
          ) tu
          where tp.firm_id = ${firmId} and tp.staff_id = ${staffId} and tp.left_at is null)`
    : sql`null::int`;
  return queryRows<TInboxDbRow>(
    db,
    sql`with page as materialized (
          select conversations.firm_id, conversations.id, conversations.kind, conversations.name,
            conversations.matter_id, conversations.archived_at, p.last_read_seq,
            coalesce(conversations.last_message_at, conversations.created_at) as activity
          from participants p
          join conversations on conversations.firm_id = p.firm_id and conversations.id = p.conversation_id
          ${unreadOnly}
          where ${sql.join(where, sql` and `)}
          order by activity desc, conversations.id desc
          limit ${options.limit}
        )
        select page.id, page.kind, page.name, page.matter_id, mt.number as matter_number, mt.title as matter_title,
          page.archived_at is not null as archived, page.activity::text as activity_key, page.activity as activity_at,
          lm.id as message_id, left(lm.body, 2000) as message_body, lm.created_at as message_at,
          lm.author_staff_id, lm.author_contact_id, coalesce(las.name, lac.name) as author_name,
          lac.kind as author_contact_kind, coalesce(u.unread, 0) as unread, coalesce(sms.failed, false) as sms_failed,
          names.other_staff, names.contact_names, ${total} as unread_total
        from page
        left join matters mt on mt.firm_id = page.firm_id and mt.id = page.matter_id
        left join lateral (
          select m.id, m.body, m.created_at, m.author_staff_id, m.author_contact_id
          from messages m where m.firm_id = page.firm_id and m.conversation_id = page.id
          order by m.seq desc limit 1
        ) lm on true
        left join staff las on las.firm_id = page.firm_id and las.id = lm.author_staff_id
        left join contacts lac on lac.firm_id = page.firm_id and lac.id = lm.author_contact_id
        left join lateral (
          select count(*)::int as unread from messages um
          where um.firm_id = page.firm_id and um.conversation_id = page.id
            and um.seq > page.last_read_seq and um.author_staff_id is distinct from ${staffId}::uuid
        ) u on true
        left join lateral (
          select bool_or(latest.status in ('failed', 'refused', 'opted_out')) as failed
          from (
            select distinct on (o.contact_id) o.status from outbox o
            where o.firm_id = page.firm_id and o.channel = 'sms' and o.message_id = (
              select n.message_id from outbox n
              where n.firm_id = page.firm_id and n.conversation_id = page.id and n.channel = 'sms'
              order by n.created_at desc limit 1)
            order by o.contact_id, o.created_at desc
          ) latest
        ) sms on true
        left join lateral (
          select
            array_agg(s.name order by np.joined_at, np.id) filter (where np.staff_id is not null and np.staff_id <> ${staffId}::uuid) as other_staff,
            array_agg(c.name order by np.joined_at, np.id) filter (where np.contact_id is not null) as contact_names
          from participants np
          left join staff s on s.firm_id = np.firm_id and s.id = np.staff_id
          left join contacts c on c.firm_id = np.firm_id and c.id = np.contact_id
          where np.firm_id = page.firm_id and np.conversation_id = page.id and np.left_at is null
            and page.name is null and page.kind in ('direct', 'external_matter')
        ) names on true
        order by page.activity desc, page.id desc`,
  );
}
