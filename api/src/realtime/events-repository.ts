import { and, asc, count, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/connect.js';
import { events } from '../db/schema.js';

export type TEventAudience = 'staff' | 'contact';

/** Who a stream belongs to: a staff member or a contact, always within one firm. */
export type TEventTarget = {
  firmId: string;
  audience: TEventAudience;
  id: string;
  /** A portal session limited to one conversation hears only about it (and about itself). */
  conversationId?: string | null;
  /** A portal stream: the session it was opened with (its stream closes when that session ends). */
  sessionId?: string;
};

export type TStoredEvent = {
  id: number;
  type: string;
  conversationId: string | null;
  staffIds: string[];
  contactIds: string[];
  allStaff: boolean;
  payload: Record<string, unknown>;
};

const columns = {
  id: events.id,
  type: events.type,
  conversationId: events.conversationId,
  staffIds: events.staffIds,
  contactIds: events.contactIds,
  allStaff: events.allStaff,
  payload: events.payload,
};

/** Staff see their own and all-staff events; contacts only events naming them. */
function addressedTo(target: TEventTarget): SQL {
  if (target.audience === 'staff') {
    return or(eq(events.allStaff, true), sql`${target.id}::uuid = any(${events.staffIds})`)!;
  }
  const mine = sql`${target.id}::uuid = any(${events.contactIds})`;
  return target.conversationId
    ? sql`(${mine} and (${events.conversationId} is null or ${events.conversationId} = ${target.conversationId}))`
    : mine;
}

/** Some of a firm's events by id, oldest first. */
export function findEventsByIds(db: Db, firmId: string, ids: number[]): Promise<TStoredEvent[]> {
  return db
    .select(columns)
    .from(events)
    .where(and(eq(events.firmId, firmId), inArray(events.id, ids)))
    .orderBy(asc(events.id));
}

/** The target's events after `afterId`, oldest first, at most `limit`. */
export function findEventsAfter(db: Db, target: TEventTarget, afterId: number, limit: number): Promise<TStoredEvent[]> {
  return db
    .select(columns)
    .from(events)
    .where(and(eq(events.firmId, target.firmId), gt(events.id, afterId), addressedTo(target)))
    .orderBy(asc(events.id))
    .limit(limit);
}

/** How many events the target has after `afterId`, counting no further than `atMost`. */
export async function countEventsAfter(db: Db, target: TEventTarget, afterId: number, atMost: number): Promise<number> {
  const capped = db
    .select({ id: events.id })
    .from(events)
    .where(and(eq(events.firmId, target.firmId), gt(events.id, afterId), addressedTo(target)))
    .limit(atMost)
    .as('capped');
  const [row] = await db.select({ n: count() }).from(capped);
  return row?.n ?? 0;
}

/** The firm's newest event id, 0 when it has none. */
export async function findLatestEventId(db: Db, firmId: string): Promise<number> {
  const [row] = await db
    .select({ id: sql<number>`coalesce(max(${events.id}), 0)`.mapWith(Number) })
    .from(events)
    .where(eq(events.firmId, firmId));
  return row?.id ?? 0;
}
