import type { Db } from './connect.js';

type PgClient = { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> };
type PgliteClient = { exec: unknown; query(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };

/**
 * A statement for the hot paths that PostgreSQL parses and plans once per connection (a
 * named prepared statement) and that skips the query builder. It runs on whatever `db` is:
 * the pool, a transaction's connection, or PGlite (which has no named statements). Rows come
 * back as the driver parses them: prefer json, text and integer columns, which read the same
 * on both drivers (bigint is a string on pg and a number on PGlite).
 */
export function namedStatement<T>(name: string, text: string): (db: Db, values: unknown[]) => Promise<T[]> {
  return async (db, values) => {
    const client = (db as unknown as { session: { client: PgClient | PgliteClient } }).session.client;
    try {
      if ('exec' in client) return (await client.query(text, values)).rows as T[];
      return (await client.query({ name, text, values })).rows as T[];
    } catch (error) {
      throw new StatementError(text, values, error);
    }
  };
}

/**
 * A failed statement, shaped as Drizzle's query errors are (`query`, `params`, the driver's
 * error as `cause`), so the error log names the statement and never its values.
 */
class StatementError extends Error {
  constructor(
    readonly query: string,
    readonly params: unknown[],
    cause: unknown,
  ) {
    super(`Failed query: ${query}`, { cause });
    this.name = 'StatementError';
  }
}
