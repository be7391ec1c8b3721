import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { queryRows } from '../src/db/query-rows.js';
import { insertSecureLink } from '../src/modules/portal-auth/repository.js';
import { hashToken } from '../src/modules/portal-auth/tokens.js';
import { bearer, createContact, createFirm, createMatter } from './support/fixtures.js';
import {
  codeIn,
  latestEmail,
  linkTokenIn,
  openLink,
  originOf,
  sessionFrom,
  signInContact,
  verifyCode,
} from './support/portal-session.js';
import { openEventStream } from './support/read-event-stream.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let logs = '';
let f: Awaited<ReturnType<typeof createFirm>>;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs += chunk.toString();
      done();
    },
  });
  app = await startTestApp({}, { logger: pino({ level: 'debug' }, sink) });
  f = await createFirm(app);
});
afterAll(() => app.stop());

/** A contact on a new matter with an external conversation (which emails their link). */
async function invite(options: { requireMfa?: boolean; email?: string } = {}) {
  const matter = await createMatter(app.db, f.firm.id);
  const contact = await createContact(app.db, f.firm.id, matter, 'Client Person', {
    email: options.email ?? `client.${randomBytes(4).toString('hex')}@mail.example`,
  });
  const conv = await app.http
    .post('/api/v1/conversations')
    .set(bearer(f.member.token))
    .send({
      kind: 'external_matter',
      matterId: matter,
      contactIds: [contact.id],
      requireMfa: options.requireMfa ?? true,
    });
  expect(conv.status).toBe(201);
  return { matter, contact, conversationId: conv.body.id as string, email: contact.email! };
}

/** A further personal link for a contact, as the firm's invitations and requests issue them. */
async function newLinkFor(contactId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertSecureLink(app.db, f.firm.id, {
    contactId,
    conversationId: null,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + 7 * 86_400_000),
  });
  return token;
}

async function openFor(email: string) {
  const link = await latestEmail(app, email, 'secure_link');
  const opened = await openLink(app, linkTokenIn(link.text!));
  expect(opened.status).toBe(200);
  return opened.body as { state: string; attemptToken: string; firstTime: boolean };
}

describe('portal sign-in', () => {
  test('when a contact is added to an external conversation, then they get a get-started email and sign in with link and code', async () => {
    const { email, conversationId } = await invite();
    const mail = await latestEmail(app, email, 'secure_link');
    expect(mail.subject).toContain('invited you');
    expect(mail.html).toContain('Get started');
    const opened = await openFor(email);
    expect(opened).toMatchObject({ state: 'code_sent', firstTime: true });
    const code = codeIn((await latestEmail(app, email, 'sign_in_code')).subject!);
    const verified = await verifyCode(app, opened.attemptToken, code);
    expect(verified.status).toBe(200);
    expect(verified.body.conversationId).toBe(conversationId);
    const cookie = verified.headers['set-cookie']![0]!;
    expect(cookie).toMatch(/^__Host-confer_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    const session = sessionFrom(app, verified.headers['set-cookie'], verified.body.csrfToken);
    expect((await session.get('/conversations')).body.items.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    // returning: the next link goes straight to the code, without the welcome
    await app.http.post(`/api/v1/conversations/${conversationId}/participants`).set(bearer(f.member.token)).send({});
  });

  test('when a conversation does not require two-factor sign-in, then the link alone opens that conversation only', async () => {
    const { email, contact, conversationId, matter } = await invite({ requireMfa: false });
    const other = await app.http
      .post('/api/v1/conversations')
      .set(bearer(f.member.token))
      .send({ kind: 'external_matter', matterId: matter, contactIds: [contact.id], requireMfa: true });
    // the newest link is for `other`; use the first one (for the no-code conversation)
    const links = (await app.outbox()).filter((m) => m.to === email && m.kind === 'secure_link');
    const opened = await openLink(app, linkTokenIn(links[links.length - 1]!.text!));
    expect(opened.body.state).toBe('signed_in');
    const session = sessionFrom(app, opened.headers['set-cookie'], opened.body.csrfToken);
    expect((await session.get('/conversations')).body.items.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    expect((await session.get(`/conversations/${other.body.id}/messages`)).status).toBe(404);
  });

  test('when 100 parallel requests submit one valid code, then exactly one session is created', async () => {
    const { email, contact } = await invite();
    const opened = await openFor(email);
    const code = codeIn((await latestEmail(app, email, 'sign_in_code')).subject!);
    const results = await Promise.all(Array.from({ length: 100 }, () => verifyCode(app, opened.attemptToken, code)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const [sessions] = await queryRows<{ n: number }>(
      app.db,
      sql`select count(*)::int as n from portal_sessions where contact_id = ${contact.id}`,
    );
    expect(sessions!.n).toBe(1);
  });

  test('when the clock says 9:59 the code works, at 10:01 it does not; a code from another attempt is refused', async () => {
    const { email } = await invite();
    const t0 = new Date();
    app.clock.set(t0);
    const first = await openFor(email);
    const firstCode = codeIn((await latestEmail(app, email, 'sign_in_code')).subject!);
    const second = await openFor(email);
    const secondCode = codeIn((await latestEmail(app, email, 'sign_in_code')).subject!);
    if (secondCode !== firstCode) {
      const crossed = await verifyCode(app, first.attemptToken, secondCode);
      expect(crossed.status).toBe(400);
      expect(crossed.body.code).toBe('wrong_code');
    }
    app.clock.set(new Date(t0.getTime() + 10 * 60_000 + 60_000));
    const late = await verifyCode(app, second.attemptToken, secondCode);
    expect(late.status).toBe(400);
    expect(late.body.code).toBe('code_expired');
    app.clock.set(new Date(t0.getTime() + 9 * 60_000 + 59_000));
    const inTime = await verifyCode(app, second.attemptToken, secondCode);
    expect(inTime.status).toBe(200);
    app.clock.reset();
  });

  test('when 5 wrong codes are entered, then the attempt locks and even the right code fails', async () => {
    const { email } = await invite();
    const opened = await openFor(email);
    const code = codeIn((await latestEmail(app, email, 'sign_in_code')).subject!);
    const wrong = code === '000000' ? '111111' : '000000';
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await verifyCode(app, opened.attemptToken, wrong));
    expect(answers.slice(0, 4).map((r) => r.body.code)).toEqual([
      'wrong_code',
      'wrong_code',
      'wrong_code',
      'wrong_code',
    ]);
    expect(answers[3]!.body.triesLeft).toBe(1);
    expect(answers[4]!.status).toBe(429);
    expect(answers[4]!.body.code).toBe('sign_in_locked');
    const right = await verifyCode(app, opened.attemptToken, code);
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('sign_in_locked');
    const audit = await queryRows<{ action: string }>(
      app.db,
      sql`select action from audit_log where action = 'portal.lockout' and firm_id = ${f.firm.id}`,
    );
    expect(audit.length).toBeGreaterThan(0);
  });

  test('when a contact fails 100 times in an hour, then every attempt is locked, even with the right code', async () => {
    const { email, contact } = await invite();
    let last;
    for (let attempt = 0; attempt < 20; attempt++) {
      // a link opens at most 10 attempts an hour: each attempt here has a link of its own
      const opened = (await openLink(app, await newLinkFor(contact.id))).body as { attemptToken: string };
      const code = codeIn((await latestEmail(app, email, 'sign_in_code')).subject!);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) last = await verifyCode(app, opened.attemptToken, wrong);
    }
    expect(last!.status).toBe(429);
    const fresh = await openFor(email);
    const code = codeIn((await latestEmail(app, email, 'sign_in_code')).subject!);
    const right = await verifyCode(app, fresh.attemptToken, code);
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('sign_in_locked');
    app.clock.set(new Date(Date.now() + 61 * 60_000));
    const later = await openFor(email);
    const laterCode = codeIn((await latestEmail(app, email, 'sign_in_code')).subject!);
    expect((await verifyCode(app, later.attemptToken, laterCode)).status).toBe(200);
    app.clock.reset();
  }, 120_000);

  test('when resending too soon or too often, then 429 with a clear reason', async () => {
    const { email } = await invite();
    const opened = await openFor(email);
    const resend = () =>
      app.http
        .post('/api/portal/v1/auth/resend')
        .set('Origin', originOf(app))
        .send({ attemptToken: opened.attemptToken });
    const soon = await resend();
    expect(soon.status).toBe(429);
    expect(soon.body.code).toBe('resend_too_soon');
    app.clock.set(new Date(Date.now() + 31_000));
    expect((await resend()).status).toBe(204);
    app.clock.reset();
  });

  test('when a link is requested for a known and an unknown email, then the answers are identical', async () => {
    const { email } = await invite();
    const ask = (address: string) =>
      app.http.post('/api/portal/v1/auth/request-link').set('Origin', originOf(app)).send({ email: address });
    const known = await ask(email);
    const unknown = await ask(`nobody.${randomBytes(4).toString('hex')}@mail.example`);
    expect(known.status).toBe(202);
    expect([unknown.status, unknown.body, unknown.headers['content-length']]).toEqual([
      known.status,
      known.body,
      known.headers['content-length'],
    ]);
    let links: unknown[] = [];
    for (let i = 0; i < 50 && links.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      links = (await app.outbox()).filter((m) => m.to === email && m.kind === 'secure_link');
    }
    expect(links.length).toBe(2);
  });

  test('when a link is requested from a conversation link, then the new link leads into that conversation', async () => {
    const { email, conversationId } = await invite();
    await app.http
      .post('/api/portal/v1/auth/request-link')
      .set('Origin', originOf(app))
      .send({ email, conversationId });
    let links: Array<{ text?: string }> = [];
    for (let i = 0; i < 50 && links.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      links = (await app.outbox()).filter((m) => m.to === email && m.kind === 'secure_link');
    }
    const opened = await openLink(app, linkTokenIn(links[0]!.text!));
    expect(opened.body.conversationId).toBe(conversationId);
  });

  test('when a session cookie is planted before sign-in, then sign-in issues a new id and the planted one is worthless', async () => {
    const { email } = await invite();
    const planted = `__Host-confer_session=${randomBytes(32).toString('base64url')}`;
    const opened = await openFor(email);
    const code = codeIn((await latestEmail(app, email, 'sign_in_code')).subject!);
    const verified = await app.http
      .post('/api/portal/v1/auth/verify')
      .set({ Origin: originOf(app), Cookie: planted })
      .send({ attemptToken: opened.attemptToken, code });
    const issued = verified.headers['set-cookie']![0]!.split(';')[0]!;
    expect(issued).not.toBe(planted);
    expect((await app.http.get('/api/portal/v1/auth/session').set('Cookie', planted)).status).toBe(401);
    const session = sessionFrom(app, verified.headers['set-cookie'], verified.body.csrfToken);
    expect((await session.get('/auth/session')).status).toBe(200);
    expect((await session.post('/auth/sign-out')).status).toBe(204);
    expect((await session.get('/auth/session')).status).toBe(401);
    expect((await session.get('/conversations')).status).toBe(401);
  });

  test('when a session idles 30 minutes or lives 12 hours, then it ends', async () => {
    const { email } = await invite();
    const t0 = new Date();
    app.clock.set(t0);
    const session = await signInContact(app, email);
    app.clock.set(new Date(t0.getTime() + 29 * 60_000));
    expect((await session.get('/conversations')).status).toBe(200);
    app.clock.set(new Date(t0.getTime() + 29 * 60_000 + 31 * 60_000));
    expect((await session.get('/conversations')).status).toBe(401);
    app.clock.reset();
  });

  test('when a state-changing request lacks the CSRF header or comes from another origin, then 403', async () => {
    const { email, conversationId } = await invite();
    const session = await signInContact(app, email);
    const noHeader = await app.http
      .post(`/api/portal/v1/conversations/${conversationId}/messages`)
      .set({ Cookie: session.cookie, Origin: originOf(app) })
      .send({ body: 'hi' });
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.code).toBe('csrf_refused');
    const foreign = await app.http
      .post(`/api/portal/v1/conversations/${conversationId}/messages`)
      .set({ Cookie: session.cookie, Origin: 'https://evil.example', 'X-CSRF-Token': session.csrfToken })
      .send({ body: 'hi' });
    expect(foreign.status).toBe(403);
    const noOrigin = await app.http.post('/api/portal/v1/auth/open').send({ token: 'x'.repeat(43) });
    expect(noOrigin.status).toBe(403);
    expect((await session.post(`/conversations/${conversationId}/messages`, { body: 'hi' })).status).toBe(201);
  });

  test('when a contact is disabled, then their sessions end and their event stream closes within 5 s', async () => {
    const { email, contact } = await invite();
    const session = await signInContact(app, email);
    const stream = await openEventStream(`${app.baseUrl}/api/portal/v1/events`, {
      headers: { Cookie: session.cookie },
    });
    const started = Date.now();
    await app.http.patch(`/api/v1/contacts/${contact.id}`).set(bearer(f.member.token)).send({ active: false });
    await stream.waitForEnd(5000);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await session.get('/conversations')).status).toBe(401);
  });

  test('when a contact signs out, then the event stream of that session closes at once and hears nothing more, while their other session streams on', async () => {
    const { email, conversationId } = await invite();
    const leaving = await signInContact(app, email);
    const staying = await signInContact(app, email);
    const url = `${app.baseUrl}/api/portal/v1/events`;
    const leavingStream = await openEventStream(url, { headers: { Cookie: leaving.cookie } });
    const stayingStream = await openEventStream(url, { headers: { Cookie: staying.cookie } });
    await leavingStream.waitFor(1, { type: 'ready' });
    await stayingStream.waitFor(1, { type: 'ready' });
    const started = Date.now();
    expect((await leaving.post('/auth/sign-out')).status).toBe(204);
    await leavingStream.waitForEnd(2000);
    expect(Date.now() - started).toBeLessThan(2000);
    const sent = await app.http
      .post(`/api/v1/conversations/${conversationId}/messages`)
      .set(bearer(f.member.token))
      .send({ body: 'after sign-out' });
    expect(sent.status).toBe(201);
    const [heard] = await stayingStream.waitFor(1, { type: 'message.created' });
    expect(heard!.json<{ message: { id: string } }>().message.id).toBe(sent.body.id);
    expect(leavingStream.events.filter((e) => e.type === 'message.created')).toEqual([]);
    expect(stayingStream.ended).toBe(false);
    await stayingStream.close();
  });

  test('when a session idles out or reaches its lifetime while its event stream is open, then the stream closes', async () => {
    const url = `${app.baseUrl}/api/portal/v1/events`;
    try {
      // idle: nothing but the stream for 30 minutes
      const idle = await invite();
      const t0 = new Date();
      app.clock.set(t0);
      const idleSession = await signInContact(app, idle.email);
      const idleStream = await openEventStream(url, { headers: { Cookie: idleSession.cookie } });
      await idleStream.waitFor(1, { type: 'ready' });
      app.clock.set(new Date(t0.getTime() + 29 * 60_000));
      await new Promise((r) => setTimeout(r, 300));
      expect(idleStream.ended).toBe(false);
      // past the idle limit by the clock, a message arrives before the stream's next look:
      // it is not delivered, and the stream closes at once
      app.clock.set(new Date(t0.getTime() + 30 * 60_000 + 1000));
      const idledAt = Date.now();
      const afterIdle = await app.http
        .post(`/api/v1/conversations/${idle.conversationId}/messages`)
        .set(bearer(f.member.token))
        .send({ body: 'after the session idled out' });
      expect(afterIdle.status).toBe(201);
      await idleStream.waitForEnd(2000);
      expect(Date.now() - idledAt).toBeLessThan(2000);
      expect(idleStream.events.filter((e) => e.type === 'message.created')).toEqual([]);

      // lifetime: used every 25 minutes, the session still ends 12 hours after sign-in
      const busy = await invite();
      const t1 = new Date(t0.getTime() + 3_600_000);
      app.clock.set(t1);
      const busySession = await signInContact(app, busy.email);
      for (let at = 25; at < 12 * 60; at += 25) {
        app.clock.set(new Date(t1.getTime() + at * 60_000));
        expect((await busySession.get('/conversations')).status).toBe(200);
      }
      app.clock.set(new Date(t1.getTime() + 12 * 3_600_000 - 60_000));
      const busyStream = await openEventStream(url, { headers: { Cookie: busySession.cookie } });
      await busyStream.waitFor(1, { type: 'ready' });
      await new Promise((r) => setTimeout(r, 300));
      expect(busyStream.ended).toBe(false);
      app.clock.set(new Date(t1.getTime() + 12 * 3_600_000 + 1000));
      await busyStream.waitForEnd(8000);
      expect((await busySession.get('/conversations')).status).toBe(401);
    } finally {
      app.clock.reset();
    }
  }, 60_000);

  test("when a contact's email changes, then their sessions end, their stream closes, and links and codes mailed to the old address stop working", async () => {
    const { email, contact } = await invite();
    const oldLink = linkTokenIn((await latestEmail(app, email, 'secure_link')).text!);
    const session = await signInContact(app, email);
    const pending = await openFor(email); // a sign-in under way, its code mailed to the old address
    const pendingCode = codeIn((await latestEmail(app, email, 'sign_in_code')).subject!);
    const stream = await openEventStream(`${app.baseUrl}/api/portal/v1/events`, {
      headers: { Cookie: session.cookie },
    });
    const started = Date.now();
    const changed = await app.http
      .patch(`/api/v1/contacts/${contact.id}`)
      .set(bearer(f.member.token))
      .send({ email: `new.${email}` });
    expect(changed.status).toBe(200);
    await stream.waitForEnd(5000);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await session.get('/conversations')).status).toBe(401);
    const reopened = await openLink(app, oldLink);
    expect(reopened.status).toBe(410);
    const late = await verifyCode(app, pending.attemptToken, pendingCode);
    expect(late.status).toBe(400);
    expect(late.body.code).toBe('code_expired');
  });

  test("when a contact's name changes, then their session carries on", async () => {
    const { email, contact } = await invite();
    const session = await signInContact(app, email);
    await app.http.patch(`/api/v1/contacts/${contact.id}`).set(bearer(f.member.token)).send({ name: 'New Name' });
    await app.http
      .patch(`/api/v1/contacts/${contact.id}`)
      .set(bearer(f.member.token))
      .send({ email: email.toUpperCase() });
    expect((await session.get('/conversations')).status).toBe(200);
  });

  test('when the database and the logs are dumped, then no link token or code appears in plain text', async () => {
    const { email } = await invite();
    const link = await latestEmail(app, email, 'secure_link');
    const token = linkTokenIn(link.text!);
    const opened = await openFor(email);
    const code = codeIn((await latestEmail(app, email, 'sign_in_code')).subject!);
    const verified = await verifyCode(app, opened.attemptToken, code);
    const sessionId = verified.headers['set-cookie']![0]!.split(';')[0]!.split('=')[1]!;
    const tables = await queryRows<{ table_name: string }>(
      app.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    let dump = '';
    for (const t of tables) {
      const rows = await queryRows(app.db, sql`select * from ${sql.identifier(t.table_name)}`);
      dump += JSON.stringify(rows);
    }
    expect(dump.length).toBeGreaterThan(1000);
    for (const secret of [token, opened.attemptToken, sessionId, verified.body.csrfToken]) {
      expect(dump).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    expect(dump).not.toContain(`code: ${code}`);
    expect(dump).not.toMatch(new RegExp(`sign-in code: ${code}`));
    expect(logs).not.toContain(code);
    expect(logs.length).toBeGreaterThan(100);
  });
});
