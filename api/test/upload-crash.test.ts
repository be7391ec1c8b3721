import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { loadDevSigningKey, signDevToken } from '../src/dev/dev-signing-key.js';
import { createBlobStore } from '../src/integrations/blob-storage/blob-store.js';
import { findFreePort } from '../src/integrations/blob-storage/start-azurite.js';
import { insertFirm } from '../src/modules/firms/repository.js';
import { insertMatter } from '../src/modules/matters/repository.js';
import { insertStaff } from '../src/modules/staff/repository.js';
import { sql } from 'drizzle-orm';
import { bearer, createFirm, createMatter } from './support/fixtures.js';
import { buildMultipart } from './support/multipart.js';
import { startTestApp } from './support/start-test-app.js';
import { createTestDatabase } from './support/test-database.js';

/**
 * The drill behind issue 19.2, for real: the built-from-source API as its own process on
 * PostgreSQL, killed with SIGKILL in the middle of recording an upload, then restarted.
 * PostgreSQL only: it needs a second session holding a lock while the API works.
 */
const apiDir = fileURLToPath(new URL('../', import.meta.url));
const onPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

type Api = { child: ChildProcess; port: number; output: () => string };

async function startApi(env: Record<string, string>): Promise<Api> {
  const port = await findFreePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '-e', `import('./src/server.ts').then((m) => m.runFromCommandLine([]))`],
    { cwd: apiDir, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 60_000;
  while (!output.includes('Confer is running') && Date.now() < deadline && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!output.includes('Confer is running')) throw new Error(`the API did not start:\n${output}`);
  return { child, port, output: () => output };
}

function send(
  port: number,
  path: string,
  headers: Record<string, string>,
  body?: { contentType: string; bytes: Buffer },
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of several shapes, checked by the assertions
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`http://127.0.0.1:${port}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        ...headers,
        ...(body ? { 'Content-Type': body.contentType, 'Content-Length': String(body.bytes.length) } : {}),
      },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(body?.bytes);
  });
}

onPostgres('an API process killed while it records an upload', () => {
  test('when it dies between writing the documents and the message, then nothing half-sent is listed and the retry with the key sends it once', async () => {
    const database = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'confer-crash-'));
    const container = `crash${randomBytes(6).toString('hex')}`;
    const env = {
      CONFER_MODE: 'embedded',
      CONFER_DATA_DIR: dataDir,
      DATABASE_URL: database.url!,
      AZURE_STORAGE_CONNECTION_STRING: process.env.TEST_AZURE_STORAGE_CONNECTION_STRING!,
      AZURE_STORAGE_CONTAINER: container,
      LOG_LEVEL: 'warn',
    };
    const tenantId = randomUUID();
    const firm = await insertFirm(database.db, { name: 'Crash & Co', country: 'GB', entraTenantId: tenantId });
    const member = await insertStaff(database.db, firm.id, {
      tenantId,
      objectId: randomUUID(),
      name: 'Kim Killed',
      initials: 'KK',
      email: `kim.${randomUUID().slice(0, 8)}@crash.example`,
      role: 'staff',
      active: true,
    });
    const matter = await insertMatter(database.db, firm.id, { number: 'CR-1', title: 'Crash drill' });
    const key = await loadDevSigningKey(dataDir);
    const auth = async (port: number) => {
      const config = loadConfig({ ...env, PORT: String(port) });
      const token = await signDevToken(
        key,
        { issuer: config.identity.issuerTemplate, audience: config.identity.audience },
        { tenantId, objectId: member.objectId!, name: member.name, email: member.email },
      );
      return { Authorization: `Bearer ${token}` };
    };
    const locker = new pg.Client({ connectionString: database.url });
    const watcher = new pg.Client({ connectionString: database.url });
    await locker.connect();
    await watcher.connect();
    let api: Api | undefined;
    try {
      api = await startApi(env);
      const conversation = await send(api.port, '/api/v1/conversations', await auth(api.port), {
        contentType: 'application/json',
        bytes: Buffer.from(JSON.stringify({ kind: 'internal_matter', matterId: matter.id })),
      });
      expect(conversation.status).toBe(201);
      const file = Buffer.alloc(512 * 1024, 7);
      const multipart = buildMultipart([
        { field: 'body', content: 'The signed lease' },
        { field: 'files', filename: 'lease.pdf', content: file },
      ]);
      const upload = async (port: number) =>
        send(
          port,
          `/api/v1/conversations/${conversation.body.id}/uploads`,
          { ...(await auth(port)), 'Idempotency-Key': 'lease-upload-1' },
          { contentType: `multipart/form-data; boundary=${multipart.boundary}`, bytes: multipart.body },
        );

      // another session holds the messages table: the upload gets as far as the message and waits
      await locker.query('begin');
      await locker.query('lock table messages in exclusive mode');
      const first = upload(api.port).catch(() => undefined);
      const waitingOnMessages = async () =>
        (
          await watcher.query<{ n: number }>(
            `select count(*)::int as n from pg_locks l join pg_class c on c.oid = l.relation
              where c.relname = 'messages' and not l.granted`,
          )
        ).rows[0]!.n > 0;
      const deadline = Date.now() + 30_000;
      while (!(await waitingOnMessages()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await waitingOnMessages()).toBe(true);
      api.child.kill('SIGKILL');
      await new Promise((r) => api!.child.once('exit', r));
      await first;
      await locker.query('rollback');

      // restarted, the matter lists no document that no message carries
      api = await startApi(env);
      const listed = await send(api.port, `/api/v1/matters/${matter.id}/documents`, await auth(api.port));
      expect(listed.status).toBe(200);
      expect(listed.body.items).toEqual([]);

      // the client's retry with the same key sends the message with its file, once
      const retry = await upload(api.port);
      expect(retry.status).toBe(201);
      expect(retry.body.body).toBe('The signed lease');
      expect(retry.body.files).toHaveLength(1);
      const again = await upload(api.port);
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(retry.body.id);
      expect(again.body.files.map((f: { documentId: string }) => f.documentId)).toEqual(
        retry.body.files.map((f: { documentId: string }) => f.documentId),
      );
      const documents = await send(api.port, `/api/v1/matters/${matter.id}/documents`, await auth(api.port));
      expect(documents.body.items.map((d: { id: string }) => d.id)).toEqual([retry.body.files[0].documentId]);
      const messages = await send(
        api.port,
        `/api/v1/conversations/${conversation.body.id}/messages`,
        await auth(api.port),
      );
      expect(messages.body.items.map((m: { id: string }) => m.id)).toEqual([retry.body.id]);
    } finally {
      if (api && api.child.exitCode === null) {
        const exited = new Promise((r) => api!.child.once('exit', r));
        api.child.kill('SIGTERM');
        await exited;
      }
      await locker.end().catch(() => undefined);
      await watcher.end();
      await createBlobStore({ connectionString: env.AZURE_STORAGE_CONNECTION_STRING, container })
        .container.deleteIfExists()
        .catch(() => undefined);
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('an upload whose message cannot be recorded', () => {
  test('when the message insert fails after the documents were written, then no document is left, with or without a key', async () => {
    const app = await startTestApp();
    try {
      const f = await createFirm(app);
      const matter = await createMatter(app.db, f.firm.id);
      const conversation = await app.http
        .post('/api/v1/conversations')
        .set(bearer(f.member.token))
        .send({ kind: 'internal_matter', matterId: matter });
      // a fault in the database itself: every new message is refused from here on
      await app.db.execute(
        sql.raw(`create function refuse_message() returns trigger language plpgsql as
                   $$ begin raise exception 'messages are refused'; end $$`),
      );
      await app.db.execute(
        sql.raw(
          'create trigger refuse_message before insert on messages for each row execute function refuse_message()',
        ),
      );
      for (const key of [undefined, 'with-a-key']) {
        let req = app.http
          .post(`/api/v1/conversations/${conversation.body.id}/uploads`)
          .set(bearer(f.member.token))
          .field('body', 'Contract attached')
          .attach('files', Buffer.from('%PDF-1.4 contract'), 'contract.pdf');
        if (key) req = req.set('Idempotency-Key', key);
        expect((await req).status).toBe(500);
        const listed = await app.http.get(`/api/v1/matters/${matter}/documents`).set(bearer(f.member.token));
        expect(listed.body.items).toEqual([]);
      }
    } finally {
      await app.stop();
    }
  });
});
