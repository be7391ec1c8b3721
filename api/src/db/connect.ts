import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import {
  assertChannelName,
  createPostgresListener,
  type ListenOptions,
  type Unlisten,
} from './create-postgres-listener.js';
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

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** PostgreSQL server when a URL is given, else PGlite (in memory when dataDir is omitted). */
export async function connectDatabase(options: {
  url?: string;
  poolMax?: number;
  dataDir?: string;
}): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolMax ?? 10 });
    // A dropped idle connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    const readerPool = new pg.Pool({ connectionString: options.url, max: 1 });
    readerPool.on('error', () => {});
    const reader = drizzlePg({ client: readerPool, schema }) as unknown as Db;
    const listener = createPostgresListener(options.url);
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
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await pglite.waitReady;
  const db = drizzlePglite({ client: pglite, schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    reader: db,
    pglite,
    listen: async (channel, onPayload) => {
      assertChannelName(channel);
      const unlisten = await pglite.listen(channel, onPayload);
      return () => unlisten();
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    migrate: async () => {
      await migratePglite(db as never, { migrationsFolder });
    },
    close: () => pglite.close(),
  };
}
