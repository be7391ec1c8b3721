import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/query-rows.js';
import { findClientCountry } from '../src/modules/portal-devices/find-client-country.js';
import { summarizeUserAgent } from '../src/modules/portal-devices/summarize-user-agent.js';
import { hashToken } from '../src/modules/portal-auth/tokens.js';
import { bearer, createContact, createFirm, createMatter } from './support/fixtures.js';
import { codeIn, latestEmail, linkTokenIn, originOf, sessionFrom } from './support/portal-session.js';
import { openEventStream } from './support/read-event-stream.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

const chromeOnWindows =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const safariOnIphone =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
/** Public addresses the shipped GeoLite2 Country database places in these countries. */
const inGermany = '85.214.132.117';
const inFrance = '193.51.224.41';

let app: TestApp;
let f: Awaited<ReturnType<typeof createFirm>>;

beforeAll(async () => {
  // one proxy hop trusted: X-Forwarded-For's last address is the client, as behind the ingress
  app = await startTestApp({ TRUST_PROXY: '1' });
  f = await createFirm(app);
});
afterAll(() => app.stop());

/** A client in a new external conversation with Sol Staff (who gets their link by email). */
async function invite(name = 'Casey Client') {
  const matter = await createMatter(app.db, f.firm.id);
  const contact = await createContact(app.db, f.firm.id, matter, name, {
    email: `client.${randomBytes(4).toString('hex')}@mail.example`,
  });
  const conv = await app.http
    .post('/api/v1/conversations')
    .set(bearer(f.member.token))
    .send({ kind: 'external_matter', matterId: matter, contactIds: [contact.id] });
  expect(conv.status).toBe(201);
  return { contact, conversationId: conv.body.id as string, email: contact.email! };
}

type TSignInFrom = { device?: string; ip?: string; userAgent?: string };

/** Link, emailed code, verify: from a browser holding `device` (or none), at `ip` (via the proxy). */
async function signIn(email: string, from: TSignInFrom = {}) {
  const headers: Record<string, string> = { Origin: originOf(app), 'User-Agent': from.userAgent ?? chromeOnWindows };
  if (from.ip) headers['X-Forwarded-For'] = from.ip;
  if (from.device) headers.Cookie = `confer_device=${from.device}`;
  const link = await latestEmail(app, email, 'secure_link');
  const opened = await app.http
    .post('/api/portal/v1/auth/open')
    .set(headers)
    .send({ token: linkTokenIn(link.text!) });
  expect(opened.status).toBe(200);
  const code = codeIn((await latestEmail(app, email, 'sign_in_code')).subject!);
  const verified = await app.http
    .post('/api/portal/v1/auth/verify')
    .set(headers)
    .send({ attemptToken: opened.body.attemptToken, code });
  expect(verified.status).toBe(200);
  const setCookie = verified.headers['set-cookie'] as unknown as string[];
  const deviceCookie = setCookie.find((c) => c.startsWith('confer_device='))!;
  return {
    session: sessionFrom(app, setCookie, verified.body.csrfToken),
    deviceCookie,
    device: /^confer_device=([^;]+)/.exec(deviceCookie)![1]!,
    body: JSON.stringify(verified.body) + JSON.stringify(opened.body),
  };
}

const alertsOf = async (conversationId: string, token = f.member.token) =>
  app.http.get(`/api/v1/conversations/${conversationId}/device-alerts`).set(bearer(token));

const auditOf = (action: string, id: string) =>
  queryRows<{
    actor_kind: string;
    actor_id: string;
    ip: string | null;
    target_id: string | null;
    details: Record<string, unknown>;
  }>(
    app.db,
    sql`select actor_kind, actor_id, ip, target_id, details from audit_log
         where action = ${action} and (actor_id = ${id} or target_id = ${id}) order by id`,
  );

describe('portal devices', () => {
  test('when a client signs in for the first time, then their device is remembered by a cookie whose value is never stored, and staff are not told', async () => {
    const { email, contact, conversationId } = await invite();
    const first = await signIn(email);
    expect(first.deviceCookie).toMatch(
      /^confer_device=[A-Za-z0-9_-]{43}; Path=\/api\/portal\/v1\/auth; HttpOnly; SameSite=Lax; Max-Age=34560000$/,
    );
    // plain http here (no https at the proxy): not Secure; the session cookie is Secure as always
    expect(first.deviceCookie).not.toContain('Secure');
    const rows = await queryRows<{ device_hash: string; user_agent: string; country: string | null }>(
      app.db,
      sql`select device_hash, user_agent, country from portal_devices where contact_id = ${contact.id}`,
    );
    expect(rows).toEqual([{ device_hash: hashToken(first.device), user_agent: 'Chrome on Windows', country: null }]);
    const dump = await queryRows<{ t: string }>(app.db, sql`select row_to_json(d)::text as t from portal_devices d`);
    expect(dump.map((r) => r.t).join('\n')).not.toContain(first.device);
    expect((await alertsOf(conversationId)).body).toEqual({ items: [] });
    expect(await auditOf('portal.new_device', contact.id)).toEqual([]);

    // the same browser again (its cookie sent back): still nothing to tell
    const again = await signIn(email, { device: first.device });
    expect(again.device).toBe(first.device);
    expect((await alertsOf(conversationId)).body).toEqual({ items: [] });
  });

  test('when a client signs in from a second browser, then the staff of their conversation are told live, with the device, and the sign-in is audited', async () => {
    const { email, contact, conversationId } = await invite('Devon Device');
    await signIn(email);
    const staffStream = await openEventStream(`${app.baseUrl}/api/v1/events`, { token: f.member.token });
    const admin = await openEventStream(`${app.baseUrl}/api/v1/events`, { token: f.admin.token });
    try {
      const second = await signIn(email, { userAgent: safariOnIphone, ip: '127.0.0.1' });
      const [event] = await staffStream.waitFor(1, { type: 'device.alert' });
      const data = event!.json<{ conversationId: string; alert: Record<string, unknown> }>();
      expect(data.conversationId).toBe(conversationId);
      expect(data.alert).toMatchObject({
        contactId: contact.id,
        contactName: 'Devon Device',
        newDevice: true,
        newCountry: false,
        device: 'Safari on iOS',
        country: null,
      });
      const listed = await alertsOf(conversationId);
      expect(listed.status).toBe(200);
      expect(listed.body.items).toEqual([data.alert]);
      // only the conversation's staff are told; the admin (not in it) hears nothing
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(admin.events.filter((e) => e.type === 'device.alert')).toEqual([]);
      // the client's own answers never carry an address
      expect(second.body).not.toMatch(/127\.0\.0\.1/);
      const [audit] = await auditOf('portal.new_device', contact.id);
      expect(audit).toMatchObject({
        actor_kind: 'contact',
        ip: '127.0.0.1',
        details: { newDevice: true, newCountry: false, device: 'Safari on iOS', country: null },
      });
    } finally {
      await staffStream.close();
      await admin.close();
    }
  });

  test('when a known device signs in from a country not seen for the client, then staff are told of a new country; loopback and the first country are never new', async () => {
    const { email, contact, conversationId } = await invite('Cleo Country');
    const first = await signIn(email); // loopback: no country
    await signIn(email, { device: first.device, ip: inGermany }); // the first country seen: not "new"
    expect((await alertsOf(conversationId)).body.items).toEqual([]);
    await signIn(email, { device: first.device, ip: inGermany });
    await signIn(email, { device: first.device, ip: '10.1.2.3' }); // private: no country
    expect((await alertsOf(conversationId)).body.items).toEqual([]);
    await signIn(email, { device: first.device, ip: inFrance });
    const items = (await alertsOf(conversationId)).body.items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ contactId: contact.id, newDevice: false, newCountry: true, country: 'FR' });
    const [device] = await queryRows<{ country: string; countries: string[] }>(
      app.db,
      sql`select country, countries from portal_devices where contact_id = ${contact.id}`,
    );
    expect(device).toEqual({ country: 'FR', countries: ['DE', 'FR'] });
    const audits = await auditOf('portal.new_device', contact.id);
    expect(audits.map((a) => [a.ip, a.details.country])).toEqual([[inFrance, 'FR']]);
  });

  test("when staff end a client's sessions, then every session of theirs ends, their live stream closes, the notice goes and it is audited", async () => {
    const { email, contact, conversationId } = await invite('Erin Ended');
    const laptop = await signIn(email);
    const phone = await signIn(email, { userAgent: safariOnIphone });
    expect((await alertsOf(conversationId)).body.items).toHaveLength(1);
    const portalStream = await openEventStream(`${app.baseUrl}/api/portal/v1/events`, {
      headers: { Cookie: laptop.session.cookie },
    });
    const staffStream = await openEventStream(`${app.baseUrl}/api/v1/events`, { token: f.member.token });
    try {
      const ended = await app.http
        .post(`/api/v1/contacts/${contact.id}/end-sessions`)
        .set(bearer(f.member.token))
        .set('X-Request-Id', 'end-their-sessions');
      expect(ended.status).toBe(200);
      expect(ended.body).toEqual({ sessionsEnded: 2 });
      await portalStream.waitForEnd();
      // the portal is told why: signed out by the firm, not disabled
      const disabled = portalStream.events.find((e) => e.type === 'contact.disabled');
      expect(disabled?.json()).toMatchObject({ reason: 'sessions_ended' });
      const [closed] = await staffStream.waitFor(1, { type: 'device.alerts_closed' });
      expect(closed!.json()).toMatchObject({ conversationId, contactId: contact.id });
      for (const session of [laptop.session, phone.session]) {
        const res = await session.get('/conversations');
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('not_signed_in');
      }
      expect((await alertsOf(conversationId)).body.items).toEqual([]);
      const audits = await auditOf('contact.end_sessions', contact.id);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({
        actor_kind: 'staff',
        actor_id: f.member.id,
        target_id: contact.id,
        details: { sessionsEnded: 2 },
      });
      // the client is not disabled: their link and a new code sign them in again
      const back = await signIn(email, { device: laptop.device });
      expect((await back.session.get('/conversations')).status).toBe(200);
    } finally {
      await portalStream.close();
      await staffStream.close();
    }
  });

  test("when another firm's staff ask for the alerts or to end the sessions, then they get the same 404 as for a missing id", async () => {
    const { email, contact, conversationId } = await invite('Frankie Firm');
    await signIn(email);
    await signIn(email, { userAgent: safariOnIphone });
    const other = await createFirm(app);
    const alerts = await alertsOf(conversationId, other.member.token);
    expect([alerts.status, alerts.body.code]).toEqual([404, 'not_found']);
    const end = await app.http.post(`/api/v1/contacts/${contact.id}/end-sessions`).set(bearer(other.member.token));
    expect([end.status, end.body.code]).toEqual([404, 'not_found']);
    expect((await alertsOf(conversationId)).body.items).toHaveLength(1);
    const bad = await app.http.post('/api/v1/contacts/not-a-uuid/end-sessions').set(bearer(f.member.token));
    expect([bad.status, bad.body.code]).toEqual([400, 'validation_failed']);
  });

  test('when a device cookie is not one Confer issued, then it is replaced by a new one', async () => {
    const { email, contact } = await invite('Gale Garbage');
    const first = await signIn(email, { device: 'not a token; Path=/' });
    expect(first.device).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await queryRows<{ n: number }>(
      app.db,
      sql`select count(*)::int as n from portal_devices where contact_id = ${contact.id}`,
    );
    expect(rows[0]!.n).toBe(1);
  });
});

describe('device summary and country', () => {
  test('when user agents are summarised, then only the browser and system are kept', () => {
    expect(summarizeUserAgent(chromeOnWindows)).toBe('Chrome on Windows');
    expect(summarizeUserAgent(safariOnIphone)).toBe('Safari on iOS');
    expect(
      summarizeUserAgent(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      ),
    ).toBe('Edge on macOS');
    expect(summarizeUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe(
      'Firefox on Linux',
    );
    expect(summarizeUserAgent(undefined)).toBe('Unknown browser on unknown system');
  });

  test('when the country is looked up, then the ingress header wins, and loopback, private and documentation addresses have none', () => {
    expect(findClientCountry({ ip: inGermany })).toBe('DE');
    expect(findClientCountry({ ip: `::ffff:${inFrance}` })).toBe('FR');
    expect(findClientCountry({ ip: inGermany, headerValue: 'nz' })).toBe('NZ');
    expect(findClientCountry({ ip: inGermany, headerValue: 'XX' })).toBe('DE');
    for (const ip of [
      '127.0.0.1',
      '::1',
      '10.0.0.8',
      '192.168.1.20',
      '172.20.0.1',
      '203.0.113.7',
      'fd00::1',
      undefined,
    ]) {
      expect({ ip, country: findClientCountry({ ip }) }).toEqual({ ip, country: undefined });
    }
  });
});
