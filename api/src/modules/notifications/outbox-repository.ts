import { desc } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { outbox } from '../../db/schema.js';

export type TOutboxInsert = typeof outbox.$inferInsert;

export async function insertOutboxMessage(db: Db, values: TOutboxInsert): Promise<string> {
  const [row] = await db.insert(outbox).values(values).returning({ id: outbox.id });
  return row!.id;
}

/** Embedded mode's /dev/outbox: every email and text, newest first. */
export async function listOutbox(db: Db, limit: number) {
  return db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(limit);
}
