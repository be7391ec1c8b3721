import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { roleThatMayChangeAuditLog } from '../src/db/app-role.js';
import { connectDatabase, type Database } from '../src/db/connect.js';
import { findFreePort } from '../src/integrations/blob-storage/start-azurite.js';
import { recordAudit } from '../src/modules/audit/record-audit.js';
import { startServer } from '../src/server.js';
import { createTestDatabase } from './support/test-database.js';

const onPostgres = !!process.env.TEST_DATABASE_URL;
const testOnPostgres = onPostgres ? test : test.skip;

/** A login role that is a member of confer_app, as production connects (PostgreSQL server only). */
async function createAppLogin(serverUrl: string) {
  const name = `confer_test_app_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create role ${name} login in role confer_app`);
  await admin.end();
  return {
    name,
    urlFor: (databaseUrl: string) => {
      const url = new URL(databaseUrl);
      url.username = name;
      url.password = '';
      return url.toString();
    },
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop role if exists ${name}`);
      await cleanup.end();
    },
  };
}

describe('the application database role', () => {
  let owner: Database & { url?: string };
  let login: Awaited<ReturnType<typeof createAppLogin>> | undefined;
  beforeAll(async () => {
    owner = await createTestDatabase();
    if (onPostgres) login = await createAppLogin(process.env.TEST_DATABASE_URL!);
  });
  afterAll(async () => {
    await owner.close();
    await login?.drop();
  });

  /** The app's view of the database: a confer_app member's connection (PGlite: SET ROLE on its one connection). */
  async function asAppRole<T>(fn: (database: Database) => Promise<T>): Promise<T> {
    if (!login) {
      await owner.pglite!.exec('set role confer_app');
      try {
        return await fn(owner);
      } finally {
        await owner.pglite!.exec('reset role');
      }
    }
    const app = await connectDatabase({ url: login.urlFor(owner.url!), poolMax: 1 });
    try {
      return await fn(app);
    } finally {
      await app.close();
    }
  }

  test('when requests run as confer_app, then audit rows can be added and read but never updated, deleted or truncated', async () => {
    const outcome = await asAppRole(async (app) => {
      await recordAudit(app.db, { firmId: null, actorKind: 'system', action: 'test.audit', outcome: 'success' });
      const tryRaw = async (text: string) => {
        try {
          if (app.pglite) await app.pglite.exec(text);
          else await app.pool!.query(text);
          return 'done';
        } catch (error) {
          return (error as Error).message;
        }
      };
      return {
        mayChange: await roleThatMayChangeAuditLog(app.db),
        read: await tryRaw(`select count(*) from audit_log where action = 'test.audit'`),
        update: await tryRaw(`update audit_log set outcome = 'refused' where action = 'test.audit'`),
        delete: await tryRaw(`delete from audit_log where action = 'test.audit'`),
        truncate: await tryRaw('truncate audit_log'),
        // the rest of the data stays the app's to change
        other: await tryRaw(`update firms set name = name where false`),
      };
    });
    expect(outcome).toEqual({
      mayChange: undefined,
      read: 'done',
      update: 'permission denied for table audit_log',
      delete: 'permission denied for table audit_log',
      truncate: 'permission denied for table audit_log',
      other: 'done',
    });
  });

  test('when the connection is the schema owner, then it is named as one that may change the audit log', async () => {
    expect(await roleThatMayChangeAuditLog(owner.db)).toMatch(/\w+/);
  });

  testOnPostgres(
    'when production is started over the owner connection, then it refuses to start and says why',
    async () => {
      const config = loadConfig({
        CONFER_MODE: 'production',
        LOG_LEVEL: 'silent',
        DATABASE_URL: owner.url!,
        DATABASE_MIGRATION_URL: owner.url!,
        AZURE_STORAGE_CONNECTION_STRING: process.env.TEST_AZURE_STORAGE_CONNECTION_STRING!,
        ACS_ENDPOINT: 'https://acs.example',
        ACS_EMAIL_SENDER: 'noreply@confer.example',
        ACS_WEBHOOK_SECRET: 'x'.repeat(32),
        ENTRA_ALLOWED_TENANT_IDS: '11111111-2222-4333-8444-555555555555',
        ENTRA_API_AUDIENCE: 'api://confer',
        ENTRA_CLIENT_ID: '6c1f0d3a-1b2c-4d5e-8f90-123456789abc',
        PUBLIC_BASE_URL: 'https://confer.example',
        CONFER_SEAL_KEY: Buffer.alloc(32, 9).toString('base64'),
        PORT: String(await findFreePort()),
      });
      await expect(startServer(config)).rejects.toThrow(/may change or delete audit log rows.*confer_app/);
    },
  );

  testOnPostgres(
    'when Confer runs as a confer_app member with migrations over the owner URL, then it serves and audits',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'confer-app-role-'));
      const port = await findFreePort();
      const running = await startServer(
        loadConfig({
          PORT: String(port),
          LOG_LEVEL: 'silent',
          CONFER_DATA_DIR: dataDir,
          DATABASE_URL: login!.urlFor(owner.url!),
          DATABASE_MIGRATION_URL: owner.url!,
          AZURE_STORAGE_CONNECTION_STRING: process.env.TEST_AZURE_STORAGE_CONNECTION_STRING!,
          AZURE_STORAGE_CONTAINER: `app-role-${randomBytes(4).toString('hex')}`,
        }),
      );
      try {
        const base = `http://127.0.0.1:${port}`;
        expect((await fetch(`${base}/readyz`)).status).toBe(200);
        const signIn = await fetch(`${base}/dev/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': 'app-role-sign-in-1' },
          body: JSON.stringify({ email: 'alex.morgan@harbourvale.example' }),
        });
        expect(signIn.status).toBe(200);
        const { token } = (await signIn.json()) as { token: string };
        const created = await fetch(`${base}/api/v1/matters`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ number: 'ROLE-1', title: 'Made by the app role' }),
        });
        expect(created.status).toBe(201);
        const audited = await owner.pool!.query(
          `select action from audit_log where request_id = 'app-role-sign-in-1' and outcome = 'success'`,
        );
        expect(audited.rows).toEqual([{ action: 'staff.sign_in' }]);
      } finally {
        await running.stop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    90_000,
  );
});
