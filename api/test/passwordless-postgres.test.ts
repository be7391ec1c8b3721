import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { roleThatMayChangeAuditLog } from '../src/db/app-role.js';
import type { Database } from '../src/db/connect.js';
import { queryRows } from '../src/db/query-rows.js';
import { findFreePort } from '../src/integrations/blob-storage/start-azurite.js';
import { startJobQueue, type JobQueue } from '../src/jobs/job-queue.js';
import { createLogger } from '../src/logger.js';
import { migrateDatabase, openDatabase } from '../src/server.js';
import { waitFor } from './support/messaging.js';

/**
 * Passwordless PostgreSQL for real: a PostgreSQL cluster of its own (scram-sha-256 for TCP)
 * whose roles' passwords are whatever the managed identity endpoint hands out, and the real
 * @azure/identity DefaultAzureCredential calling that endpoint on loopback (the App Service /
 * Container Apps protocol: IDENTITY_ENDPOINT + IDENTITY_HEADER). As in Azure, the migration
 * job signs in as the schema owner (the Entra administrator) and creates the app's principal
 * with pgaadauth_create_principal (a stand-in of Azure's function, in the cluster's postgres
 * database); the app signs in as that principal, a member of confer_app. The token rotates
 * during the test; new connections of the pool, the LISTEN connection and pg-boss must use
 * the new one. Needs PostgreSQL's server binaries (initdb); runs with the PostgreSQL
 * suite (TEST_DATABASE_URL), as CI does.
 */
const binDir = ['/usr/lib/postgresql']
  .filter(existsSync)
  .flatMap((root) => readdirSync(root).map((v) => join(root, v, 'bin')))
  .filter((dir) => existsSync(join(dir, 'initdb')))
  .sort()
  .at(-1);
const describeWithServer = binDir && process.env.TEST_DATABASE_URL ? describe : describe.skip;
if (!binDir && process.env.TEST_DATABASE_URL) {
  process.stderr.write('SKIPPED passwordless PostgreSQL: no initdb under /usr/lib/postgresql\n');
}

const asRoot = userInfo().uid === 0;
/** Runs a PostgreSQL server binary, as user postgres when this process is root. */
const pgTool = (tool: string, args: string[]) => {
  const command = [join(binDir!, tool), ...args];
  if (!asRoot) return execFileSync(command[0]!, command.slice(1), { stdio: 'pipe' });
  const quoted = command.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return execFileSync('su', ['postgres', '-c', quoted], { stdio: 'pipe' });
};

type TokenRequest = { path: string; header: string | undefined; resource: string | null; at: number };

describeWithServer('passwordless PostgreSQL (DATABASE_AUTH=entra)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'confer-entra-pg-'));
  const identityHeader = randomBytes(16).toString('hex');
  const requests: TokenRequest[] = [];
  const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };
  let token = `first-${randomBytes(12).toString('hex')}`;
  let port: number;
  let identity: Server;
  let database: Database;
  let jobs: JobQueue;
  let started = false;

  /** The cluster's superuser, over its Unix socket (trust): the test's own hand. */
  const admin = async <T extends pg.QueryResultRow>(text: string, database = 'postgres') => {
    const client = new pg.Client({ host: dir, port, user: 'postgres', database });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), -1);
    port = await findFreePort();
    pgTool('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256']);
    pgTool('pg_ctl', [
      '-D',
      join(dir, 'data'),
      '-o',
      `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c fsync=off`,
      '-l',
      join(dir, 'server.log'),
      '-w',
      'start',
    ]);
    started = true;
    // the schema owner (the migration job's Entra administrator); the app's role comes later
    await admin(`create role confer_owner login createrole password '${token}'`);
    await admin('create database confer owner confer_owner');
    // Azure's pgaadauth_create_principal, standing in: it makes the login role (Entra then
    // accepts the identity's tokens for it; here the test sets the token as its password)
    await admin(`create table pgaadauth_calls (role_name text, is_admin boolean, is_mfa boolean)`);
    await admin(`create function pgaadauth_create_principal(role_name text, is_admin boolean, is_mfa boolean)
      returns text language plpgsql security definer as $$
      begin
        insert into pgaadauth_calls values (role_name, is_admin, is_mfa);
        execute format('create role %I login', role_name);
        return 'Created role for ' || role_name;
      end $$`);

    identity = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://identity');
      const header = req.headers['x-identity-header'];
      requests.push({
        path: url.pathname,
        header: typeof header === 'string' ? header : undefined,
        resource: url.searchParams.get('resource'),
        at: Date.now(),
      });
      if (header !== identityHeader) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'invalid_request' }));
        return;
      }
      // valid for 5 minutes and 3 seconds: inside the 5-minute refresh margin after 3 s
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          access_token: token,
          expires_on: String(Math.floor(Date.now() / 1000) + 303),
          resource: url.searchParams.get('resource'),
          token_type: 'Bearer',
        }),
      );
    });
    const identityPort = await findFreePort();
    await new Promise<void>((resolve) => identity.listen(identityPort, '127.0.0.1', () => resolve()));
    process.env.IDENTITY_ENDPOINT = `http://127.0.0.1:${identityPort}/msi/token`;
    process.env.IDENTITY_HEADER = identityHeader;
  }, 60_000);

  afterAll(async () => {
    await jobs?.stop().catch(() => undefined);
    await database?.close().catch(() => undefined);
    if (started) pgTool('pg_ctl', ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']);
    await new Promise((resolve) => identity?.close(resolve));
    process.env.IDENTITY_ENDPOINT = saved.endpoint;
    process.env.IDENTITY_HEADER = saved.header;
    if (saved.endpoint === undefined) delete process.env.IDENTITY_ENDPOINT;
    if (saved.header === undefined) delete process.env.IDENTITY_HEADER;
    rmSync(dir, { recursive: true, force: true });
  });

  const config = () =>
    loadConfig({
      DATABASE_URL: `postgres://confer_web@127.0.0.1:${port}/confer`,
      DATABASE_MIGRATION_URL: `postgres://confer_owner@127.0.0.1:${port}/confer`,
      DATABASE_APP_PRINCIPAL: 'confer_web',
      DATABASE_AUTH: 'entra',
      LOG_LEVEL: 'silent',
    });

  test('when the migration job runs as the Entra administrator, then it creates the app principal once, as a member of confer_app and nothing more', async () => {
    const logger = createLogger(config());
    await migrateDatabase(config(), undefined, logger, true);
    expect(await admin('select role_name, is_admin, is_mfa from pgaadauth_calls')).toEqual([
      { role_name: 'confer_web', is_admin: false, is_mfa: false },
    ]);
    const role = `select rolsuper, rolcreaterole, rolcreatedb,
        array(select b.rolname::text from pg_auth_members m join pg_roles b on b.oid = m.roleid where m.member = r.oid) as member_of
      from pg_roles r where rolname = 'confer_web'`;
    const expected = [{ rolsuper: false, rolcreaterole: false, rolcreatedb: false, member_of: ['confer_app'] }];
    expect(await admin(role)).toEqual(expected);
    // Entra accepts the identity's token for the principal; here its password is the token
    await admin(`alter role confer_web password '${token}'`);
    // the next release's job: the principal exists, nothing is created again
    await migrateDatabase(config(), undefined, logger, true);
    expect(await admin('select count(*)::int as n from pgaadauth_calls')).toEqual([{ n: 1 }]);
    expect(await admin(role)).toEqual(expected);
    // the tables belong to the owner, whose token signed in too
    expect(await admin(`select distinct tableowner from pg_tables where tablename = 'audit_log'`, 'confer')).toEqual([
      { tableowner: 'confer_owner' },
    ]);
  }, 60_000);

  test('when the URL names the app principal without a password, then every connection signs in with the managed identity token, also after it rotates', async () => {
    database = await openDatabase(config());
    expect(await roleThatMayChangeAuditLog(database.db)).toBeUndefined();
    const logger = createLogger(config());
    // as production replicas: the migration job installed pg-boss's schema
    jobs = await startJobQueue(database, logger, { pollingIntervalSeconds: 0.5, installSchema: false });
    const done: string[] = [];
    await jobs.work<{ eventId: string }>('acs-event', async (job) => {
      done.push(job.data.eventId);
    });
    const heard: string[] = [];
    let reconnects = 0;
    await database.listen('confer_rotation', (payload) => heard.push(payload), {
      onReconnect: () => (reconnects += 1),
    });
    const notify = (payload: string) => database.db.execute(sql`select pg_notify('confer_rotation', ${payload})`);

    // before the rotation: the pool (migrations, pg-boss), LISTEN and a job all work
    expect(await queryRows(database.db, sql`select current_user as who`)).toEqual([{ who: 'confer_web' }]);
    await notify('before');
    await waitFor(() => heard.includes('before'), 'the notification before the rotation');
    await jobs.enqueue('acs-event', { eventId: 'before' });
    await waitFor(() => done.includes('before'), 'the job before the rotation');
    expect(requests.length).toBeGreaterThanOrEqual(1);
    for (const r of requests) {
      expect(r).toMatchObject({
        path: '/msi/token',
        header: identityHeader,
        resource: 'https://ossrdbms-aad.database.windows.net',
      });
    }
    const firstToken = token;

    // Entra rotates the token; the old one stops working; every connection is cut (a failover)
    token = `second-${randomBytes(12).toString('hex')}`;
    await admin(`alter role confer_web password '${token}'`);
    await new Promise((r) => setTimeout(r, 3500));
    const rotatedAt = Date.now();
    await admin(`select pg_terminate_backend(pid) from pg_stat_activity where usename = 'confer_web'`);

    await waitFor(
      () =>
        queryRows(database.db, sql`select 1 as ok`).then(
          () => true,
          () => false,
        ),
      'a pool connection with the new token',
    );
    await waitFor(() => reconnects >= 1, 'the LISTEN connection to reconnect', 20_000);
    await notify('after');
    await waitFor(() => heard.includes('after'), 'the notification after the rotation');
    await jobs.enqueue('acs-event', { eventId: 'after' });
    await waitFor(() => done.includes('after'), 'the job after the rotation', 20_000);
    expect(requests.some((r) => r.at >= rotatedAt)).toBe(true);
    const sessions = await admin<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where usename = 'confer_web' and backend_start >= to_timestamp(${rotatedAt / 1000})`,
    );
    expect(sessions[0]!.n).toBeGreaterThanOrEqual(2);

    // the old token no longer opens a connection
    const stale = new pg.Client({
      host: '127.0.0.1',
      port,
      user: 'confer_web',
      database: 'confer',
      password: firstToken,
    });
    await expect(stale.connect()).rejects.toMatchObject({ code: '28P01' });
    await stale.end().catch(() => undefined);
  }, 90_000);
});
