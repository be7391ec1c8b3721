import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { queryRows } from '../../db/query-rows.js';
import { heldSmsReplies } from '../../db/schema.js';

export type THeldReply = typeof heldSmsReplies.$inferSelect;

export async function insertHeldReply(
  db: Db,
  firmId: string,
  values: {
    id?: string;
    holdId: string;
    eventId: string;
    providerMessageId: string;
    fromNumber: string;
    toNumber: string;
    body: string;
    receivedAt: Date;
    candidates: string[];
    expiresAt: Date;
  },
): Promise<THeldReply | undefined> {
  const rows = await db
    .insert(heldSmsReplies)
    .values({ ...values, firmId })
    .onConflictDoNothing()
    .returning();
  return rows[0];
}

/**
 * The open hold of texts from `phone` to `sender`, oldest text first, locked (across firms,
 * like inbound routing: a text names no firm; at most one firm holds a number's texts, since
 * a hold is only opened when every conversation concerned is one firm's).
 */
export async function lockOpenHold(db: Db, phone: string, sender: string): Promise<THeldReply[]> {
  return db
    .select()
    .from(heldSmsReplies)
    .where(
      and(eq(heldSmsReplies.fromNumber, phone), eq(heldSmsReplies.toNumber, sender), eq(heldSmsReplies.state, 'held')),
    )
    .orderBy(asc(heldSmsReplies.receivedAt), asc(heldSmsReplies.createdAt))
    .for('update');
}

/** Holds unanswered past their expiry (across firms: the sweep's work list). */
export async function listExpiredHolds(db: Db, now: Date, limit: number) {
  return queryRows<{ firm_id: string; hold_id: string }>(
    db,
    sql`select distinct firm_id, hold_id from held_sms_replies
        where state = 'held' and expires_at <= ${now.toISOString()}::timestamptz
        limit ${limit}`,
  );
}

/** The still-held texts of one hold, oldest first, locked. */
export async function lockHold(db: Db, firmId: string, holdId: string): Promise<THeldReply[]> {
  return db
    .select()
    .from(heldSmsReplies)
    .where(and(eq(heldSmsReplies.firmId, firmId), eq(heldSmsReplies.holdId, holdId), eq(heldSmsReplies.state, 'held')))
    .orderBy(asc(heldSmsReplies.receivedAt), asc(heldSmsReplies.createdAt))
    .for('update');
}

export async function closeHeldReply(
  db: Db,
  firmId: string,
  id: string,
  values: {
    state: 'routed' | 'unrouted';
    reason: 'chosen' | 'conversation_closed' | 'expired' | 'opted_out';
    conversationId?: string;
    messageId?: string;
  },
): Promise<void> {
  await db
    .update(heldSmsReplies)
    .set({
      state: values.state,
      closedReason: values.reason,
      closedAt: sql`clock_timestamp()`,
      conversationId: values.conversationId ?? null,
      messageId: values.messageId ?? null,
    })
    .where(and(eq(heldSmsReplies.firmId, firmId), eq(heldSmsReplies.id, id)));
}

export async function recordListText(
  db: Db,
  firmId: string,
  holdId: string,
  values: { outboxId?: string; resentAt?: Date },
): Promise<void> {
  await db
    .update(heldSmsReplies)
    .set(values.resentAt ? { listResentAt: values.resentAt } : { listOutboxId: values.outboxId ?? null })
    .where(and(eq(heldSmsReplies.firmId, firmId), eq(heldSmsReplies.id, holdId)));
}

export type TMatterChoice = { conversationId: string; matterNumber: string | null; title: string };

/**
 * The firm's open conversations that texted `phone` from `sender` since `since`, most
 * recently texted first: what a held reply may be for.
 */
export async function listMatterChoices(
  db: Db,
  firmId: string,
  phone: string,
  sender: string,
  since: Date,
  limit: number,
): Promise<TMatterChoice[]> {
  const rows = await queryRows<{ conversation_id: string; number: string | null; title: string }>(
    db,
    sql`select o.conversation_id, m.number, coalesce(c.name, m.title, 'Conversation') as title
        from outbox o
        join conversations c on c.firm_id = o.firm_id and c.id = o.conversation_id
        left join matters m on m.firm_id = c.firm_id and m.id = c.matter_id
        where o.firm_id = ${firmId} and o.channel = 'sms' and o.kind = 'sms_message'
          and o.to_address = ${phone} and o.from_address = ${sender}
          and o.status not in ('refused', 'opted_out') and o.created_at >= ${since.toISOString()}::timestamptz
          and c.archived_at is null
        group by o.conversation_id, m.number, c.name, m.title
        order by max(o.created_at) desc, o.conversation_id
        limit ${limit}`,
  );
  return rows.map((r) => ({ conversationId: r.conversation_id, matterNumber: r.number, title: r.title }));
}

/** The list entries of a hold's candidates, in the given order (so reply n is still entry n). */
export async function getMatterChoices(db: Db, firmId: string, conversationIds: string[]): Promise<TMatterChoice[]> {
  if (conversationIds.length === 0) return [];
  const rows = await queryRows<{ id: string; number: string | null; title: string }>(
    db,
    sql`select c.id, m.number, coalesce(c.name, m.title, 'Conversation') as title
        from conversations c
        left join matters m on m.firm_id = c.firm_id and m.id = c.matter_id
        where c.firm_id = ${firmId} and c.id in (${sql.join(
          conversationIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return conversationIds.map((id) => {
    const r = byId.get(id);
    return { conversationId: id, matterNumber: r?.number ?? null, title: r?.title ?? 'Conversation' };
  });
}
