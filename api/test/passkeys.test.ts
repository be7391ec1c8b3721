import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/query-rows.js';
import { insertSecureLink } from '../src/modules/portal-auth/repository.js';
import { hashToken } from '../src/modules/portal-auth/tokens.js';
import { bearer, createContact, createFirm, createMatter } from './support/fixtures.js';
import { openLink, originOf, signInContact, type PortalSession } from './support/portal-session.js';
import { openEventStream } from './support/read-event-stream.js';
import { createSoftwareAuthenticator } from './support/software-authenticator.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let f: Awaited<ReturnType<typeof createFirm>>;

beforeAll(async () => {
  app = await startTestApp();
  f = await createFirm(app);
});
afterAll(() => app.stop());

afterEach(() => app.clock.reset());

const authenticator = () =>
  createSoftwareAuthenticator({ origin: originOf(app), rpId: new URL(app.config.publicBaseUrl).hostname });

/** A contact on a new matter, invited to a conversation that needs two-factor sign-in. */
async function invite(firm = f, options: { requireMfa?: boolean } = {}) {
  const matter = await createMatter(app.db, firm.firm.id);
  const contact = await createContact(app.db, firm.firm.id, matter, 'Pat Passkey', {
    email: `pat.${randomBytes(4).toString('hex')}@mail.example`,
  });
  const conv = await app.http
    .post('/api/v1/conversations')
    .set(bearer(firm.member.token))
    .send({
      kind: 'external_matter',
      matterId: matter,
      contactIds: [contact.id],
      requireMfa: options.requireMfa ?? true,
    });
  expect(conv.status).toBe(201);
  return { contact, email: contact.email!, conversationId: conv.body.id as string };
}

/** Another personal link for the contact, as a new invitation or a link request issues one. */
async function newLink(firmId: string, contactId: string, conversationId: string | null = null) {
  const token = randomBytes(32).toString('base64url');
  await insertSecureLink(app.db, firmId, {
    contactId,
    conversationId,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + 7 * 86_400_000),
  });
  return token;
}

const passkeyOptions = (token: string) =>
  app.http.post('/api/portal/v1/auth/passkey/options').set('Origin', originOf(app)).send({ token });
const passkeySignIn = (token: string, response: unknown) =>
  app.http.post('/api/portal/v1/auth/passkey').set('Origin', originOf(app)).send({ token, response });

async function addPasskey(session: PortalSession, device: ReturnType<typeof authenticator>) {
  const options = await session.post('/auth/passkeys/options');
  expect(options.status).toBe(200);
  const { response, credential } = device.register(options.body.options);
  const added = await session.post('/auth/passkeys', { response });
  expect(added.status).toBe(200);
  return { passkey: added.body as { id: string }, credential };
}

const codeEmails = async (email: string) =>
  (await app.outbox()).filter((m) => m.to === email && m.kind === 'sign_in_code').length;

const auditOf = (contactId: string) =>
  queryRows<{ action: string; outcome: string; target_id: string | null; details: Record<string, unknown> | null }>(
    app.db,
    sql`select action, outcome, target_id, details from audit_log
        where firm_id = ${f.firm.id} and (actor_id = ${contactId} or details->>'contactId' = ${contactId})
        order by id`,
  );

describe('passkeys for returning clients', () => {
  test('when a client who signed in with a code adds a passkey, then their next link signs them in with it and no code is emailed', async () => {
    const { contact, email, conversationId } = await invite();
    const session = await signInContact(app, email);
    const device = authenticator();
    const { passkey } = await addPasskey(session, device);
    expect((await session.get('/auth/passkeys')).body.items).toEqual([
      expect.objectContaining({ id: passkey.id, lastUsedAt: null }),
    ]);

    const token = await newLink(f.firm.id, contact.id, conversationId);
    const codesBefore = await codeEmails(email);
    const opened = await openLink(app, token);
    expect(opened.status).toBe(200);
    expect(opened.body).toEqual({
      state: 'passkey',
      firmName: f.firm.name,
      contactName: 'Pat Passkey',
      firstTime: false,
      conversationId,
    });
    const options = await passkeyOptions(token);
    expect(options.status).toBe(200);
    expect(options.body.options.allowCredentials).toEqual([expect.objectContaining({ id: device.credentials[0]!.id })]);
    expect(options.body.options.userVerification).toBe('required');
    const signedIn = await passkeySignIn(token, device.assert(options.body.options));
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.conversationId).toBe(conversationId);
    expect(signedIn.headers['set-cookie']![0]).toMatch(
      /^__Host-confer_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure/,
    );
    expect(await codeEmails(email)).toBe(codesBefore);

    // the new session is a full one: every conversation of the contact, and their passkeys
    const cookie = (signedIn.headers['set-cookie'] as unknown as string[])[0]!.split(';')[0]!;
    const conversations = await app.http.get('/api/portal/v1/conversations').set('Cookie', cookie);
    expect(conversations.body.items.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    const listed = await app.http.get('/api/portal/v1/auth/passkeys').set('Cookie', cookie);
    expect(listed.body.items[0].lastUsedAt).not.toBeNull();

    const audit = await auditOf(contact.id);
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'portal.passkey_add', outcome: 'success', target_id: passkey.id }),
        expect.objectContaining({
          action: 'portal.sign_in',
          outcome: 'success',
          target_id: passkey.id,
          details: { method: 'passkey' },
        }),
      ]),
    );
  });

  test('when a client signs in with a passkey from a browser never seen for them, then staff are told of a new device and the browser gets a device cookie', async () => {
    const { contact, email, conversationId } = await invite();
    const session = await signInContact(app, email);
    const device = authenticator();
    await addPasskey(session, device);
    const alertsBefore = await app.http
      .get(`/api/v1/conversations/${conversationId}/device-alerts`)
      .set(bearer(f.member.token));
    expect(alertsBefore.body.items).toEqual([]);

    // the passkey answered from a second browser: no device cookie sent
    const token = await newLink(f.firm.id, contact.id, conversationId);
    const options = await passkeyOptions(token);
    const signedIn = await passkeySignIn(token, device.assert(options.body.options));
    expect(signedIn.status).toBe(200);
    const cookies = signedIn.headers['set-cookie'] as unknown as string[];
    expect(cookies.some((c) => /^confer_device=[A-Za-z0-9_-]{43};/.test(c))).toBe(true);

    const alerts = await app.http
      .get(`/api/v1/conversations/${conversationId}/device-alerts`)
      .set(bearer(f.member.token));
    expect(alerts.status).toBe(200);
    expect(alerts.body.items).toEqual([expect.objectContaining({ contactId: contact.id, newDevice: true })]);
  });

  test('when the passkey is not at hand, then opening the link with sendCode emails a code as before', async () => {
    const { contact, email } = await invite();
    const session = await signInContact(app, email);
    await addPasskey(session, authenticator());
    const token = await newLink(f.firm.id, contact.id);
    const before = await codeEmails(email);
    const opened = await app.http
      .post('/api/portal/v1/auth/open')
      .set('Origin', originOf(app))
      .send({ token, sendCode: true });
    expect(opened.status).toBe(200);
    expect(opened.body.state).toBe('code_sent');
    expect(await codeEmails(email)).toBe(before + 1);
  });

  test('when a sign-in answer replays a used challenge, comes from another origin, is signed by another key, skips user verification or answers another link, then it is refused, audited and opens no session', async () => {
    const { contact, email } = await invite();
    const session = await signInContact(app, email);
    const device = authenticator();
    await addPasskey(session, device);
    const token = await newLink(f.firm.id, contact.id);
    const otherToken = await newLink(f.firm.id, contact.id);

    const first = (await passkeyOptions(token)).body.options;
    expect((await passkeySignIn(token, device.assert(first))).status).toBe(200);
    // the same challenge again: single use
    const replay = await passkeySignIn(token, device.assert(first));
    expect(replay.status).toBe(400);
    expect(replay.body.code).toBe('passkey_challenge_not_valid');

    const fresh = async () => (await passkeyOptions(token)).body.options;
    const refusals = [
      device.assert(await fresh(), { origin: 'https://evil.example' }),
      device.assert(await fresh(), { signWith: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey }),
      device.assert(await fresh(), { userVerified: false }),
      device.assert(await fresh(), { rpId: 'evil.example' }),
    ];
    for (const answer of refusals) {
      const refused = await passkeySignIn(token, answer);
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('passkey_not_accepted');
      expect(refused.headers['set-cookie']).toBeUndefined();
    }
    // a challenge issued for one link does not sign in with another
    const crossed = await passkeySignIn(otherToken, device.assert(await fresh()));
    expect(crossed.status).toBe(400);
    expect(crossed.body.code).toBe('passkey_challenge_not_valid');
    // an expired challenge (5 minutes)
    const late = await fresh();
    app.clock.advance(5 * 60_000 + 1000);
    expect((await passkeySignIn(token, device.assert(late))).body.code).toBe('passkey_challenge_not_valid');

    const refusedAudit = (await auditOf(contact.id)).filter(
      (a) => a.action === 'portal.sign_in' && a.outcome === 'refused' && a.details?.method === 'passkey',
    );
    expect(refusedAudit.map((a) => a.details?.reason)).toEqual([
      'challenge_not_valid',
      'not_verified',
      'not_verified',
      'not_verified',
      'not_verified',
      'challenge_not_valid',
      'challenge_not_valid',
    ]);
    const [failures] = await queryRows<{ n: number }>(
      app.db,
      sql`select count(*)::int as n from sign_in_failures where firm_id = ${f.firm.id} and contact_id = ${contact.id}`,
    );
    expect(failures!.n).toBe(7);
  });

  test('when one link starts more than 10 passkey sign-ins in an hour, then the 11th is refused with 429', async () => {
    const { contact, email } = await invite();
    await addPasskey(await signInContact(app, email), authenticator());
    const token = await newLink(f.firm.id, contact.id);
    for (let i = 0; i < 10; i += 1) expect((await passkeyOptions(token)).status).toBe(200);
    const refused = await passkeyOptions(token);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('too_many_passkey_tries');
  });

  test('when a registration answer is for a challenge of another session or comes twice, then no passkey is added', async () => {
    const { email } = await invite();
    const first = await signInContact(app, email);
    const device = authenticator();
    const options = (await first.post('/auth/passkeys/options')).body.options;
    const { response } = device.register(options);
    // another session of the same contact cannot answer this session's challenge
    const second = await signInContact(app, email);
    const crossed = await second.post('/auth/passkeys', { response });
    expect(crossed.status).toBe(400);
    expect(crossed.body.code).toBe('passkey_challenge_not_valid');
    expect((await first.post('/auth/passkeys', { response })).status).toBe(200);
    const again = await first.post('/auth/passkeys', { response });
    expect(again.status).toBe(400);
    expect((await first.get('/auth/passkeys')).body.items).toHaveLength(1);
  });

  test('when a session opened by the link alone asks to add a passkey, then it is refused with 403', async () => {
    const { email } = await invite(f, { requireMfa: false });
    const session = await signInContact(app, email);
    const refused = await session.post('/auth/passkeys/options');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('passkey_needs_full_sign_in');
  });

  test('when a client removes their passkey, then it no longer signs in and their link asks for a code again; another client’s passkey is 404', async () => {
    const { contact, email } = await invite();
    const session = await signInContact(app, email);
    const device = authenticator();
    const { passkey } = await addPasskey(session, device);
    const stranger = await invite();
    const strangerSession = await signInContact(app, stranger.email);
    expect((await strangerSession.delete(`/auth/passkeys/${passkey.id}`)).status).toBe(404);

    const token = await newLink(f.firm.id, contact.id);
    const options = (await passkeyOptions(token)).body.options;
    expect((await session.delete(`/auth/passkeys/${passkey.id}`)).status).toBe(204);
    expect((await session.get('/auth/passkeys')).body.items).toEqual([]);
    expect((await session.delete(`/auth/passkeys/${passkey.id}`)).status).toBe(404);
    // an answer prepared before the removal is refused
    const refused = await passkeySignIn(token, device.assert(options));
    expect(refused.status).toBe(400);
    expect((await openLink(app, token)).body.state).toBe('code_sent');
    expect((await passkeyOptions(token)).body.code).toBe('no_passkey');
    expect(await auditOf(contact.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'portal.passkey_remove', outcome: 'success', target_id: passkey.id }),
      ]),
    );
    // the row is kept, marked removed by the client
    const [row] = await queryRows<{ removed_by_kind: string }>(
      app.db,
      sql`select removed_by_kind from passkeys where firm_id = ${f.firm.id} and id = ${passkey.id}`,
    );
    expect(row!.removed_by_kind).toBe('contact');
  });

  test('when staff revoke a client’s passkey, then the client’s sessions end, their event stream closes and the passkey no longer signs in; another firm gets 404', async () => {
    const { contact, email } = await invite();
    const session = await signInContact(app, email);
    const device = authenticator();
    const { passkey } = await addPasskey(session, device);
    const listed = await app.http.get(`/api/v1/contacts/${contact.id}/passkeys`).set(bearer(f.member.token));
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([passkey.id]);

    const otherFirm = await createFirm(app);
    expect(
      (await app.http.get(`/api/v1/contacts/${contact.id}/passkeys`).set(bearer(otherFirm.member.token))).status,
    ).toBe(404);
    expect(
      (
        await app.http
          .delete(`/api/v1/contacts/${contact.id}/passkeys/${passkey.id}`)
          .set(bearer(otherFirm.admin.token))
      ).status,
    ).toBe(404);

    const stream = await openEventStream(`${app.baseUrl}/api/portal/v1/events`, {
      headers: { Cookie: session.cookie },
    });
    await stream.waitFor(1, { type: 'ready' });
    const revoked = await app.http
      .delete(`/api/v1/contacts/${contact.id}/passkeys/${passkey.id}`)
      .set(bearer(f.member.token));
    expect(revoked.status).toBe(204);
    await stream.waitForEnd(5000);
    expect(stream.events.map((e) => e.type)).toContain('contact.disabled');
    expect((await session.get('/auth/session')).status).toBe(401);

    const token = await newLink(f.firm.id, contact.id);
    expect((await openLink(app, token)).body.state).toBe('code_sent');
    expect(
      (await app.http.get(`/api/v1/contacts/${contact.id}/passkeys`).set(bearer(f.member.token))).body.items,
    ).toEqual([]);
    expect(await auditOf(contact.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'contact.passkey_revoke', outcome: 'success', target_id: passkey.id }),
      ]),
    );
  });
});
