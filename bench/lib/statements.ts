import type { Database } from '../../api/src/db/connect.js';

export type StatementCount = {
  /** Statements the database executed (every top-level statement is one round trip). */
  calls: number;
  /** The busiest statements, most calls first: calls and mean execution time. */
  top: Array<{ calls: number; mean_ms: number; query: string }>;
  /** pg-boss's own polling during the window, left out of `calls` (background work, not the sends). */
  background_calls: number;
};

/**
 * Counts the statements the database executes during a window, from `pg_stat_statements`
 * (PostgreSQL with the extension preloaded; undefined elsewhere). Only this database's
 * entries are reset and read, so other databases on the same server are untouched. BEGIN
 * and COMMIT count: each is a round trip. pg-boss's polling is reported apart.
 */
export async function createStatementCounter(database: Database) {
  const pool = database.pool;
  if (!pool) return undefined;
  try {
    await pool.query('create extension if not exists pg_stat_statements');
    await pool.query('select count(*) from pg_stat_statements limit 1');
  } catch {
    return undefined; // not preloaded: nothing to count with
  }
  const dbid = (await pool.query<{ oid: number }>('select oid from pg_database where datname = current_database()'))
    .rows[0]!.oid;
  return {
    async reset(): Promise<void> {
      await pool.query('select pg_stat_statements_reset(0, $1::oid, 0)', [dbid]);
    },
    async read(): Promise<StatementCount> {
      const { rows } = await pool.query<{ calls: string; mean_ms: number; query: string }>(
        `select calls, mean_exec_time as mean_ms, query from pg_stat_statements
          where dbid = $1 and query not ilike '%pg_stat_statements%' order by calls desc`,
        [dbid],
      );
      const background = (q: string) => /\bpgboss\./i.test(q);
      const ours = rows.filter((r) => !background(r.query));
      return {
        calls: ours.reduce((sum, r) => sum + Number(r.calls), 0),
        background_calls: rows.filter((r) => background(r.query)).reduce((sum, r) => sum + Number(r.calls), 0),
        top: ours.slice(0, 12).map((r) => ({
          calls: Number(r.calls),
          mean_ms: Number(Number(r.mean_ms).toFixed(3)),
          query: r.query.replace(/\s+/g, ' ').slice(0, 160),
        })),
      };
    },
  };
}
