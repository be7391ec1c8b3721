import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/connect.js';
import { queryRows } from '../src/db/query-rows.js';
import { createTestDatabase } from './support/test-database.js';

/**
 * The schema is ready to be distributed by firm on an elastic cluster (Citus): read from the
 * migrated catalog (pg_class, pg_index, pg_constraint), not from schema.ts, so a migration
 * that forgets firm_id fails here. docs/scale-out.md explains each list.
 */

/** Replicated to every node: small, read by every firm's queries. */
const referenceTables = ['firms'];

/**
 * Kept on the coordinator (not distributed): rows that belong to no firm, or are looked up
 * before any firm is known. Each has a nullable firm_id and is never the target of a firm-owned
 * table's foreign key.
 */
const coordinatorTables = {
  audit_log: 'refusals before a firm is known (unknown tenant, bad link) are audited too',
  link_requests: 'a portal link request names an email, not a firm',
  outbox: 'keyword confirmations go to numbers no firm may own; the sweep reads across firms',
  sms_opt_outs: 'an opt-out belongs to the phone number across the deployment',
  webhook_events: 'an Event Grid delivery belongs to no firm until it is processed',
} as const;

type TColumnRow = { table: string; column: string; not_null: boolean };
type TIndexRow = { table: string; index: string; primary: boolean; columns: string[] };
type TForeignKeyRow = { table: string; name: string; columns: string[]; target: string; target_columns: string[] };

let database: Database;
let tables: string[];
let firmIdColumns: Map<string, TColumnRow>;
let keys: TIndexRow[];
let foreignKeys: TForeignKeyRow[];

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  tables = (
    await queryRows<{ table: string }>(
      db,
      sql`select c.relname as "table" from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
    )
  ).map((r) => r.table);
  firmIdColumns = new Map(
    (
      await queryRows<TColumnRow>(
        db,
        sql`select c.relname as "table", a.attname as "column", a.attnotnull as not_null
            from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attname = 'firm_id' and not a.attisdropped`,
      )
    ).map((r) => [r.table, r]),
  );
  // every unique index (primary keys included); an expression column shows as its text
  keys = await queryRows<TIndexRow>(
    db,
    sql`select c.relname as "table", i.relname as "index", x.indisprimary as "primary",
               array(select coalesce(a.attname, pg_get_indexdef(x.indexrelid, k.n::int, true))
                     from unnest(x.indkey::int2[]) with ordinality k(attnum, n)
                     left join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum and k.attnum > 0
                     order by k.n)::text[] as columns
        from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and x.indisunique order by 1, 2`,
  );
  foreignKeys = await queryRows<TForeignKeyRow>(
    db,
    sql`select c.relname as "table", f.conname as "name", t.relname as target,
               array(select a.attname from unnest(f.conkey) with ordinality k(attnum, n)
                     join pg_attribute a on a.attrelid = f.conrelid and a.attnum = k.attnum order by k.n)::text[] as columns,
               array(select a.attname from unnest(f.confkey) with ordinality k(attnum, n)
                     join pg_attribute a on a.attrelid = f.confrelid and a.attnum = k.attnum order by k.n)::text[] as target_columns
        from pg_constraint f join pg_class c on c.oid = f.conrelid join pg_class t on t.oid = f.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and f.contype = 'f' order by 1, 2`,
  );
});

afterAll(async () => {
  await database?.close();
});

const firmOwned = () => tables.filter((t) => !referenceTables.includes(t) && !Object.hasOwn(coordinatorTables, t));

describe('a schema ready to distribute by firm', () => {
  test('when the lists of reference and coordinator tables are read, then each names a table that exists', () => {
    for (const table of [...referenceTables, ...Object.keys(coordinatorTables)]) expect(tables).toContain(table);
    expect(firmOwned().length).toBeGreaterThan(20);
  });

  test('when a table is not a reference table, then it carries firm_id, not null on every firm-owned table', () => {
    const missing = tables.filter((t) => !referenceTables.includes(t) && !firmIdColumns.has(t));
    expect(missing).toEqual([]);
    const nullable = firmOwned().filter((t) => !firmIdColumns.get(t)!.not_null);
    expect(nullable).toEqual([]);
  });

  test('when a firm-owned table has a primary key or unique index, then it includes firm_id', () => {
    const owned = new Set(firmOwned());
    const withoutPrimaryKey = firmOwned().filter((t) => !keys.some((k) => k.table === t && k.primary));
    expect(withoutPrimaryKey).toEqual([]);
    const offending = keys
      .filter((k) => owned.has(k.table) && !k.columns.includes('firm_id'))
      .map((k) => `${k.table}.${k.index} (${k.columns.join(', ')})`);
    expect(offending).toEqual([]);
  });

  test('when a firm-owned table refers to another, then the foreign key pairs firm_id with firm_id', () => {
    const owned = new Set(firmOwned());
    const offending = foreignKeys
      .filter((f) => owned.has(f.table) && owned.has(f.target))
      .filter((f) => {
        const at = f.columns.indexOf('firm_id');
        return at < 0 || f.target_columns[at] !== 'firm_id';
      })
      .map((f) => `${f.table}.${f.name} (${f.columns.join(', ')}) -> ${f.target} (${f.target_columns.join(', ')})`);
    expect(offending).toEqual([]);
  });

  test('when a foreign key crosses from or to a coordinator table, then it only points at a reference table', () => {
    const coordinator = new Set(Object.keys(coordinatorTables));
    const offending = foreignKeys
      .filter((f) => (coordinator.has(f.table) || coordinator.has(f.target)) && !referenceTables.includes(f.target))
      .map((f) => `${f.table}.${f.name} -> ${f.target}`);
    expect(offending).toEqual([]);
  });

  test('when the plan of migration 0013 for an elastic cluster is read, then it places each table as these lists do', async () => {
    const plan = await queryRows<{ relation: string; placement: string }>(
      database.db,
      sql`select relation, placement from confer_distribution_plan()`,
    );
    const placed = (placement: string) =>
      plan
        .filter((p) => p.placement === placement)
        .map((p) => p.relation)
        .sort();
    expect(placed('reference')).toEqual([...referenceTables].sort());
    expect(placed('coordinator')).toEqual(Object.keys(coordinatorTables).sort());
    expect(placed('distributed')).toEqual(firmOwned().sort());
    expect(placed('unclassified')).toEqual([]);
  });

  test('when the distribution runs on a server without citus, then it leaves every table and key as it was', async () => {
    const before = await queryRows(database.db, sql`select conname from pg_constraint order by 1`);
    await database.db.execute(sql`select confer_distribute_by_firm()`);
    expect(await queryRows(database.db, sql`select conname from pg_constraint order by 1`)).toEqual(before);
  });

  test('when a later migration creates a table, then it distributes it before adding its foreign keys', () => {
    const folder = fileURLToPath(new URL('../drizzle/', import.meta.url));
    const later = readdirSync(folder).filter((f) => /^\d{4}_.*\.sql$/.test(f) && Number(f.slice(0, 4)) > 13);
    const offending = later.filter((file) => {
      const text = readFileSync(folder + file, 'utf8');
      const created = text.search(/CREATE TABLE/i);
      if (created < 0) return false;
      const distributed = text.indexOf('confer_distribute_by_firm()', created);
      const foreignKey = text.search(/FOREIGN KEY/i);
      return distributed < 0 || (foreignKey >= 0 && foreignKey < distributed);
    });
    expect(offending).toEqual([]);
  });
});
