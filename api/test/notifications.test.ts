import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/query-rows.js';
import { createNotifier } from '../src/modules/notifications/notifier.js';
import { startAcsEmulator, type AcsEmulator } from './support/acs-emulator.js';
import { bearer } from './support/fixtures.js';
import { externalConversation, outboxRows, send, waitFor } from './support/messaging.js';
import { linkTokenIn, openLink, signInContact } from './support/portal-session.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

const minutes = (n: number) => n * 60_000;
const count = async (app: TestApp, query: ReturnType<typeof sql>) =>
  (await queryRows<{ n: number }>(app.db, query))[0]!.n;

describe('new-message emails (embedded outbox)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());
  afterEach(() => app.clock.reset());

  const emailsTo = async (to: string, kind = 'new_messages') =>
    (await app.outbox()).filter((m) => m.to === to && m.kind === kind);
  /** Moves the app's clock, runs the sweep, and lets the jobs it queued run. */
  const at = async (t0: number, offsetMinutes: number) => {
    app.clock.set(new Date(t0 + minutes(offsetMinutes)));
    await app.background.sweepNow();
    await waitFor(
      async () =>
        (await count(
          app,
          sql`select count(*)::int as n from pgboss.job where name = 'unseen-email' and state in ('created', 'retry', 'active')`,
        )) === 0,
      'queued batches decided',
    );
  };

  test('when new messages stay unseen for the firm delay, then one email per person covers them all, without the text of a two-factor conversation', async () => {
    const t0 = Date.now();
    const s = await externalConversation(app, { contacts: [{ name: 'Casey Client' }, { name: 'Toni Third' }] });
    const [casey, toni] = s.contacts;
    // the welcome email covers the conversation's start: a message right away opens no batch
    await send(app, s.member.token, s.conversationId, 'Welcome aboard.');
    app.clock.set(new Date(t0 + minutes(20)));
    await send(app, s.member.token, s.conversationId, 'The contract is attached.');
    app.clock.set(new Date(t0 + minutes(25)));
    await send(app, s.member.token, s.conversationId, 'Please sign by Friday.');

    await at(t0, 34);
    expect(await emailsTo(casey!.email!)).toHaveLength(0);
    await at(t0, 36);
    const [email] = await waitFor(async () => {
      const found = await emailsTo(casey!.email!);
      return found.length > 0 ? found : undefined;
    }, 'the email');
    expect(await emailsTo(casey!.email!)).toHaveLength(1);
    expect(await emailsTo(toni!.email!)).toHaveLength(1);
    expect(email!.subject).toBe(`2 new secure messages from ${s.firm.name}`);
    for (const part of [email!.text!, email!.html!]) {
      expect(part).toContain('2 new messages');
      expect(part).not.toContain('contract');
      expect(part).not.toContain('Friday');
      expect(part).toMatch(/\/portal\/#link=/);
    }
    // the fresh link opens that conversation (with a code, as it requires two-factor sign-in)
    const opened = await openLink(app, linkTokenIn(email!.text!));
    expect(opened.body).toMatchObject({ state: 'code_sent', conversationId: s.conversationId });
    // nothing more until something new arrives
    await at(t0, 60);
    expect(await emailsTo(casey!.email!)).toHaveLength(1);
  });

  test('when the contact sees the message in the portal in time, then no email is sent', async () => {
    const t0 = Date.now();
    const s = await externalConversation(app);
    const contact = s.contacts[0]!;
    const session = await signInContact(app, contact.email!);
    app.clock.set(new Date(t0 + minutes(20)));
    const sent = await send(app, s.member.token, s.conversationId, 'Seen in time');
    app.clock.set(new Date(t0 + minutes(30)));
    const read = await session.post(`/conversations/${s.conversationId}/read`, { seq: sent.body.seq });
    expect(read.status).toBe(200);
    await at(t0, 40);
    expect(await emailsTo(contact.email!)).toHaveLength(0);
    expect(
      await count(
        app,
        sql`select count(*)::int as n from unseen_email_batches where contact_id = ${contact.id} and outcome = 'seen'`,
      ),
    ).toBe(1);
  });

  test('when the conversation does not require two-factor sign-in and the firm delay is 5 minutes, then the email quotes the message after 5 minutes', async () => {
    const t0 = Date.now();
    const s = await externalConversation(app, { requireMfa: false });
    await app.http.patch('/api/v1/firm/settings').set(bearer(s.admin.token)).send({ unseenEmailDelayMinutes: 5 });
    const contact = s.contacts[0]!;
    app.clock.set(new Date(t0 + minutes(10)));
    await send(app, s.member.token, s.conversationId, 'The keys are at reception.');
    await at(t0, 14);
    expect(await emailsTo(contact.email!)).toHaveLength(0);
    await at(t0, 16);
    const [email] = await waitFor(async () => {
      const found = await emailsTo(contact.email!);
      return found.length > 0 ? found : undefined;
    }, 'the email');
    expect(email!.subject).toBe(`New secure message from ${s.firm.name}`);
    expect(email!.text).toContain('The keys are at reception.');
    expect(email!.html).toContain('The keys are at reception.');
  });

  test('when a contact asks for a sign-in code, then it goes out at once, not batched', async () => {
    const s = await externalConversation(app);
    const contact = s.contacts[0]!;
    const link = (await app.outbox()).find((m) => m.to === contact.email && m.kind === 'secure_link')!;
    await openLink(app, linkTokenIn(link.text!));
    await waitFor(
      async () =>
        (await outboxRows(app, { to: contact.email!, kind: 'sign_in_code' })).some((r) => r.status === 'sent'),
      'the code sent',
      5000,
    );
    // in embedded mode the outbox is the transport: the content stays readable at /dev/outbox
    const dev = await app.http.get('/dev/outbox.json');
    expect(
      dev.body.items.find((m: { to: string; kind: string }) => m.to === contact.email && m.kind === 'sign_in_code'),
    ).toMatchObject({
      status: 'sent',
      subject: expect.stringMatching(/\d{6}/),
    });
  });
});

describe('delivery through ACS, outages and restarts', () => {
  let app: TestApp;
  let acs: AcsEmulator;
  beforeAll(async () => {
    acs = await startAcsEmulator();
    app = await startTestApp({
      ACS_CONNECTION_STRING: acs.connectionString,
      ACS_EMAIL_SENDER: 'donotreply@confer.example',
      ACS_SMS_SENDER: '+447400000003',
    });
  });
  afterAll(async () => {
    await app.stop();
    await acs.stop();
  });

  test('when an external conversation starts, then each contact gets the welcome email through ACS with the firm name, text and HTML parts', async () => {
    const s = await externalConversation(app, { contacts: [{ name: 'Casey Client' }, { name: 'Toni Third' }] });
    for (const c of s.contacts) {
      const email = await waitFor(() => acs.emails.find((e) => e.to.includes(c.email!)), 'the welcome email');
      expect(email.subject).toBe(`${s.firm.name} has invited you to a secure conversation`);
      expect(email.plainText).toContain('Get started');
      expect(email.plainText).toMatch(/\/portal\/#link=/);
      expect(email.html).toContain('Get started');
    }
    await waitFor(
      async () =>
        (await outboxRows(app, { kind: 'secure_link' })).every((r) => r.status === 'sent' && r.sealed === null),
      'recorded as sent, content dropped',
    );
  });

  test('when ACS is down and comes back, then every email and text is delivered exactly once', async () => {
    acs.goDown();
    let s;
    try {
      s = await externalConversation(app, { contacts: [{}, {}, {}] });
      const res = await send(app, s.member.token, s.conversationId, 'During the outage', true);
      expect(res.status).toBe(201);
      await waitFor(
        async () => (await outboxRows(app)).filter((r) => r.status === 'pending').length >= 6,
        'attempts failing while ACS is down',
      );
      await new Promise((r) => setTimeout(r, 2500));
      const attempts = await queryRows<{ attempts: number }>(
        app.db,
        sql`select attempts from outbox where status = 'pending'`,
      );
      expect(attempts.some((a) => a.attempts >= 2)).toBe(true);
    } finally {
      acs.comeBack();
    }
    acs.loseAnswers(2); // and the first answers after the outage are lost on the way back
    await waitFor(
      async () => (await outboxRows(app)).every((r) => ['sent', 'delivered'].includes(r.status)),
      'everything sent',
      60_000,
    );
    for (const c of s.contacts) {
      expect(acs.emails.filter((e) => e.to.includes(c.email!))).toHaveLength(1);
      expect(acs.texts.filter((t) => t.to === c.mobile)).toHaveLength(1);
    }
  });

  test('when a row was committed but its job was lost (a crash), then the sweep sends it once', async () => {
    const orphan = createNotifier(app.sealKey); // no job queue: as if the process died after commit
    const id = await app.db.transaction((tx) =>
      orphan.queueEmail(tx, {
        firmId: null,
        to: 'orphan@client.example',
        subject: 'Orphaned',
        text: 'Text part',
        html: '<p>HTML part</p>',
        kind: 'test',
      }),
    );
    await waitFor(
      async () => (await outboxRows(app, { to: 'orphan@client.example' }))[0]?.status === 'sent',
      'swept and sent',
      30_000,
    );
    expect(acs.emails.filter((e) => e.operationId === id)).toHaveLength(1);
  });
});
