import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { queryRows } from '../../db/query-rows.js';
import { webhookEvents } from '../../db/schema.js';

/**
 * Event Grid events are not a firm's until processed (the firm is found from the event), so
 * these functions are not scoped by firm: the webhook's documented exception.
 */

/** Stores an event once: false when its id was seen before (a redelivery). */
export async function insertWebhookEvent(
  db: Db,
  values: { id: string; type: string; sealed: string },
): Promise<boolean> {
  const rows = await db.insert(webhookEvents).values(values).onConflictDoNothing().returning({ id: webhookEvents.id });
  return rows.length === 1;
}

/** Locks an unprocessed event for processing (undefined once processed). */
export async function lockUnprocessedEvent(db: Db, id: string) {
  const rows = await db
    .select()
    .from(webhookEvents)
    .where(and(eq(webhookEvents.id, id), isNull(webhookEvents.processedAt)))
    .for('update');
  return rows[0];
}

export async function markEventProcessed(db: Db, id: string, outcome: string, firmId: string | null): Promise<void> {
  await db
    .update(webhookEvents)
    .set({ processedAt: sql`clock_timestamp()`, outcome, firmId })
    .where(eq(webhookEvents.id, id));
}

/** The sweep: events stored but still unprocessed after the stale delay. */
export async function listStaleEvents(db: Db, staleSeconds: number, limit: number) {
  return queryRows<{ id: string }>(
    db,
    sql`select id from webhook_events
        where processed_at is null and received_at <= clock_timestamp() - make_interval(secs => ${staleSeconds})
        order by received_at limit ${limit}`,
  );
}

/** Embedded mode's phone simulator: received texts, newest first. */
export async function listEventsOfType(db: Db, type: string, limit: number) {
  return db
    .select()
    .from(webhookEvents)
    .where(eq(webhookEvents.type, type))
    .orderBy(desc(webhookEvents.receivedAt))
    .limit(limit);
}
