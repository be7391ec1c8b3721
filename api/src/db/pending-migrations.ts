import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Logger } from '../logger.js';
import { migrationsFolder, type Database } from './connect.js';
import { queryRows } from './query-rows.js';

/** The SQLSTATE of an error from node-postgres, itself or as the cause of Drizzle's. */
const sqlState = (error: unknown) =>
  (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;

type TJournal = { entries: Array<{ tag: string; when: number }> };

/**
 * The migrations of this release the database has not applied, by Drizzle's own rule: a
 * migration is applied when the newest row of `drizzle.__drizzle_migrations` is at least as
 * new as its journal time.
 */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as TJournal;
  let newest = 0;
  try {
    const rows = await queryRows<{ newest: string | number | null }>(
      database.db,
      sql`select max(created_at) as newest from drizzle.__drizzle_migrations`,
    );
    newest = Number(rows[0]?.newest ?? 0);
  } catch (error) {
    // no migration table yet: nothing applied (42P01 undefined_table, 3F000 invalid_schema_name)
    const code = sqlState(error);
    if (code !== '42P01' && code !== '3F000') throw error;
  }
  return journal.entries.filter((e) => e.when > newest).map((e) => e.tag);
}

/**
 * Production start-up: replicas do not migrate (the migration job does, once per release);
 * they wait until the database has every migration of this release, then start. On the first
 * release the database may not know their role yet (the migration job creates it, see
 * ensure-app-principal.ts): a refused sign-in (28000, 28P01) is waited out the same way. Gives
 * up after `timeoutMs` with an error naming what is missing.
 */
export async function waitForMigrations(
  database: Database,
  logger: Logger,
  options: { timeoutMs?: number; everyMs?: number } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const everyMs = options.everyMs ?? 2000;
  const until = Date.now() + timeoutMs;
  let lastLog = 0;
  for (;;) {
    let pending: string[];
    let refused: string | undefined;
    try {
      pending = await pendingMigrations(database);
    } catch (error) {
      const state = sqlState(error);
      if (state !== '28000' && state !== '28P01') throw error;
      refused = ((error as { cause?: Error }).cause ?? (error as Error)).message;
      pending = [];
    }
    if (pending.length === 0 && !refused) return;
    if (Date.now() >= until) {
      throw new Error(
        refused
          ? `The database refuses DATABASE_URL's role (${refused}): the migration job creates it with DATABASE_APP_PRINCIPAL, or create it as a member of confer_app (README, Database roles)`
          : `The database lacks ${pending.length} migration(s) of this release (${pending.join(', ')}): run the migration job (npm run db:migrate)`,
      );
    }
    if (Date.now() - lastLog > 60_000) {
      lastLog = Date.now();
      if (refused) logger.warn({ refused }, 'Waiting for the migration job to create the database role of the app');
      else logger.warn({ pending }, 'Waiting for the migration job to apply this release’s migrations');
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
