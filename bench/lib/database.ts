import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectDatabase, type Database } from '../../api/src/db/connect.js';

/** Raw SQL on one session (temporary tables survive between calls). */
export type Session = {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
};

export type BenchDatabase = {
  /** What the app gets: the same pool (PostgreSQL) or the same PGlite instance. */
  database: Database;
  kind: 'postgresql' | 'pglite';
  /** e.g. "PostgreSQL 15.18" or "PGlite 0.5.16 (PostgreSQL 17.x)". */
  description: string;
  /** Runs `fn` on one dedicated connection (PGlite: the only one). */
  session<T>(fn: (s: Session) => Promise<T>): Promise<T>;
  /** Closes the app's database and, on PostgreSQL, drops the bench database. */
  close(): Promise<void>;
};

/**
 * A fresh, migrated database for one bench run, like api/test/support/test-database.ts:
 * a new database on the server named by BENCH_DATABASE_URL (dropped at the end), or PGlite
 * in memory when it is unset.
 */
export async function openBenchDatabase(options: { poolMax: number }): Promise<BenchDatabase> {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) {
    const database = await connectDatabase({});
    await database.migrate();
    const pglite = database.pglite!;
    const version = (await pglite.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0]!.v;
    const session: Session = {
      // without parameters, several statements may be sent at once (as on PostgreSQL)
      query: async <T>(text: string, params?: unknown[]) =>
        params?.length
          ? (await pglite.query<T>(text, params)).rows
          : (((await pglite.exec(text)).at(-1)?.rows ?? []) as T[]),
    };
    return {
      database,
      kind: 'pglite',
      description: `PGlite ${await pgliteVersion()} (PostgreSQL ${version}, in memory)`,
      session: (fn) => fn(session),
      close: () => database.close(),
    };
  }

  const name = `confer_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let database: Database;
  try {
    database = await connectDatabase({ url: url.toString(), poolMax: options.poolMax });
    await database.migrate();
  } catch (error) {
    await adminQuery(serverUrl, `drop database if exists ${name} with (force)`).catch(() => {});
    throw error;
  }
  const pool = database.pool!;
  const version = (await pool.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0]!.v;
  return {
    database,
    kind: 'postgresql',
    description: `PostgreSQL ${version}`,
    session: async (fn) => {
      const client = await pool.connect();
      try {
        return await fn({
          query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
        });
      } finally {
        client.release(true); // temporary tables and session settings go with the connection
      }
    },
    close: async () => {
      await database.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

async function pgliteVersion(): Promise<string> {
  try {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const { readFileSync } = await import('node:fs');
    const { dirname, join } = await import('node:path');
    const main = require.resolve('@electric-sql/pglite');
    let dir = dirname(main);
    for (let i = 0; i < 4; i++) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === '@electric-sql/pglite') return pkg.version ?? '?';
      } catch {
        // keep looking upwards
      }
      dir = dirname(dir);
    }
  } catch {
    // unknown
  }
  return '?';
}
