import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from '../db/connect.js';
import { events } from '../db/schema.js';

/** The PostgreSQL NOTIFY channel every API instance LISTENs on. */
export const eventsChannel = 'confer_events';

/** What travels on the channel: just enough to fetch the row. */
export type TEventNotice = { firmId: string; id: number };

export type TNewEvent = {
  firmId: string;
  /** e.g. `message.created`; letters, digits and `._-` only (it becomes the SSE `event:` line). */
  type: string;
  conversationId?: string | null;
  /** Staff who receive it; duplicates are dropped. */
  staffIds?: string[];
  /** Contacts (portal users) who receive it; duplicates are dropped. */
  contactIds?: string[];
  /** Every staff member of the firm receives it (never contacts). */
  allStaff?: boolean;
  /**
   * Sent as-is to every addressee's browser and kept in the events table: ids and small
   * facts only. Never secrets (tokens, one-time codes, links) and nothing an addressee may
   * not see.
   */
  payload: Record<string, unknown>;
};

const typePattern = /^[A-Za-z][A-Za-z0-9._-]{0,99}$/;

/**
 * Records an event and notifies every API instance, as part of the caller's transaction: it
 * is delivered only if the transaction commits.
 *
 * A per-firm advisory lock, held until commit, makes a firm's events commit in id order, so a
 * client replaying "everything after id N" can never miss an event that commits later with
 * a smaller id. The lock serialises a firm's publishing transactions from this call to their
 * commit: call it last, once the transaction's other work is done, and for one firm only.
 */
export async function publishEvent(tx: Db, event: TNewEvent): Promise<number> {
  if (!(tx instanceof PgTransaction)) {
    throw new Error('publishEvent must run inside db.transaction(...)');
  }
  if (!typePattern.test(event.type)) throw new Error(`Not a valid event type: ${event.type}`);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`confer-events:${event.firmId}`}, 0))`);
  const [row] = await tx
    .insert(events)
    .values({
      firmId: event.firmId,
      type: event.type,
      conversationId: event.conversationId ?? null,
      staffIds: [...new Set(event.staffIds ?? [])],
      contactIds: [...new Set(event.contactIds ?? [])],
      allStaff: event.allStaff ?? false,
      payload: event.payload,
    })
    .returning({ id: events.id });
  const id = row!.id;
  const notice: TEventNotice = { firmId: event.firmId, id };
  await tx.execute(sql`select pg_notify(${eventsChannel}, ${JSON.stringify(notice)})`);
  return id;
}
