import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from '../db/connect.js';
import { namedStatement } from '../db/named-statement.js';
import { uuidArrayLiteral } from '../db/uuid-array-literal.js';

/** The PostgreSQL NOTIFY channel every API instance LISTENs on. */
export const eventsChannel = 'confer_events';

/**
 * What travels on the channel for a new event: enough to know which firm's stream moved and
 * where (`xid` is the writing transaction, see events-repository). Written by the SQL
 * function `confer_publish_event`.
 */
export type TEventNotice = { firmId: string; id: number; xid: number };

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
const publish = namedStatement<{ id: string | number }>(
  'confer_publish_event',
  `select confer_publish_event($1, $2, $3, $4::uuid[], $5::uuid[], $6, $7::jsonb) as id`,
);

/**
 * Records an event and notifies every API instance, as part of the caller's transaction: it
 * is delivered only if the transaction commits, and only once every transaction that began
 * writing before it has ended (see events-repository), so a firm's writers never wait for
 * each other. One statement: the insert and the NOTIFY happen in `confer_publish_event`.
 */
export async function publishEvent(tx: Db, event: TNewEvent): Promise<number> {
  const db = tx;
  if (!(tx instanceof PgTransaction)) {
    throw new Error('publishEvent must run inside db.transaction(...)');
  }
  if (!typePattern.test(event.type)) throw new Error(`Not a valid event type: ${event.type}`);
  const [row] = await publish(db, [
    event.firmId,
    event.type,
    event.conversationId ?? null,
    uuidArrayLiteral(event.staffIds ?? []),
    uuidArrayLiteral(event.contactIds ?? []),
    event.allStaff ?? false,
    JSON.stringify(event.payload),
  ]);
  return Number(row!.id);
}
