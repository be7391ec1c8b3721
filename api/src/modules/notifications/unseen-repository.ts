import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { queryRows } from '../../db/query-rows.js';
import { unseenEmailBatches } from '../../db/schema.js';

/** Batches due by `now` (system work across firms: the sweep enqueues one job each). */
export async function listDueBatches(db: Db, now: Date, limit: number) {
  return queryRows<{ id: string; firm_id: string }>(
    db,
    sql`select id, firm_id from unseen_email_batches
        where closed_at is null and due_at <= ${now.toISOString()}::timestamptz
        order by due_at limit ${limit}`,
  );
}

/** Locks an open batch for deciding it (undefined when closed or unknown). */
export async function lockOpenBatch(db: Db, firmId: string, id: string) {
  const rows = await db
    .select()
    .from(unseenEmailBatches)
    .where(
      and(eq(unseenEmailBatches.firmId, firmId), eq(unseenEmailBatches.id, id), isNull(unseenEmailBatches.closedAt)),
    )
    .for('update');
  return rows[0];
}

export async function closeBatch(
  db: Db,
  firmId: string,
  id: string,
  outcome: 'emailed' | 'texted' | 'digested' | 'seen' | 'skipped' | 'not_wanted',
  outboxId: string | null = null,
): Promise<void> {
  await db
    .update(unseenEmailBatches)
    .set({ closedAt: sql`clock_timestamp()`, outcome, outboxId })
    .where(and(eq(unseenEmailBatches.firmId, firmId), eq(unseenEmailBatches.id, id)));
}

/**
 * Moves an open batch's time (quiet hours, or the daily digest: then it is marked `digest`);
 * the sweep enqueues it again when it is due by the app's clock.
 */
export async function deferBatch(db: Db, firmId: string, id: string, dueAt: Date, digest: boolean): Promise<void> {
  await db
    .update(unseenEmailBatches)
    .set({ dueAt, digest })
    .where(and(eq(unseenEmailBatches.firmId, firmId), eq(unseenEmailBatches.id, id)));
}

export type TUnseenConversation = {
  conversationId: string;
  title: string;
  requireMfa: boolean;
  unseen: number;
  /** The newest unseen message (a text's quick-reply link answers it). */
  lastMessageId: string;
};

/**
 * The contact's external conversations with messages they have not seen (newer than their
 * read mark, from the batch's first message on, not their own), most recent first.
 */
export async function listUnseenConversations(
  db: Db,
  firmId: string,
  contactId: string,
  fromSeq: number,
): Promise<TUnseenConversation[]> {
  const rows = await queryRows<{
    conversation_id: string;
    title: string;
    require_mfa: boolean;
    unseen: number;
    last_message_id: string;
  }>(
    db,
    sql`select c.id as conversation_id, coalesce(c.name, mt.title, 'Conversation') as title,
               c.require_mfa, count(m.seq)::int as unseen,
               (array_agg(m.id order by m.seq desc))[1] as last_message_id
        from participants p
        join conversations c on c.firm_id = p.firm_id and c.id = p.conversation_id and c.kind = 'external_matter'
        left join matters mt on mt.firm_id = c.firm_id and mt.id = c.matter_id
        join messages m on m.firm_id = p.firm_id and m.conversation_id = p.conversation_id
          and m.seq > p.last_read_seq and m.seq >= ${fromSeq}
          and m.author_contact_id is distinct from p.contact_id
        where p.firm_id = ${firmId} and p.contact_id = ${contactId} and p.left_at is null
        group by c.id, c.name, mt.title, c.require_mfa
        order by max(m.seq) desc`,
  );
  return rows.map((r) => ({
    conversationId: r.conversation_id,
    title: r.title,
    requireMfa: r.require_mfa,
    unseen: r.unseen,
    lastMessageId: r.last_message_id,
  }));
}

/** The newest unseen messages of one conversation (for emails of conversations without two-factor sign-in). */
export async function listUnseenPreviews(
  db: Db,
  firmId: string,
  contactId: string,
  conversationId: string,
  fromSeq: number,
  limit: number,
) {
  return queryRows<{ author: string; body: string }>(
    db,
    sql`select coalesce(s.name, ct.name, 'Someone') as author, m.body
        from participants p
        join messages m on m.firm_id = p.firm_id and m.conversation_id = p.conversation_id
          and m.seq > p.last_read_seq and m.seq >= ${fromSeq}
          and m.author_contact_id is distinct from p.contact_id
        left join staff s on s.firm_id = m.firm_id and s.id = m.author_staff_id
        left join contacts ct on ct.firm_id = m.firm_id and ct.id = m.author_contact_id
        where p.firm_id = ${firmId} and p.contact_id = ${contactId} and p.conversation_id = ${conversationId}
        order by m.seq desc limit ${limit}`,
  );
}
