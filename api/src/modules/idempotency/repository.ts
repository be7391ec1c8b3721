import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
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

export async function findKey(db: Db, firmId: string, id: Omit<TKeyId, 'firmId'>): Promise<TIdempotencyRow | undefined> {
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
  const old = db
    .select({ id: sql`(${idempotencyKeys.firmId}, ${idempotencyKeys.actor}, ${idempotencyKeys.key})` })
    .from(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, before))
    .limit(limit);
  const rows = await db
    .delete(idempotencyKeys)
    .where(inArray(sql`(${idempotencyKeys.firmId}, ${idempotencyKeys.actor}, ${idempotencyKeys.key})`, old))
    .returning({ key: idempotencyKeys.key });
  return rows.length;
}
