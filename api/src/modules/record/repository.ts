import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { queryRows } from '../../db/query-rows.js';

export type TRecordEntryRow = {
  position: number;
  kind: 'message' | 'revision' | 'attachment' | 'acknowledgement';
  messageId: string;
  subjectId: string;
  at: Date;
  fields: Record<string, string | null>;
  prevHash: string;
  hash: string;
};

/** A conversation's chain, in order. */
export async function listRecordEntries(db: Db, firmId: string, conversationId: string): Promise<TRecordEntryRow[]> {
  const rows = await queryRows<Omit<TRecordEntryRow, 'at'> & { at: string | Date }>(
    db,
    sql`select position, kind, message_id as "messageId", subject_id as "subjectId", at, fields,
               prev_hash as "prevHash", hash
        from record_entries
        where firm_id = ${firmId} and conversation_id = ${conversationId}
        order by position`,
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}

export type TRecordBreak = {
  position: number;
  kind: string;
  /** hash: the entry's hash or link is not what its content gives; content: the rows no longer say what was recorded. */
  reason: 'hash' | 'link' | 'content';
};

/**
 * The first entry that does not hold, checked in the database: its hash against its recorded
 * inputs, its link to the entry before it (positions 1, 2, 3 … and prev_hash), and its inputs
 * against what the rows say today (confer_record_expected_fields, migration 0019).
 */
export async function findRecordBreak(db: Db, firmId: string, conversationId: string): Promise<TRecordBreak | null> {
  const [row] = await queryRows<TRecordBreak>(
    db,
    sql`select position, kind::text as kind,
               case when hash <> confer_record_sha256(confer_record_canonical(position, kind::text, prev_hash, fields))
                      then 'hash'
                    when position <> n or prev_hash <> coalesce(previous, repeat('0', 64)) then 'link'
                    else 'content' end as reason
        from (
          select e.*, x.fields as expected,
                 row_number() over (order by e.position) as n,
                 lag(e.hash) over (order by e.position) as previous
          from record_entries e
          left join confer_record_expected_fields(${firmId}::uuid, ${conversationId}::uuid) x on x.entry_position = e.position
          where e.firm_id = ${firmId} and e.conversation_id = ${conversationId}
        ) checked
        where hash <> confer_record_sha256(confer_record_canonical(position, kind::text, prev_hash, fields))
           or position <> n or prev_hash <> coalesce(previous, repeat('0', 64))
           or expected is distinct from fields
        order by position
        limit 1`,
  );
  return row ?? null;
}

export type TRecordMessageRow = {
  id: string;
  authorName: string;
  authorKind: 'staff' | 'client' | 'third_party';
  via: string;
  body: string;
  createdAt: Date;
  notice: string | null;
  /** Earlier texts, oldest first, each with when it was replaced. */
  revisions: Array<{ revision: number; body: string; replacedAt: string }>;
  files: Array<{ versionId: string; name: string; size: number; sha256: string }>;
  /** Texts of this message to clients' phones. */
  texts: Array<{ to: string; status: string; statusReason: string | null; at: string }>;
  /** What staff asked of the client for this message (acknowledge or reply by), and the answer. */
  acknowledgement: TRecordAcknowledgement | null;
};

export type TRecordAcknowledgement = {
  kind: 'read' | 'reply';
  dueAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  via: string | null;
};

/** Every message of the conversation, oldest first, with its edits, files and texts. */
export async function listRecordMessages(db: Db, firmId: string, conversationId: string): Promise<TRecordMessageRow[]> {
  const rows = await queryRows<Omit<TRecordMessageRow, 'createdAt'> & { createdAt: string | Date }>(
    db,
    sql`select m.id, coalesce(s.name, c.name, 'Unknown') as "authorName",
               case when m.author_staff_id is not null then 'staff' else coalesce(c.kind::text, 'client') end as "authorKind",
               m.via::text as via, m.body, m.created_at as "createdAt", m.notice::text as notice,
               coalesce((select json_agg(json_build_object('revision', r.revision, 'body', r.body,
                                         'replacedAt', confer_record_time(r.replaced_at)) order by r.revision)
                         from message_revisions r where r.firm_id = m.firm_id and r.message_id = m.id), '[]') as revisions,
               coalesce((select json_agg(json_build_object('versionId', v.id, 'name', v.name, 'size', v.size,
                                         'sha256', v.sha256) order by a.position)
                         from attachments a join document_versions v on v.firm_id = a.firm_id and v.id = a.document_version_id
                         where a.firm_id = m.firm_id and a.message_id = m.id), '[]') as files,
               coalesce((select json_agg(json_build_object('to', o.to_address, 'status', o.status,
                                         'statusReason', o.status_reason,
                                         'at', confer_record_time(coalesce(o.delivered_at, o.failed_at, o.sent_at, o.updated_at)))
                                         order by o.created_at)
                         from outbox o where o.firm_id = m.firm_id and o.message_id = m.id and o.channel = 'sms'), '[]') as texts,
               (select json_build_object('kind', q.kind, 'dueAt', confer_record_time(q.due_at),
                                         'acknowledgedAt', confer_record_time(q.acknowledged_at),
                                         'acknowledgedBy', qc.name, 'via', q.acknowledged_via)
                from acknowledgement_requests q
                left join contacts qc on qc.firm_id = q.firm_id and qc.id = q.acknowledged_by_contact_id
                where q.firm_id = m.firm_id and q.message_id = m.id) as acknowledgement
        from messages m
        left join staff s on s.firm_id = m.firm_id and s.id = m.author_staff_id
        left join contacts c on c.firm_id = m.firm_id and c.id = m.author_contact_id
        where m.firm_id = ${firmId} and m.conversation_id = ${conversationId}
        order by m.seq`,
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
}

/** The firm's name and time zone, the conversation's title and its matter (with whether it is closed). */
export async function getRecordHeading(db: Db, firmId: string, conversationId: string) {
  const [row] = await queryRows<{
    firmName: string;
    timeZone: string;
    title: string | null;
    kind: string;
    matterId: string | null;
    matterNumber: string | null;
    matterTitle: string | null;
    matterStatus: 'open' | 'closed' | null;
  }>(
    db,
    sql`select f.name as "firmName", f.time_zone as "timeZone", c.name as title, c.kind::text as kind,
               m.id as "matterId", m.number as "matterNumber", m.title as "matterTitle", m.status::text as "matterStatus"
        from conversations c
        join firms f on f.id = c.firm_id
        left join matters m on m.firm_id = c.firm_id and m.id = c.matter_id
        where c.firm_id = ${firmId} and c.id = ${conversationId}`,
  );
  return row;
}
