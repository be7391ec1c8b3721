import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { queryRows } from '../../db/query-rows.js';
import { idempotencyKeys } from '../../db/schema.js';

export type TIdempotencyRow = typeof idempotencyKeys.$inferSelect;
export type TKeyId = { firmId: string; actor: string; key: string };

const matches = (id: TKeyId) =>
  and(eq(idempotencyKeys.firmId, id.firmId), eq(idempotencyKeys.actor, id.actor), eq(idempotencyKeys.key, id.key));

/**
 * Claims a key in the caller's transaction. On PostgreSQL a concurrent claim of the same key
 * waits here until the first transaction ends; false when the key is already recorded.
 */
export async function claimKey(
  tx: Db,
  firmId: string,
  id: Omit<TKeyId, 'firmId'>,
  request: { route: string; fingerprint: string; status: number },
): Promise<boolean> {
  const rows = await tx
    .insert(idempotencyKeys)
    .values({ firmId, ...id, ...request, response: null })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return rows.length > 0;
}

export async function findKey(
  db: Db,
  firmId: string,
  id: Omit<TKeyId, 'firmId'>,
): Promise<TIdempotencyRow | undefined> {
  const rows = await db
    .select()
    .from(idempotencyKeys)
    .where(matches({ firmId, ...id }))
    .limit(1);
  return rows[0];
}

/** Records the response of a claimed key, in the transaction that claimed it. */
export async function completeKey(
  tx: Db,
  firmId: string,
  id: Omit<TKeyId, 'firmId'>,
  response: { status: number; body: string | null },
): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ status: response.status, response: response.body })
    .where(matches({ firmId, ...id }));
}

/**
 * System work (every firm): removes keys recorded before `before`, at most `limit` at a time.
 * Only the key records go; what their requests created stays.
 */
export async function deleteKeysBefore(db: Db, before: Date, limit: number): Promise<number> {
  const rows = await queryRows<{ key: string }>(
    db,
    sql`delete from idempotency_keys where (firm_id, actor, key) in (
          select firm_id, actor, key from idempotency_keys where created_at < ${before} limit ${limit})
        returning key`,
  );
  return rows.length;
}
