import { randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/query-rows.js';
import { staffScope } from '../src/integrations/identity/verify-staff-token.js';
import { connectDatabase } from '../src/db/connect.js';
import { bearer, createFirm } from './support/fixtures.js';
import { waitFor } from './support/messaging.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let firm: Awaited<ReturnType<typeof createFirm>>;

beforeAll(async () => {
  app = await startTestApp();
  firm = await createFirm(app);
});
afterAll(() => app.stop());

const claimsOf = (s: { tenantId: string; objectId: string | null; name: string; email: string }) => ({
  tenantId: s.tenantId,
  objectId: s.objectId!,
  name: s.name,
  email: s.email,
});

async function expectRefused(token: string | undefined, status: number, code: string) {
  const res = await app.http.get('/api/v1/me').set(token === undefined ? {} : bearer(token));
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.code).toBe(code);
  return res;
}

describe('staff bearer tokens', () => {
  test('when a valid token is presented, then /me answers with the staff member and firm', async () => {
    const res = await app.http.get('/api/v1/me').set(bearer(firm.member.token));
    expect(res.status).toBe(200);
    expect(res.body.staff).toMatchObject({ id: firm.member.id, role: 'staff', email: firm.member.email });
    expect(res.body.firm).toMatchObject({ id: firm.firm.id, name: firm.firm.name });
  });

  test('when no token is sent, then 401 missing_token', async () => {
    await expectRefused(undefined, 401, 'missing_token');
  });

  test('when the header is not a bearer JWT, then 401', async () => {
    await expectRefused('not-a-jwt', 401, 'invalid_token');
  });

  test('when the signature is made by another key with the same kid, then 401 invalid_token', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ tid: firm.tenantId, oid: firm.admin.objectId, scp: staffScope })
      .setProtectedHeader({ alg: 'RS256', kid: app.devKey.kid })
      .setIssuer(app.config.identity.issuerTemplate)
      .setAudience(app.config.identity.audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    const res = await expectRefused(forged, 401, 'invalid_token');
    expect(res.body.detail).toMatch(/signature/);
  });

  test('when the token is signed with an unknown kid, then 401 invalid_token', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ tid: firm.tenantId, oid: firm.admin.objectId, scp: staffScope })
      .setProtectedHeader({ alg: 'RS256', kid: randomUUID() })
      .setIssuer(app.config.identity.issuerTemplate)
      .setAudience(app.config.identity.audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    await expectRefused(forged, 401, 'invalid_token');
  });

  test('when the audience is another API, then 401 naming the aud claim', async () => {
    const token = await app.tokenFor(claimsOf(firm.admin), { audience: 'api://someone-else' });
    const res = await expectRefused(token, 401, 'invalid_token');
    expect(res.body.detail).toContain('aud');
  });

  test('when the issuer is wrong, then 401 naming the iss claim', async () => {
    const token = await app.tokenFor(claimsOf(firm.admin), { issuer: 'https://evil.example/' });
    const res = await expectRefused(token, 401, 'invalid_token');
    expect(res.body.detail).toContain('iss');
  });

  test('when the token has expired, then 401 token_expired', async () => {
    const token = await app.tokenFor(claimsOf(firm.admin), { lifetimeSeconds: -120 });
    await expectRefused(token, 401, 'token_expired');
  });

  test('when the tenant has no firm, then 401 unknown_tenant', async () => {
    const token = await app.tokenFor({ ...claimsOf(firm.admin), tenantId: randomUUID() });
    await expectRefused(token, 401, 'unknown_tenant');
  });

  test('when the object id is not a staff member of a known tenant, then 403 unknown_staff', async () => {
    const token = await app.tokenFor({
      ...claimsOf(firm.admin),
      objectId: randomUUID(),
      email: 'stranger@firm.example',
    });
    await expectRefused(token, 403, 'unknown_staff');
  });

  test('when the token lacks the API scope, then 401', async () => {
    const token = await new SignJWT({ tid: firm.tenantId, oid: firm.admin.objectId, roles: ['Admin'] })
      .setProtectedHeader({ alg: 'RS256', kid: app.devKey.kid })
      .setIssuer(app.config.identity.issuerTemplate)
      .setAudience(app.config.identity.audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(app.devKey.privateKey);
    await expectRefused(token, 401, 'invalid_token');
  });

  test('when tokens are refused, then the refusals are in the audit log once their minute has closed, counted, without the token', async () => {
    const token = await app.tokenFor({ ...claimsOf(firm.admin), objectId: randomUUID(), email: 'nobody@firm.example' });
    app.clock.set(new Date('2031-05-06T09:00:10Z'));
    await expectRefused(token, 403, 'unknown_staff');
    await expectRefused(token, 403, 'unknown_staff');
    app.clock.advance(60_000);
    const rows = await waitFor(async () => {
      const found = await queryRows<{ action: string; outcome: string; details: { count: number } }>(
        app.db,
        sql`select action, outcome, details from audit_log where action = 'staff.authenticate'
            and firm_id = ${firm.firm.id} and details->>'windowStart' = '2031-05-06T09:00:00.000Z'`,
      );
      return found.length > 0 && found;
    }, 'the refusal row');
    app.clock.reset();
    expect(rows.map((r) => [r.outcome, r.details.count])).toEqual([['refused', 2]]);
    const dump = JSON.stringify(rows);
    expect(dump).toContain('unknown_staff');
    expect(dump).not.toContain(token);
  });

  test('when an admin adds a staff member by email, then their first sign-in binds their object id', async () => {
    const email = `newcomer.${randomUUID().slice(0, 6)}@firm.example`;
    const created = await app.http
      .post('/api/v1/staff')
      .set(bearer(firm.admin.token))
      .send({ name: 'Nia Newcomer', email, role: 'staff' });
    expect(created.status).toBe(201);
    expect(created.body.initials).toBe('NN');
    const oid = randomUUID();
    const token = await app.tokenFor({ tenantId: firm.tenantId, objectId: oid, name: 'Nia Newcomer', email });
    const me = await app.http.get('/api/v1/me').set(bearer(token));
    expect(me.status).toBe(200);
    expect(me.body.staff.id).toBe(created.body.id);
    // a different Entra user claiming the same email later is not bound again
    const other = await app.tokenFor({ tenantId: firm.tenantId, objectId: randomUUID(), name: 'Imposter', email });
    await expectRefused(other, 403, 'unknown_staff');
  });

  test('when an admin disables a staff member, then their next request is refused at once', async () => {
    const victim = await firm.addStaff('Dee Parted', 'staff');
    expect((await app.http.get('/api/v1/me').set(bearer(victim.token))).status).toBe(200);
    const res = await app.http
      .patch(`/api/v1/staff/${victim.id}`)
      .set(bearer(firm.admin.token))
      .send({ active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    await expectRefused(victim.token, 403, 'staff_disabled');
    const back = await app.http
      .patch(`/api/v1/staff/${victim.id}`)
      .set(bearer(firm.admin.token))
      .send({ active: true });
    expect(back.body.active).toBe(true);
    expect((await app.http.get('/api/v1/me').set(bearer(victim.token))).status).toBe(200);
  });

  test('when a non-admin tries to manage staff, then 403 admin_required', async () => {
    const res = await app.http
      .post('/api/v1/staff')
      .set(bearer(firm.member.token))
      .send({ name: 'X', email: 'x@firm.example', role: 'admin' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('admin_required');
  });

  test('when the last active admin would be disabled or demoted, then 409 last_admin', async () => {
    const solo = await createFirm(app);
    for (const change of [{ active: false }, { role: 'staff' }]) {
      const res = await app.http.patch(`/api/v1/staff/${solo.admin.id}`).set(bearer(solo.admin.token)).send(change);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('last_admin');
    }
  });

  test('when an admin lists staff, then disabled staff are included; a member sees active staff only', async () => {
    const gone = await firm.addStaff('Gail Gone', 'staff');
    await app.http.patch(`/api/v1/staff/${gone.id}`).set(bearer(firm.admin.token)).send({ active: false });
    const asAdmin = await app.http.get('/api/v1/staff').set(bearer(firm.admin.token));
    const asMember = await app.http.get('/api/v1/staff').set(bearer(firm.member.token));
    expect(asAdmin.body.items.map((s: { id: string }) => s.id)).toContain(gone.id);
    expect(asMember.body.items.map((s: { id: string }) => s.id)).not.toContain(gone.id);
  });

  test('when staff of another firm is edited by id, then 404 like a missing id', async () => {
    const other = await createFirm(app);
    const cross = await app.http
      .patch(`/api/v1/staff/${other.member.id}`)
      .set(bearer(firm.admin.token))
      .send({ name: 'Hijacked' });
    const missing = await app.http
      .patch(`/api/v1/staff/${randomUUID()}`)
      .set(bearer(firm.admin.token))
      .send({ name: 'Hijacked' });
    expect(cross.status).toBe(404);
    expect({ ...cross.body, requestId: undefined }).toEqual({ ...missing.body, requestId: undefined });
  });
});

describe('two API instances on one database', () => {
  // Each instance remembers who a token belongs to for a while; a change of access made
  // through one must reach the other at once (PostgreSQL: its own pool and LISTEN connection;
  // PGlite: a second app and hub over the same database object).
  let second: TestApp;
  beforeAll(async () => {
    const database = process.env.TEST_DATABASE_URL
      ? await connectDatabase({ url: app.databaseUrl!, poolMax: 3 })
      : { ...app.database, close: async () => {} };
    second = await startTestApp({}, { database });
  });
  afterAll(() => second.stop());

  const onSecond = (token: string, method: 'get' | 'post', path: string, body?: object) =>
    second.http[method](`/api/v1${path}`).set(bearer(token)).send(body);

  test('when staff are disabled through one instance, then the other refuses them within moments', async () => {
    const victim = await firm.addStaff('Vic Remote', 'staff');
    const token = await second.tokenFor(claimsOf(victim));
    expect((await onSecond(token, 'get', '/me')).status).toBe(200); // the second instance knows them now
    const res = await app.http
      .patch(`/api/v1/staff/${victim.id}`)
      .set(bearer(firm.admin.token))
      .send({ active: false });
    expect(res.status).toBe(200);
    const started = Date.now();
    const refused = await waitFor(
      async () => {
        const me = await onSecond(token, 'get', '/me');
        return me.status === 403 ? me : undefined;
      },
      'the second instance to refuse',
      5000,
    );
    expect(refused.body.code).toBe('staff_disabled');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('when an admin is made staff through one instance, then the other stops treating them as admin', async () => {
    const boss = await firm.addStaff('Bo Demoted', 'admin');
    const token = await second.tokenFor(claimsOf(boss));
    const list = await onSecond(token, 'get', '/staff');
    expect(list.status).toBe(200);
    const demoted = await app.http
      .patch(`/api/v1/staff/${boss.id}`)
      .set(bearer(firm.admin.token))
      .send({ role: 'staff' });
    expect(demoted.body.role).toBe('staff');
    const refused = await waitFor(
      async () => {
        const res = await onSecond(token, 'post', '/staff', {
          name: 'New Hire',
          email: `${randomUUID()}@firm.example`,
        });
        return res.status === 403 ? res : undefined;
      },
      'the second instance to refuse an admin action',
      5000,
    );
    expect(refused.body.code).toBe('admin_required');
  });
});
