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
  /**
   * A connection of its own for the event hub's reads, so delivering events never waits
   * behind requests for a pooled connection (PostgreSQL; PGlite: `db`).
   */
  reader: Db;
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

/**
 * A connection that drops must never crash the process, whatever it was doing. node-postgres
 * emits `'error'` on the client; an `'error'` nobody listens to is thrown. The pool listens on
 * its idle clients and `pool.query` on the one it runs, but a client checked out with
 * `pool.connect()` (every Drizzle transaction) has no listener between its queries: when the
 * server restarted under load, that killed the process. Here every checked-out client gets
 * one, which hands the dead client back to the pool at once (the pool then drops it); a later
 * `release()` does nothing. Drizzle never releases a client whose `begin` failed, so without
 * this each such drop would also leak a pool slot for good.
 */
function guardPool(pool: pg.Pool): pg.Pool {
  pool.on('error', () => {}); // an idle client dropped: the pool has already discarded it
  const connect = pool.connect.bind(pool) as (callback?: unknown) => unknown;
  const guarded = (callback?: unknown) => {
    // pool.query checks out with a callback and handles errors itself
    if (callback) return connect(callback);
    return (connect() as Promise<pg.PoolClient>).then(guardCheckedOut);
  };
  pool.connect = guarded as typeof pool.connect;
  return pool;
}

function guardCheckedOut(client: pg.PoolClient): pg.PoolClient {
  const release = client.release.bind(client);
  let released = false;
  const onError = (error: Error) => {
    if (released) return;
    released = true;
    client.removeListener('error', onError);
    release(error);
  };
  client.on('error', onError);
  client.release = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    client.removeListener('error', onError);
    release(error);
  };
  return client;
}

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
    const pool = guardPool(new pg.Pool({ ...connection, max: options.poolMax ?? 10 }));
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    const readerPool = guardPool(new pg.Pool({ ...connection, max: 1 }));
    const reader = drizzlePg({ client: readerPool, schema }) as unknown as Db;
    const listener = createPostgresListener(connection);
    return {
      kind: 'postgres',
      db,
      reader,
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
        await readerPool.end();
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
