import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrationsFolder, type Database, type Db } from './connect.js';
import { assertChannelName } from './create-postgres-listener.js';
import { schema } from './schema.js';

/**
 * Embedded mode's database: PGlite (WASM PostgreSQL) in this process, on disk under `dataDir`
 * or in memory. Imported only by `connectDatabase` when no URL is given, so the production
 * image need not carry PGlite (an optional dependency).
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = dataDir ? new PGlite(dataDir) : new PGlite();
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
