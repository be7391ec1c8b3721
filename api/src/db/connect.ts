import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import { createPostgresListener, type ListenOptions, type Unlisten } from './create-postgres-listener.js';
import { schema } from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
  kind: 'postgres' | 'pglite';
  db: Db;
  ping(): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * LISTEN on a channel: PostgreSQL over one dedicated, self-healing connection (not the
   * pool; `onReconnect` runs after a drop), PGlite in process. `close()` ends it.
   */
  listen(channel: string, onPayload: (payload: string) => void, options?: ListenOptions): Promise<Unlisten>;
  /** The raw clients, for LISTEN/NOTIFY and benchmarks. */
  pool?: pg.Pool;
  pglite?: PGlite;
};

export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * PostgreSQL server when a URL is given, else PGlite (in memory when dataDir is omitted).
 * `password`, when given, is asked for each new connection's password (Entra tokens, see
 * integrations/identity/entra-database-password.ts) by the pool and the LISTEN connection.
 * PGlite is loaded only here, on demand: production never imports it.
 */
export async function connectDatabase(options: {
  url?: string;
  poolMax?: number;
  dataDir?: string;
  password?: () => Promise<string>;
}): Promise<Database> {
  if (options.url) {
    // pg would let the URL's empty password replace a password function: the URL is parsed here
    const connection: pg.ClientConfig = options.password
      ? { ...parseIntoClientConfig(options.url), password: options.password }
      : { connectionString: options.url };
    const pool = new pg.Pool({ ...connection, max: options.poolMax ?? 10 });
    // A dropped idle connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    const listener = createPostgresListener(connection);
    return {
      kind: 'postgres',
      db,
      pool,
      listen: listener.listen,
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      migrate: async () => {
        await migratePg(db as never, { migrationsFolder });
      },
      close: async () => {
        await listener.close();
        await pool.end();
      },
    };
  }
  const { openPglite } = await import('./open-pglite.js').catch((error: { code?: string }) => {
    if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error('Embedded mode needs PGlite, a development dependency: run npm install, or set DATABASE_URL', {
      cause: error,
    });
  });
  return openPglite(options.dataDir);
}
