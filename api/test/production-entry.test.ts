import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { loadDevSigningKey, signDevToken, type DevSigningKey } from '../src/dev/dev-signing-key.js';
import { findFreePort } from '../src/integrations/blob-storage/start-azurite.js';
import { startAcsEmulator, type AcsEmulator } from './support/acs-emulator.js';
import { waitFor } from './support/messaging.js';

/**
 * The production image's process, run as the Dockerfile runs it (its runtime ENV and CMD, read
 * from the Dockerfile), against PostgreSQL, Azurite standing in for the storage endpoint, the
 * ACS emulator, a loopback JWKS for Entra tokens and a loopback Application Insights ingestion
 * endpoint. A preloaded recorder logs every module each process loads, so the test can tell
 * that no embedded piece (PGlite, Azurite) was imported. PostgreSQL only: production has no
 * PGlite.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const serverUrl = process.env.TEST_DATABASE_URL;
const describeOnPostgres = serverUrl ? describe : describe.skip;
const recorder = pathToFileURL(join(repoRoot, 'api/test/support/record-loaded-modules.mjs')).href;
const embeddedPieces = /@electric-sql\/pglite|\/node_modules\/azurite\/|drizzle-orm\/pglite|open-pglite|start-azurite/;

/** The runtime stage of the Dockerfile: its ENV settings and its CMD. */
function imageRuntime(): { env: Record<string, string>; cmd: string[] } {
  const text = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const stages = text.split(/^FROM /m);
  const runtime = stages[stages.length - 1]!;
  const env: Record<string, string> = {};
  for (const line of runtime.split('\n').filter((l) => l.startsWith('ENV '))) {
    for (const [, key, value] of line.slice(4).matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)) env[key!] = value!;
  }
  const cmd = /^CMD (\[.*\])\s*$/m.exec(runtime)?.[1];
  if (!cmd) throw new Error('The Dockerfile has no CMD in its last stage');
  return { env, cmd: JSON.parse(cmd) as string[] };
}

type Run = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function run(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

const portIsOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

async function listen(server: Server): Promise<number> {
  const port = await findFreePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return port;
}

beforeAll(() => {
  // npm test builds first; a lone run of this file builds what is missing
  if (!serverUrl || existsSync(join(repoRoot, 'api/dist/main.js'))) return;
  const built = spawnSync('npm', ['run', 'build', '-w', 'api'], { cwd: repoRoot, stdio: 'ignore' });
  expect(built.status).toBe(0);
}, 180_000);

describeOnPostgres('the production image', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'confer-production-'));
  const databaseName = `confer_prod_${randomBytes(6).toString('hex')}`;
  /** The app's login role, which the migration job creates (DATABASE_APP_PRINCIPAL). */
  const appPrincipal = `confer_prod_app_${randomBytes(4).toString('hex')}`;
  const tenantId = randomUUID();
  const adminEmail = `ada.lovelace.${randomBytes(3).toString('hex')}@northwind.example`;
  const webhookSecret = randomBytes(24).toString('hex');
  const audience = 'api://confer-production-test';
  const telemetry: string[] = [];
  const servers: Server[] = [];
  const runs: Run[] = [];
  let acs: AcsEmulator;
  let devKey: DevSigningKey;
  let jwksPort: number;
  /** The schema owner's URL (the migration job's); the replicas' DATABASE_URL names appPrincipal. */
  let databaseUrl: string;
  let migrationEnv: Record<string, string>;
  let env: Record<string, string>;
  let port: number;
  let server: Run;
  let base: string;
  let token: string;

  const moduleLog = (name: string) => join(scratch, `${name}.modules`);
  const runAs = (name: string, args: string[], extra: Record<string, string> = {}) => {
    const r = run(args, { ...env, CONFER_MODULE_LOG: moduleLog(name), ...extra });
    runs.push(r);
    return r;
  };
  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    });

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${databaseName}`);
    await admin.end();
    const url = new URL(serverUrl!);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
    url.username = appPrincipal;
    url.password = '';
    const appUrl = url.toString();

    acs = await startAcsEmulator();
    devKey = await loadDevSigningKey(scratch);
    const jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [devKey.publicJwk] }));
    });
    servers.push(jwks);
    jwksPort = await listen(jwks);
    // the exporter speaks https only: a certificate for 127.0.0.1, trusted by the child processes
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(scratch, 'key.pem'),
        '-out',
        join(scratch, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    expect(made.status).toBe(0);
    const tls = { key: readFileSync(join(scratch, 'key.pem')), cert: readFileSync(join(scratch, 'cert.pem')) };
    const ingestion = createHttpsServer(tls, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        telemetry.push((req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ itemsReceived: 0, itemsAccepted: 0, errors: [] }));
      });
    });
    servers.push(ingestion);
    const ingestionPort = await listen(ingestion);

    const image = imageRuntime();
    port = await findFreePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...image.env,
      PORT: String(port),
      LOG_LEVEL: 'info',
      DATABASE_URL: appUrl,
      AZURE_STORAGE_CONNECTION_STRING: process.env.TEST_AZURE_STORAGE_CONNECTION_STRING!,
      AZURE_STORAGE_CONTAINER: `p${randomBytes(8).toString('hex')}`,
      ACS_CONNECTION_STRING: acs.connectionString,
      ACS_EMAIL_SENDER: 'no-reply@confer.example',
      ACS_WEBHOOK_SECRET: webhookSecret,
      ENTRA_ALLOWED_TENANT_IDS: tenantId,
      ENTRA_API_AUDIENCE: audience,
      ENTRA_CLIENT_ID: randomUUID(),
      ENTRA_JWKS_URL: `http://127.0.0.1:${jwksPort}/discovery/v2.0/keys`,
      ENTRA_ISSUER_TEMPLATE: `http://127.0.0.1:${jwksPort}/{tid}/v2.0`,
      PUBLIC_BASE_URL: 'https://confer.example',
      CONFER_SEAL_KEY: randomBytes(32).toString('base64'),
      TRUST_PROXY: '1',
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${randomUUID()};IngestionEndpoint=https://127.0.0.1:${ingestionPort}/;LiveEndpoint=https://127.0.0.1:${ingestionPort}/`,
      NODE_EXTRA_CA_CERTS: join(scratch, 'cert.pem'),
      // every trace (the default keeps 5 per second, so which requests arrive would vary)
      OTEL_TRACES_SAMPLER: 'always_on',
      NODE_OPTIONS: `--import=${recorder}`,
    };
    // the migration job's own settings, as main.bicep gives them
    migrationEnv = { DATABASE_MIGRATION_URL: databaseUrl, DATABASE_APP_PRINCIPAL: appPrincipal };
    expect(image.env.CONFER_MODE).toBe('production');
    server = runAs('server', image.cmd.slice(1));
  }, 60_000);

  afterAll(async () => {
    for (const r of runs) if (r.child.exitCode === null) r.child.kill('SIGKILL');
    await acs?.stop();
    for (const s of servers) await new Promise((resolve) => s.close(resolve));
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.query(`drop role if exists ${appPrincipal}`);
    await admin.end();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('when the first release starts before its migration job ran, then the replica waits for its role, and serves once the job has migrated and made it', async () => {
    // the database does not know the replica's role yet: it waits, it does not exit
    await waitFor(
      () => server.output().includes('Waiting for the migration job to create the database role'),
      'the replica to wait',
      60_000,
    );
    expect(server.output()).toContain(`role \\"${appPrincipal}\\" does not exist`);
    expect(server.child.exitCode).toBeNull();
    expect(await portIsOpen(port)).toBe(false);

    // without the owner's URL the job refuses: the app's role may not change the schema
    const ownerless = runAs('migrate-ownerless', ['api/dist/main.js', '--migrate-only']);
    expect(await ownerless.exited).toBe(78);
    expect(ownerless.output()).toContain('DATABASE_MIGRATION_URL (the schema owner) is required by --migrate-only');

    const job = runAs('migrate', ['api/dist/main.js', '--migrate-only'], migrationEnv);
    expect(await job.exited).toBe(0);
    expect(job.output()).toContain('Created the database principal of the app');
    expect(job.output()).toContain('Migrations applied');
    // the role is a member of confer_app and nothing more
    const [role] = await query<{ super: boolean; createrole: boolean; member: boolean; owns: number }>(
      `select rolsuper as super, rolcreaterole as createrole, pg_has_role($1, 'confer_app', 'member') as member,
              (select count(*)::int from pg_class where relowner = r.oid) as owns
         from pg_roles r where rolname = $1`,
      [appPrincipal],
    );
    expect(role).toEqual({ super: false, createrole: false, member: true, owns: 0 });
    // a second run of the job (the next release) changes nothing and does not fail
    const again = runAs('migrate-again', ['api/dist/main.js', '--migrate-only'], migrationEnv);
    expect(await again.exited).toBe(0);
    expect(again.output()).not.toContain('Created the database principal');

    const ready = await waitFor(
      async () => {
        const res = await fetch(`${base}/readyz`).catch(() => undefined);
        return res?.status === 200 ? ((await res.json()) as { checks: Record<string, string> }) : undefined;
      },
      'the replica to be ready',
      30_000,
    );
    expect(ready.checks).toMatchObject({ database: 'ok', blobStorage: 'ok' });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/dev/sign-in`)).status).toBe(404);

    // a replica given the owner's URL refuses to start, naming the role and why
    const ownerReplica = runAs('owner-replica', imageRuntime().cmd.slice(1), {
      DATABASE_URL: databaseUrl,
      PORT: String(await findFreePort()),
    });
    expect(await ownerReplica.exited).not.toBe(0);
    expect(ownerReplica.output()).toContain(
      `DATABASE_URL connects as "${new URL(databaseUrl).username}", which may change or delete audit log rows`,
    );
  }, 120_000);

  test('when the operator runs the firm job twice, then one firm and one admin exist, each audited once', async () => {
    const args = ['api/dist/main.js', 'firm', 'create', '--name', 'Northwind Legal', '--tenant', tenantId];
    const first = runAs('firm-1', [...args, '--admin', adminEmail]);
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('Created the firm "Northwind Legal"');
    expect(first.output()).toContain(`Ada Lovelace`);
    const again = runAs('firm-2', [...args, '--admin', adminEmail]);
    expect(await again.exited).toBe(0);
    expect(again.output()).toContain('already exists');
    expect(again.output()).toContain('already an active admin');

    const firms = await query<{ id: string }>('select id from firms where entra_tenant_id = $1', [tenantId]);
    expect(firms).toHaveLength(1);
    const audit = await query<{ action: string; actor_kind: string }>(
      `select action, actor_kind from audit_log where firm_id = $1 order by id`,
      [firms[0]!.id],
    );
    expect(audit).toEqual([
      { action: 'firm.create', actor_kind: 'system' },
      { action: 'staff.create', actor_kind: 'system' },
    ]);

    const taken = runAs('firm-3', [
      'api/dist/main.js',
      'firm',
      'create',
      '--name',
      'Other',
      '--tenant',
      tenantId,
      '--admin',
      adminEmail,
    ]);
    expect(await taken.exited).toBe(1);
    expect(taken.output()).toContain('already belongs to the firm "Northwind Legal"');
    const usage = runAs('firm-4', ['api/dist/main.js', 'firm', 'create', '--name', 'X', '--tenant', 'nope']);
    expect(await usage.exited).toBe(64);
    expect(usage.output()).toContain('--tenant: must be the Entra tenant id');
    expect(usage.output()).toContain('--admin: is required');
  }, 120_000);

  test('when the new admin signs in with an Entra token and writes to a client, then the client is emailed through ACS', async () => {
    token = await signDevToken(
      devKey,
      { issuer: `http://127.0.0.1:${jwksPort}/${tenantId}/v2.0`, audience },
      { tenantId, objectId: randomUUID(), name: 'Ada Lovelace', email: adminEmail },
    );
    const me = await api('/api/v1/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { staff: { role: string } }).staff.role).toBe('admin');

    const matter = (await (
      await api('/api/v1/matters', { method: 'POST', body: JSON.stringify({ number: 'NW-1', title: 'Lease' }) })
    ).json()) as { id: string };
    const clientEmail = `grace.${randomBytes(3).toString('hex')}@client.example`;
    const contact = (await (
      await api('/api/v1/contacts', {
        method: 'POST',
        body: JSON.stringify({ name: 'Grace Hopper', email: clientEmail }),
      })
    ).json()) as { id: string };
    expect((await api(`/api/v1/matters/${matter.id}/contacts/${contact.id}`, { method: 'PUT' })).status).toBeLessThan(
      300,
    );
    const conversation = await api('/api/v1/conversations', {
      method: 'POST',
      body: JSON.stringify({ kind: 'external_matter', matterId: matter.id, contactIds: [contact.id] }),
    });
    expect(conversation.status).toBe(201);
    const { id } = (await conversation.json()) as { id: string };
    const sent = await api(`/api/v1/conversations/${id}/messages`, {
      method: 'POST',
      body: JSON.stringify({ body: 'The lease is ready to sign.' }),
    });
    expect(sent.status).toBe(201);
    const email = await waitFor(
      () => acs.emails.find((e) => e.to.includes(clientEmail)),
      'the email through ACS',
      30_000,
    );
    expect(email.sender).toBe('no-reply@confer.example');
    expect(acs.rejected).toBe(0);
  }, 60_000);

  test('when a request with a bad token arrives through the ingress with X-Forwarded-For, then it is refused', async () => {
    const refused = await fetch(`${base}/api/v1/me`, {
      headers: { authorization: 'Bearer not-a-token', 'x-forwarded-for': '203.0.113.7' },
    });
    expect(refused.status).toBe(401);
    // counted per source and minute: written when the minute closes, or when the server stops (below)
  });

  test('when Application Insights is configured, then requests are exported to it, without query strings', async () => {
    const validation = await fetch(`${base}/api/v1/webhooks/acs?code=${webhookSecret}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          id: randomUUID(),
          eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
          subject: '',
          data: { validationCode: 'abc' },
          eventTime: new Date().toISOString(),
          dataVersion: '1',
        },
      ]),
    });
    expect(validation.status).toBe(200);
    await waitFor(
      () =>
        telemetry.some((t) => t.includes('/api/v1/webhooks/acs')) && telemetry.some((t) => t.includes('/api/v1/me')),
      'request telemetry for the webhook and /me',
      45_000,
    );
    const all = telemetry.join('\n');
    expect(all).toContain('RequestData');
    expect(all).not.toContain(webhookSecret);
    expect(all).not.toContain('The lease is ready to sign.');
  }, 60_000);

  test('when the processes have run, then none imported PGlite or Azurite, and only the server loaded Azure Monitor', async () => {
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    for (const name of ['server', 'migrate', 'firm-1']) {
      expect(existsSync(moduleLog(name))).toBe(true);
      const loaded = readFileSync(moduleLog(name), 'utf8').split('\n');
      // the recorder saw the real work: the entry point and the PostgreSQL driver
      expect(loaded.some((l) => l.includes('/api/dist/main.js'))).toBe(true);
      expect(loaded.some((l) => l.includes('/node_modules/pg/'))).toBe(true);
      expect(loaded.filter((l) => embeddedPieces.test(l))).toEqual([]);
      expect(loaded.some((l) => l.includes('@azure/monitor-opentelemetry'))).toBe(name === 'server');
    }
    expect(readFileSync(moduleLog('server'), 'utf8')).toContain('@azure/storage-blob');
  }, 30_000);

  test('when the server has stopped on SIGTERM, then the refusals it counted are in the audit log with the client address', async () => {
    expect(server.child.exitCode).toBe(0);
    const rows = await query<{ ip: string; details: { code: string; count: number } }>(
      `select ip, details from audit_log where action = 'staff.authenticate' and outcome = 'refused' and ip = '203.0.113.7'`,
    );
    expect(rows.map((r) => [r.ip, r.details.code])).toEqual([['203.0.113.7', 'invalid_token']]);
    expect(rows[0]!.details.count).toBe(1);
  });
});
