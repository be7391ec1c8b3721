import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db } from './connect.js';

type Reads<T extends readonly unknown[]> = { [K in keyof T]: () => Promise<T[K]> };

/**
 * Independent reads: side by side on the pool, where each takes a connection of its own; one
 * after another inside a transaction, which is a single connection (node-postgres would queue
 * them anyway, and pg 9 refuses a query while another runs on the same client).
 */
export async function readTogether<T extends readonly unknown[]>(db: Db, reads: Reads<T>): Promise<T> {
  if (!(db instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as unknown as T;
}
