import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import supertest from 'supertest';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { recordAudit } from '../src/modules/audit/record-audit.js';
import { bearer, createFirm } from './support/fixtures.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let firm: Awaited<ReturnType<typeof createFirm>>;

beforeAll(async () => {
  app = await startTestApp();
  firm = await createFirm(app);
});
afterAll(() => app.stop());

describe('API basics', () => {
  test('when /healthz and /readyz are called, then the process, database and blob storage report ok', async () => {
    expect((await app.http.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await app.http.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { database: 'ok', blobStorage: 'ok' } });
  });

  test('when an unknown /api route is called, then a JSON 404 problem answers', async () => {
    const res = await app.http.get('/api/v1/no-such-thing').set(bearer(firm.member.token));
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'route_not_found' });
    const outside = await app.http.get('/api/nothing');
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe('route_not_found');
  });

  test('when the JSON body is malformed, then 400 malformed_json', async () => {
    const res = await app.http
      .post('/api/v1/matters')
      .set(bearer(firm.member.token))
      .set('Content-Type', 'application/json')
      .send('{"number": "X-1", "title": ');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('malformed_json');
  });

  test('when the body is not JSON, then 415 naming the expected content type', async () => {
    const res = await app.http
      .post('/api/v1/matters')
      .set(bearer(firm.member.token))
      .set('Content-Type', 'text/plain')
      .send('number=X-1');
    expect(res.status).toBe(415);
    expect(res.body.detail).toContain('application/json');
  });

  test('when fields are missing or wrong, then 400 names each field', async () => {
    const res = await app.http.post('/api/v1/matters').set(bearer(firm.member.token)).send({ number: 42 });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['number', 'title']);
    const badId = await app.http.get('/api/v1/matters/not-a-uuid').set(bearer(firm.member.token));
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0]).toMatchObject({ location: 'params', field: 'id' });
    const badQuery = await app.http
      .get('/api/v1/matters')
      .query({ limit: 1000, colour: 'red' })
      .set(bearer(firm.member.token));
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.detail).toContain('limit');
    expect(badQuery.body.detail).toContain('colour');
  });

  test('when a huge or hostile body arrives, then a 4xx answers and the process stays up', async () => {
    const big = await app.http
      .post('/api/v1/contacts')
      .set(bearer(firm.member.token))
      .send({ name: 'x'.repeat(400_000), kind: 'client' });
    expect(big.status).toBe(413);
    const proto = await app.http
      .post('/api/v1/contacts')
      .set(bearer(firm.member.token))
      .set('Content-Type', 'application/json')
      .send('{"name":"P","kind":"client","__proto__":{"admin":true}}');
    expect(proto.status).toBe(400);
    expect((await app.http.get('/healthz')).status).toBe(200);
  });

  test('when a request id is sent, then it is echoed; otherwise one is assigned', async () => {
    const echoed = await app.http.get('/healthz').set('X-Request-Id', 'req-abc-12345');
    expect(echoed.headers['x-request-id']).toBe('req-abc-12345');
    const assigned = await app.http.get('/healthz').set('X-Request-Id', 'bad id <script>');
    expect(assigned.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('when the OpenAPI document is fetched, then it is 3.1 and describes the routes from their schemas', async () => {
    const res = await app.http.get('/api/v1/openapi.json');
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/me',
        '/api/v1/matters',
        '/api/v1/matters/{id}',
        '/api/v1/contacts',
        '/api/v1/staff/{id}',
      ]),
    );
    expect(res.body.components.schemas.Matter.properties.number).toBeDefined();
  });

  test('when responses are sent, then security headers are set', async () => {
    const res = await app.http.get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  test('when anyone tries to change the audit log, then the database refuses', async () => {
    await recordAudit(app.db, { firmId: firm.firm.id, actorKind: 'system', action: 'test.entry', outcome: 'success' });
    const refusal = (query: Promise<unknown>) =>
      query.then(
        () => 'allowed',
        (error: { cause?: { message?: string } }) => String(error.cause?.message),
      );
    expect(await refusal(app.db.execute(sql`update audit_log set outcome = 'refused'`))).toMatch(/append-only/);
    expect(await refusal(app.db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
  });

  test('when a query fails unexpectedly, then 500 reveals nothing and the log names the statement but not its values', async () => {
    let logs = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs += chunk.toString();
        done();
      },
    });
    const odd = await startTestApp({}, { logger: pino({ level: 'info' }, sink) });
    const staff = (await createFirm(odd)).member.token;
    const channel = await odd.http
      .post('/api/v1/conversations')
      .set(bearer(staff))
      .send({ kind: 'channel', name: 'odd' });
    // a rule the code does not know about, so the insert fails in a way nobody handles
    await odd.db.execute(sql`alter table messages add constraint odd_rule check (body not like '%quartz%')`);
    const res = await odd.http
      .post(`/api/v1/conversations/${channel.body.id}/messages`)
      .set(bearer(staff))
      .send({ body: 'the quartz password is hunter2' });
    expect(res.status).toBe(500);
    expect(res.body.code).toBe('internal_error');
    expect(JSON.stringify(res.body)).not.toMatch(/quartz|insert|messages|stack/i);
    // a send is one call of the SQL function that inserts the message (migration 0014)
    expect(logs).toMatch(/Failed query: select confer_post_message\(/);
    expect(logs).not.toMatch(/quartz|hunter2/);
    await odd.stop();
  });

  test('when the database fails mid-request, then 503 with Retry-After reveals nothing internal', async () => {
    const broken = await startTestApp();
    const token = (await createFirm(broken)).member.token;
    await broken.database.close();
    const res = await broken.http.get('/api/v1/me').set(bearer(token));
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('unavailable');
    expect(res.headers['retry-after']).toBe('5');
    expect(JSON.stringify(res.body)).not.toMatch(/select|staff|firms|stack|closed/i);
    broken.server.closeAllConnections();
    await new Promise((r) => broken.server.close(r));
  });
});

describe('dev routes', () => {
  test('when in embedded mode, then /dev/token returns a token accepted by the API', async () => {
    const res = await app.http.post('/dev/token').send({ email: firm.member.email });
    expect(res.status).toBe(200);
    const me = await app.http.get('/api/v1/me').set(bearer(res.body.token));
    expect(me.body.staff.id).toBe(firm.member.id);
  });

  test('when the dev sign-in page is used, then it redirects to the app with the token in the fragment only', async () => {
    const page = await app.http.get('/dev/sign-in');
    expect(page.text).toContain(`Sign in as ${firm.member.name}`);
    const res = await app.http
      .post('/dev/sign-in')
      .type('form')
      .send({ email: firm.member.email, return: '//evil.example/' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/addin\/#token=ey/);
  });

  test('when in production mode, then every /dev path answers 404', async () => {
    const config = loadConfig({
      CONFER_MODE: 'production',
      LOG_LEVEL: 'silent',
      DATABASE_URL: 'postgres://unused@127.0.0.1:1/none',
      DATABASE_MIGRATION_URL: 'postgres://unused@127.0.0.1:1/none',
      AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      ACS_ENDPOINT: 'https://acs.example',
      ACS_EMAIL_SENDER: 'noreply@confer.example',
      ACS_WEBHOOK_SECRET: 'x'.repeat(32),
      ENTRA_ALLOWED_TENANT_IDS: firm.tenantId,
      ENTRA_API_AUDIENCE: 'api://confer',
      ENTRA_CLIENT_ID: '6c1f0d3a-1b2c-4d5e-8f90-123456789abc',
      PUBLIC_BASE_URL: 'https://confer.example',
      CONFER_SEAL_KEY: Buffer.alloc(32, 9).toString('base64'),
      // the same keys as embedded mode, so only the issuer tells the tokens apart
      ENTRA_JWKS_URL: `${app.baseUrl}/dev/jwks.json`,
    });
    const prod = createApp({
      config,
      db: app.db,
      blobs: app.blobs,
      logger: createLogger(config),
      events: app.events,
      sealKey: config.sealKey!,
    });
    const server: Server = await new Promise((r) => {
      const s = prod.listen(0, '127.0.0.1', () => r(s));
    });
    const http = supertest(server);
    for (const [method, path] of [
      ['get', '/dev/sign-in'],
      ['get', '/dev/jwks.json'],
      ['post', '/dev/token'],
      ['post', '/dev/sign-in'],
    ] as const) {
      expect((await http[method](path).send({ email: firm.member.email })).status).toBe(404);
    }
    // and the dev-minted token is worthless there
    const res = await http.get('/api/v1/me').set(bearer(firm.member.token));
    expect(res.status).toBe(401);
    expect(res.body.detail).toContain('iss');
    const config2 = await http.get('/api/v1/auth-config');
    expect(config2.body).toMatchObject({ mode: 'production', devSignInUrl: null });
    await new Promise((r) => server.close(r));
  });
});
