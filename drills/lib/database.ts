import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Db } from '../../api/src/db/connect.js';

const run = promisify(execFile);

/** Raw SQL on the drill's database, as the schema owner (superuser on a server). */
export type Sql = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export type DrillDatabase = {
  kind: 'postgresql' | 'pglite';
  /** Where Confer keeps it: a database on a server, or PGlite files under Confer's data dir. */
  description: string;
  /** What Confer's environment needs to use it (empty for PGlite: CONFER_DATA_DIR decides). */
  env(): Record<string, string>;
  /**
   * Before Confer's first start. With `seed`: migrates and seeds (the demo firm, then `seed`)
   * through the repositories. Without it Confer migrates and seeds the demo firm itself, as on
   * any first start.
   */
  prepare(seed?: (db: Db) => Promise<void>): Promise<void>;
  /**
   * SQL as the owner. On a server at any time; on PGlite only while Confer is stopped (one
   * process owns the files), so the caller stops it first.
   */
  direct<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /** The whole database as text: pg_dump on a server, every row of every table as JSON on PGlite. */
  dump(): Promise<string>;
  /** On a server: the role requests run as (a member of confer_app). */
  appRole?: string;
  close(): Promise<void>;
};

/** `pg_dump` of the newest installed PostgreSQL, or the one on PATH. */
function pgBinary(name: string): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', name)))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin', name);
  }
  return name;
}

/** Migrates and seeds in this process, through the product's own code (loaded only when needed). */
async function migrateAndSeed(options: { url?: string; dataDir?: string }, seed: (db: Db) => Promise<void>) {
  const { connectDatabase } = await import('../../api/src/db/connect.js');
  const { seedDemoFirm } = await import('../../api/src/dev/seed-demo-firm.js');
  const database = await connectDatabase({ ...options, poolMax: 2 });
  try {
    await database.migrate();
    await seedDemoFirm(database.db);
    await seed(database.db);
  } finally {
    await database.close();
  }
}

/** As migration 0015 does (roles belong to the cluster): the login role below needs it first. */
const createAppRole = `DO $$ BEGIN CREATE ROLE confer_app NOLOGIN;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`;

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * A database for one drill. On a server (`serverUrl`, a superuser URL): a new database, and a
 * login role in confer_app that Confer serves requests as, with migrations over the owner URL
 * (DATABASE_MIGRATION_URL), the way production runs. Otherwise PGlite under Confer's data dir.
 */
export async function createDrillDatabase(drill: string, dataDir: string, serverUrl?: string): Promise<DrillDatabase> {
  if (!serverUrl) return pgliteDatabase(join(dataDir, 'pgdata'));
  const suffix = randomBytes(4).toString('hex');
  const name = `confer_drill_${drill.replace(/\W/g, '_')}_${suffix}`;
  const role = `confer_drill_app_${suffix}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const ownerUrl = new URL(serverUrl);
  ownerUrl.pathname = `/${name}`;
  const appUrl = new URL(ownerUrl);
  appUrl.username = role;
  appUrl.password = '';
  let roleMade = false;
  const direct = async <T>(fn: (sql: Sql) => Promise<T>) => {
    const client = new pg.Client({ connectionString: ownerUrl.toString() });
    await client.connect();
    try {
      return await fn(async (text, params) => (await client.query(text, params)).rows);
    } finally {
      await client.end();
    }
  };
  const version = await direct(
    async (sql) => (await sql<{ v: string }>("select current_setting('server_version') as v"))[0]!.v,
  );
  return {
    kind: 'postgresql',
    description: `PostgreSQL ${version} at ${ownerUrl.host}, database ${name}, requests as ${role} (in confer_app)`,
    appRole: role,
    env: () => ({ DATABASE_URL: appUrl.toString(), DATABASE_MIGRATION_URL: ownerUrl.toString(), DB_POOL_MAX: '10' }),
    prepare: async (seed) => {
      if (seed) await migrateAndSeed({ url: ownerUrl.toString() }, seed);
      await adminQuery(serverUrl, createAppRole);
      await adminQuery(serverUrl, `create role ${role} login in role confer_app`);
      roleMade = true;
    },
    direct,
    dump: async () => {
      const { stdout } = await run(pgBinary('pg_dump'), ['--no-owner', '--dbname', ownerUrl.toString()], {
        maxBuffer: 1024 ** 3,
      });
      return stdout;
    },
    close: async () => {
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`).catch(() => undefined);
      if (roleMade) await adminQuery(serverUrl, `drop role if exists ${role}`).catch(() => undefined);
    },
  };
}

function pgliteDatabase(pgdata: string): DrillDatabase {
  const direct = async <T>(fn: (sql: Sql) => Promise<T>) => {
    const { connectDatabase } = await import('../../api/src/db/connect.js');
    const database = await connectDatabase({ dataDir: pgdata });
    const pglite = database.pglite!;
    try {
      return await fn(async (text, params) =>
        params?.length
          ? ((await pglite.query(text, params)).rows as never)
          : (((await pglite.exec(text)).at(-1)?.rows ?? []) as never),
      );
    } finally {
      await database.close();
    }
  };
  return {
    kind: 'pglite',
    description: `PGlite on disk (${pgdata})`,
    env: () => ({}),
    prepare: async (seed) => {
      if (seed) await migrateAndSeed({ dataDir: pgdata }, seed);
    },
    direct,
    dump: () =>
      direct(async (sql) => {
        const tables = await sql<{ schema: string; name: string }>(
          `select table_schema as schema, table_name as name from information_schema.tables
            where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'
            order by 1, 2`,
        );
        const parts: string[] = [];
        for (const t of tables) {
          const rows = await sql<{ row: string }>(
            `select row_to_json(t)::text as row from "${t.schema}"."${t.name}" t`,
          );
          parts.push(`-- ${t.schema}.${t.name}\n${rows.map((r) => r.row).join('\n')}`);
        }
        return parts.join('\n');
      }),
    close: async () => undefined,
  };
}
