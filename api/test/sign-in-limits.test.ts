import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/query-rows.js';
import {
  insertAttempt,
  insertSecureLink,
  recordFailure,
  setAttemptCode,
} from '../src/modules/portal-auth/repository.js';
import { hashCode, hashToken } from '../src/modules/portal-auth/tokens.js';
import { bearer, createContact, createFirm, createMatter } from './support/fixtures.js';
import { waitFor } from './support/messaging.js';
import { codeIn, latestEmail, linkTokenIn, openLink, originOf, verifyCode } from './support/portal-session.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

// Every limit here is checked and recorded by parallel requests: on PostgreSQL (TEST_DATABASE_URL)
// they really run at the same time on several connections; on PGlite they take turns.

let app: TestApp;
let f: Awaited<ReturnType<typeof createFirm>>;

beforeAll(async () => {
  app = await startTestApp();
  f = await createFirm(app);
});
afterAll(() => app.stop());

/** A contact invited to a new two-factor conversation (which emails their link). */
async function invite() {
  const matter = await createMatter(app.db, f.firm.id);
  const contact = await createContact(app.db, f.firm.id, matter, 'Client Person', {
    email: `client.${randomBytes(4).toString('hex')}@mail.example`,
  });
  const conv = await app.http
    .post('/api/v1/conversations')
    .set(bearer(f.member.token))
    .send({ kind: 'external_matter', matterId: matter, contactIds: [contact.id], requireMfa: true });
  expect(conv.status).toBe(201);
  return { contact, email: contact.email! };
}

const emailsTo = async (email: string, kind: 'secure_link' | 'sign_in_code') =>
  (await app.outbox()).filter((m) => m.to === email && m.kind === kind).length;

const failuresOf = async (contactId: string) =>
  (
    await queryRows<{ n: number }>(
      app.db,
      sql`select count(*)::int as n from sign_in_failures where firm_id = ${f.firm.id} and contact_id = ${contactId}`,
    )
  )[0]!.n;

/** Runs `tasks` with at most `width` at a time. */
async function inParallel<T>(tasks: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < tasks.length; i += width) {
    results.push(...(await Promise.all(tasks.slice(i, i + width).map((task) => task()))));
  }
  return results;
}

/** A wrong code for an attempt whose right code is `right`. */
const wrongCode = (right: string, i: number) => {
  const code = String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0');
  return code === right ? String((Number(right) + 500_000) % 1_000_000).padStart(6, '0') : code;
};

describe('sign-in limits under parallel requests', () => {
  test('when 200 link requests for one email arrive 50 at a time, then exactly 5 links are emailed', async () => {
    const { email } = await invite();
    const before = await emailsTo(email, 'secure_link');
    const ask = () =>
      app.http
        .post('/api/portal/v1/auth/request-link')
        .set('Origin', originOf(app))
        .send({ email })
        .then((r) => r.status);
    const statuses = await inParallel(
      Array.from({ length: 200 }, () => ask),
      50,
    );
    expect(new Set(statuses)).toEqual(new Set([202]));
    // the work runs after each answer; its last step is the audit record
    await waitFor(
      async () => {
        const [row] = await queryRows<{ n: number }>(
          app.db,
          sql`select count(*)::int as n from audit_log where action = 'portal.link_request'`,
        );
        return row!.n >= 200;
      },
      'every link request to be handled',
      60_000,
    );
    expect((await emailsTo(email, 'secure_link')) - before).toBe(5);
  }, 90_000);

  test('when one link is opened 200 times in parallel, then 10 codes are emailed and the other opens get 429', async () => {
    const { email } = await invite();
    const token = linkTokenIn((await latestEmail(app, email, 'secure_link')).text!);
    const answers = await inParallel(
      Array.from({ length: 200 }, () => () => openLink(app, token)),
      50,
    );
    const outcomes = answers.map((a) => `${a.status} ${a.body.state ?? a.body.code}`);
    expect(outcomes.filter((o) => o === '200 code_sent')).toHaveLength(10);
    expect(outcomes.filter((o) => o !== '200 code_sent')).toEqual(Array(190).fill('429 too_many_opens'));
    expect(await emailsTo(email, 'sign_in_code')).toBe(10);
  }, 90_000);

  test('when the right code comes amid a parallel burst of 49 wrong ones, then at most 5 codes are judged and the attempt never ends both locked and completed', async () => {
    for (let run = 0; run < 5; run++) {
      const { email, contact } = await invite();
      const opened = await openLink(app, linkTokenIn((await latestEmail(app, email, 'secure_link')).text!));
      expect(opened.status).toBe(200);
      const right = codeIn((await latestEmail(app, email, 'sign_in_code')).subject!);
      const codes = Array.from({ length: 50 }, (_, i) => (i === 25 ? right : wrongCode(right, i)));
      const answers = await Promise.all(codes.map((code) => verifyCode(app, opened.body.attemptToken, code)));
      const outcomes = answers.map((a) => (a.status === 200 ? 'signed_in' : (a.body.code as string)));

      const [attempt] = await queryRows<{ locked: boolean; completed: boolean; wrong_tries: number }>(
        app.db,
        sql`select locked_at is not null as locked, completed_at is not null as completed, wrong_tries
            from sign_in_attempts where firm_id = ${f.firm.id} and contact_id = ${contact.id}`,
      );
      expect(attempt!.locked && attempt!.completed).toBe(false);
      expect(attempt!.wrong_tries).toBeLessThanOrEqual(5);
      expect(await failuresOf(contact.id)).toBeLessThanOrEqual(5);
      expect(outcomes.filter((o) => o === 'signed_in').length).toBeLessThanOrEqual(1);
      if (outcomes.includes('signed_in')) {
        // it was one of the first 5 codes judged: no lockout happened before it
        expect(outcomes.filter((o) => o === 'wrong_code').length).toBeLessThanOrEqual(4);
        expect(outcomes).not.toContain('sign_in_locked');
      } else {
        expect(outcomes.filter((o) => o === 'wrong_code')).toHaveLength(4);
      }
    }
  }, 120_000);

  test('when a contact has 80 failures and 100 wrong codes arrive in parallel over 20 attempts, then exactly 100 failures are recorded and the right code is then refused', async () => {
    const { contact } = await invite();
    for (let i = 0; i < 80; i++) await recordFailure(app.db, f.firm.id, contact.id, new Date());
    const expiresAt = new Date(Date.now() + 7 * 86_400_000);
    const attempts: Array<{ token: string; code: string }> = [];
    for (let i = 0; i < 21; i++) {
      const linkId = await insertSecureLink(app.db, f.firm.id, {
        contactId: contact.id,
        conversationId: null,
        tokenHash: hashToken(randomBytes(32).toString('base64url')),
        expiresAt,
      });
      const token = randomBytes(32).toString('base64url');
      const id = await insertAttempt(app.db, f.firm.id, {
        secureLinkId: linkId,
        contactId: contact.id,
        attemptHash: hashToken(token),
      });
      const code = String(100_000 + i);
      await setAttemptCode(app.db, f.firm.id, id, {
        codeHash: hashCode(id, code),
        codeExpiresAt: new Date(Date.now() + 600_000),
        codeSentAt: new Date(),
      });
      attempts.push({ token, code });
    }
    const last = attempts.pop()!;
    const wrongs = attempts.flatMap((a) =>
      Array.from({ length: 5 }, (_, i) => [a.token, wrongCode(a.code, i)] as const),
    );
    const answers = await Promise.all(wrongs.map(([token, code]) => verifyCode(app, token, code)));
    const outcomes = answers.map((a) => `${a.status} ${a.body.code}`);
    expect(new Set(outcomes)).toEqual(new Set(['400 wrong_code', '429 sign_in_locked']));
    expect(await failuresOf(contact.id)).toBe(100);
    const right = await verifyCode(app, last.token, last.code);
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('sign_in_locked');
  }, 120_000);

  test('when 20 resends of one attempt arrive in parallel, then one code is sent and the others get 429', async () => {
    const { email } = await invite();
    const opened = await openLink(app, linkTokenIn((await latestEmail(app, email, 'secure_link')).text!));
    expect(opened.status).toBe(200);
    const before = await emailsTo(email, 'sign_in_code');
    app.clock.set(new Date(Date.now() + 31_000));
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          app.http
            .post('/api/portal/v1/auth/resend')
            .set('Origin', originOf(app))
            .send({ attemptToken: opened.body.attemptToken }),
        ),
      );
      const outcomes = answers.map((a) => (a.status === 204 ? 'sent' : `${a.status} ${a.body.code}`));
      expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
      expect(outcomes.filter((o) => o !== 'sent')).toEqual(Array(19).fill('429 resend_too_soon'));
      expect((await emailsTo(email, 'sign_in_code')) - before).toBe(1);
    } finally {
      app.clock.reset();
    }
  });
});
