import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/query-rows.js';
import { nextDigestAt, nextLocalTime, quietUntil } from '../src/modules/notification-choices/quiet-hours.js';
import { startAcsEmulator, type AcsEmulator } from './support/acs-emulator.js';
import { bearer } from './support/fixtures.js';
import { externalConversation, send, uniqueMobile, waitFor } from './support/messaging.js';
import {
  codeIn,
  linkTokenIn,
  openLink,
  originOf,
  sessionFrom,
  verifyCode,
  type PortalSession,
} from './support/portal-session.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

const minutes = (n: number) => n * 60_000;
const hours = (n: number) => n * 3_600_000;
const hhmm = (at: Date) => at.toISOString().slice(11, 16);

type TChoice = {
  channel: 'email' | 'sms' | 'both' | 'acknowledgements_only';
  quietStart: string | null;
  quietEnd: string | null;
  timeZone: string;
  dailyDigest: boolean;
};
const emailChoice: TChoice = {
  channel: 'email',
  quietStart: null,
  quietEnd: null,
  timeZone: 'UTC',
  dailyDigest: false,
};

describe('client notification choices', () => {
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
  afterEach(() => app.clock.reset());

  /** The whole sign-in, reading the link and the code from the emails ACS accepted. */
  const signIn = async (email: string): Promise<PortalSession> => {
    const welcome = await waitFor(
      () => acs.emails.find((e) => e.to.includes(email) && linkTokenIn(e.plainText) !== ''),
      'the welcome email',
    );
    const opened = await openLink(app, linkTokenIn(welcome.plainText));
    if (opened.body.state === 'signed_in') return sessionFrom(app, opened.headers['set-cookie'], opened.body.csrfToken);
    const code = await waitFor(
      () => acs.emails.find((e) => e.to.includes(email) && codeIn(e.subject) !== '')?.subject,
      'the code',
    );
    const verified = await verifyCode(app, opened.body.attemptToken, codeIn(code));
    expect(verified.status).toBe(200);
    return sessionFrom(app, verified.headers['set-cookie'], verified.body.csrfToken);
  };
  const put = (session: PortalSession, body: object) =>
    app.http
      .put('/api/portal/v1/notification-choices')
      .set({ Cookie: session.cookie, Origin: originOf(app), 'X-CSRF-Token': session.csrfToken })
      .send(body);
  const choose = async (session: PortalSession, choice: Partial<TChoice>) => {
    const res = await put(session, { ...emailChoice, ...choice });
    expect(res.status).toBe(200);
    return res.body as TChoice & { hasMobile: boolean };
  };
  const count = async (query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(app.db, query))[0]!.n;
  /** Moves the app's clock, runs the sweep, and lets the jobs it queued run. */
  const at = async (t0: number, offset: number) => {
    app.clock.set(new Date(t0 + offset));
    await app.background.sweepNow();
    await waitFor(
      async () =>
        (await count(
          sql`select count(*)::int as n from pgboss.job where name in ('unseen-email', 'send-outbox', 'acknowledgement-step')
              and state in ('created', 'retry', 'active') and start_after <= now()`,
        )) === 0,
      'queued work done',
    );
  };
  const newMessageEmailsTo = (email: string) =>
    acs.emails.filter((e) => e.to.includes(email) && /new secure message/i.test(e.subject));
  const textsTo = (mobile: string) => acs.texts.filter((t) => t.to === mobile);
  const batchOf = async (contactId: string) =>
    (
      await queryRows<{ outcome: string | null; due_at: Date | string; digest: boolean }>(
        app.db,
        sql`select outcome, due_at, digest from unseen_email_batches where contact_id = ${contactId} order by created_at desc limit 1`,
      )
    )[0];

  test('when a client saves choices with an unknown zone, half of the quiet hours, or SMS without a mobile, then each is refused naming the field; a good choice is kept, audited and shown to staff beside the contact', async () => {
    const s = await externalConversation(app, {
      contacts: [
        { name: 'Noel Nomobile', mobile: null },
        { name: 'Mia Mobile', mobile: uniqueMobile() },
      ],
    });
    const [noel, mia] = s.contacts;
    const session = await signIn(noel!.email!);

    const before = await session.get('/notification-choices');
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ ...emailChoice, hasMobile: false, chosen: false });

    const zone = await put(session, { ...emailChoice, timeZone: 'Mars/Olympus_Mons' });
    expect(zone.status).toBe(400);
    expect(zone.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(zone.body.errors).toEqual([expect.objectContaining({ field: 'timeZone' })]);
    expect(zone.body.detail).toContain('Mars/Olympus_Mons');

    const half = await put(session, { ...emailChoice, quietStart: '22:00' });
    expect(half.status).toBe(400);
    expect(half.body.errors).toEqual([expect.objectContaining({ field: 'quietEnd' })]);

    const badTime = await put(session, { ...emailChoice, quietStart: '25:00', quietEnd: '07:00' });
    expect(badTime.status).toBe(400);
    expect(badTime.body.errors).toEqual([expect.objectContaining({ field: 'quietStart' })]);

    const sms = await put(session, { ...emailChoice, channel: 'sms' });
    expect(sms.status).toBe(422);
    expect(sms.body.code).toBe('sms_needs_mobile');
    expect(sms.body.errors).toEqual([expect.objectContaining({ field: 'channel' })]);
    expect((await session.get('/notification-choices')).body.channel).toBe('email');

    const good = await choose(session, {
      channel: 'acknowledgements_only',
      quietStart: '22:00',
      quietEnd: '07:00',
      timeZone: 'Europe/London',
      dailyDigest: true,
    });
    expect(good).toMatchObject({
      channel: 'acknowledgements_only',
      quietStart: '22:00',
      timeZone: 'Europe/London',
      chosen: true,
    });
    expect((await session.get('/notification-choices')).body).toEqual(good);
    const audits = await queryRows<{ actor_id: string; details: { channel: string } }>(
      app.db,
      sql`select actor_id, details from audit_log where action = 'contact.notification_choice' and target_id = ${noel!.id}`,
    );
    expect(audits).toEqual([
      expect.objectContaining({
        actor_id: noel!.id,
        details: expect.objectContaining({ channel: 'acknowledgements_only' }),
      }),
    ]);

    const contacts = await app.http.get(`/api/v1/matters/${s.matterId}/contacts`).set(bearer(s.member.token));
    expect(contacts.status).toBe(200);
    const byId = new Map(
      (contacts.body.items as Array<{ id: string; notificationChoice: TChoice }>).map((c) => [c.id, c]),
    );
    expect(byId.get(noel!.id)!.notificationChoice).toEqual({
      channel: 'acknowledgements_only',
      quietStart: '22:00',
      quietEnd: '07:00',
      timeZone: 'Europe/London',
      dailyDigest: true,
    });
    // one who never chose: the defaults
    expect(byId.get(mia!.id)!.notificationChoice).toEqual(emailChoice);
  });

  test("when a session opened by one conversation's link alone asks to change the choice, then it is refused with 403 and nothing changes", async () => {
    const s = await externalConversation(app, { requireMfa: false, contacts: [{ name: 'Lena Linkonly' }] });
    const session = await signIn(s.contacts[0]!.email!);
    expect((await session.get('/notification-choices')).status).toBe(200);
    const refused = await put(session, { ...emailChoice, channel: 'acknowledgements_only' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('notification_choice_needs_full_sign_in');
    expect((await session.get('/notification-choices')).body).toMatchObject({ channel: 'email', chosen: false });
  });

  test('when the client chose SMS, then the unseen-message notice arrives as a text with a reply link and no message text, and no email', async () => {
    const t0 = Date.now();
    app.clock.set(new Date(t0));
    const mobile = uniqueMobile();
    const s = await externalConversation(app, { contacts: [{ name: 'Sam Sms', mobile }] });
    const [sam] = s.contacts;
    await choose(await signIn(sam!.email!), { channel: 'sms' });

    app.clock.set(new Date(t0 + minutes(20)));
    expect((await send(app, s.member.token, s.conversationId, 'The private offer is 400k')).status).toBe(201);
    await at(t0, minutes(36));
    const [text] = await waitFor(() => textsTo(mobile).length > 0 && textsTo(mobile), 'the text');
    expect(text!.message).toMatch(new RegExp(`^New message from ${s.firm.name} in Confer: .*/portal/#reply=`));
    expect(text!.message).not.toContain('400k');
    expect(textsTo(mobile)).toHaveLength(1);
    expect(newMessageEmailsTo(sam!.email!)).toHaveLength(0);
    expect((await batchOf(sam!.id))!.outcome).toBe('texted');
  });

  test('when the client chose SMS but the firm may not text their country, then the notice comes by email instead', async () => {
    const t0 = Date.now();
    app.clock.set(new Date(t0));
    const s = await externalConversation(app, { contacts: [{ name: 'Fran France', mobile: '+33612345678' }] });
    const [fran] = s.contacts;
    await choose(await signIn(fran!.email!), { channel: 'sms' });
    app.clock.set(new Date(t0 + minutes(20)));
    await send(app, s.member.token, s.conversationId, 'Bonjour');
    await at(t0, minutes(36));
    await waitFor(() => newMessageEmailsTo(fran!.email!).length === 1, 'the email');
    expect(textsTo('+33612345678')).toHaveLength(0);
  });

  test('when the client chose acknowledgements only, then no new-message email or text is sent', async () => {
    const t0 = Date.now();
    app.clock.set(new Date(t0));
    const mobile = uniqueMobile();
    const s = await externalConversation(app, { contacts: [{ name: 'Ada Acks', mobile }] });
    const [ada] = s.contacts;
    await choose(await signIn(ada!.email!), { channel: 'acknowledgements_only' });
    app.clock.set(new Date(t0 + minutes(20)));
    await send(app, s.member.token, s.conversationId, 'Nothing to see');
    await at(t0, minutes(36));
    await waitFor(async () => (await batchOf(ada!.id))?.outcome === 'not_wanted', 'the batch decided');
    await new Promise((r) => setTimeout(r, 1000));
    expect(newMessageEmailsTo(ada!.email!)).toHaveLength(0);
    expect(textsTo(mobile)).toHaveLength(0);
  });

  test("when the notice falls in the client's quiet hours, then it waits until they end and is sent then", async () => {
    const t0 = Date.now();
    app.clock.set(new Date(t0));
    const s = await externalConversation(app, { contacts: [{ name: 'Quinn Quiet' }] });
    const [quinn] = s.contacts;
    const quietEnd = new Date(t0 + hours(2));
    await choose(await signIn(quinn!.email!), {
      quietStart: hhmm(new Date(t0 + minutes(10))),
      quietEnd: hhmm(quietEnd),
      timeZone: 'UTC',
    });
    app.clock.set(new Date(t0 + minutes(20)));
    await send(app, s.member.token, s.conversationId, 'Late-night news');

    await at(t0, minutes(36));
    const held = await waitFor(async () => {
      const batch = await batchOf(quinn!.id);
      return batch && new Date(batch.due_at).getTime() > t0 + hours(1) && batch;
    }, 'the batch moved to the end of quiet hours');
    expect(held.outcome).toBeNull();
    expect(hhmm(new Date(held.due_at))).toBe(hhmm(quietEnd));
    await at(t0, hours(1));
    expect(newMessageEmailsTo(quinn!.email!)).toHaveLength(0);

    await at(t0, hours(2) + minutes(1));
    await waitFor(() => newMessageEmailsTo(quinn!.email!).length === 1, 'the email after quiet hours');
    expect((await batchOf(quinn!.id))!.outcome).toBe('emailed');
  });

  test('when the client chose the daily digest, then one email at 08:00 in their zone lists titles and unread counts without message text, and a restart or a repeated job sends no second', async () => {
    const t0 = Date.now();
    app.clock.set(new Date(t0));
    const s = await externalConversation(app, { contacts: [{ name: 'Dana Digest' }] });
    const [dana] = s.contacts;
    const title = (await app.http.get(`/api/v1/matters/${s.matterId}`).set(bearer(s.member.token))).body
      .title as string;
    await choose(await signIn(dana!.email!), { timeZone: 'Asia/Tokyo', dailyDigest: true });
    app.clock.set(new Date(t0 + minutes(20)));
    await send(app, s.member.token, s.conversationId, 'Secret clause one');
    await send(app, s.member.token, s.conversationId, 'Secret clause two');

    await at(t0, minutes(36));
    const digestAt = nextDigestAt(
      { quietStart: null, quietEnd: null, timeZone: 'Asia/Tokyo' },
      new Date(t0 + minutes(36)),
    );
    await waitFor(async () => (await batchOf(dana!.id))?.digest === true, 'the batch held for the digest');
    expect(new Date((await batchOf(dana!.id))!.due_at).toISOString()).toBe(digestAt.toISOString());
    expect(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' }).format(digestAt),
    ).toBe('08:00');
    expect(acs.emails.filter((e) => e.to.includes(dana!.email!) && /summary|new secure/i.test(e.subject))).toHaveLength(
      0,
    );

    await at(digestAt.getTime(), minutes(1));
    const digests = () => acs.emails.filter((e) => e.to.includes(dana!.email!) && /daily summary/.test(e.subject));
    const [digest] = await waitFor(() => digests().length > 0 && digests(), 'the digest');
    for (const part of [digest!.plainText, digest!.html]) {
      expect(part).toContain(title);
      expect(part).toContain('2 unread messages');
      expect(part).not.toContain('Secret clause');
    }
    const batch = await batchOf(dana!.id);
    expect(batch!.outcome).toBe('digested');
    const batchId = (
      await queryRows<{ id: string }>(app.db, sql`select id from unseen_email_batches where contact_id = ${dana!.id}`)
    )[0]!.id;

    app = await app.restart();
    app.clock.set(new Date(digestAt.getTime() + minutes(5)));
    await app.jobs.enqueue('unseen-email', { firmId: s.firm.id, batchId });
    await app.background.sweepNow();
    await new Promise((r) => setTimeout(r, 2500));
    expect(digests()).toHaveLength(1);
  });

  test('when the client chose SMS, then the acknowledge-by reminder at half time goes by text, not email', async () => {
    const t0 = Date.now();
    app.clock.set(new Date(t0));
    const mobile = uniqueMobile();
    const s = await externalConversation(app, { contacts: [{ name: 'Tess Texter', mobile }] });
    const [tess] = s.contacts;
    await choose(await signIn(tess!.email!), { channel: 'sms' });
    const sent = await app.http
      .post(`/api/v1/conversations/${s.conversationId}/messages`)
      .set(bearer(s.member.token))
      .send({ body: 'Please confirm', acknowledgeBy: { kind: 'read', dueAt: new Date(t0 + hours(10)).toISOString() } });
    expect(sent.status).toBe(201);

    await at(t0, hours(5) + minutes(1));
    const reminders = () => textsTo(mobile).filter((t) => /Reminder:/.test(t.message));
    await waitFor(() => reminders().length === 1, 'the halfway text');
    expect(reminders()[0]!.message).toMatch(/#reply=/);
    expect(acs.emails.filter((e) => e.to.includes(tess!.email!) && /^Reminder from/.test(e.subject))).toHaveLength(0);
    const view = await app.http
      .get(`/api/v1/conversations/${s.conversationId}/acknowledgements`)
      .set(bearer(s.member.token));
    expect(view.body.items[0].steps[0]).toMatchObject({
      step: 'halfway',
      outcome: 'texted',
      detail: '0 of 1 emailed, 1 texted',
    });
  });

  test('when an acknowledge-by reminder falls in quiet hours, then it is sent when they end, but at once when they would end after the deadline', async () => {
    const t0 = Date.now();
    app.clock.set(new Date(t0));
    const s = await externalConversation(app, {
      contacts: [
        { name: 'Quiet Short', mobile: null },
        { name: 'Quiet Long', mobile: null },
      ],
    });
    const [short, long] = s.contacts;
    // the halfway step falls at t0 + 2h; Short's quiet hours end at t0 + 3h, Long's after the deadline (t0 + 4h)
    await choose(await signIn(short!.email!), {
      quietStart: hhmm(new Date(t0 + hours(1))),
      quietEnd: hhmm(new Date(t0 + hours(3))),
    });
    await choose(await signIn(long!.email!), {
      quietStart: hhmm(new Date(t0 + hours(1))),
      quietEnd: hhmm(new Date(t0 + hours(6))),
    });
    const sent = await app.http
      .post(`/api/v1/conversations/${s.conversationId}/messages`)
      .set(bearer(s.member.token))
      .send({ body: 'Please confirm', acknowledgeBy: { kind: 'read', dueAt: new Date(t0 + hours(4)).toISOString() } });
    expect(sent.status).toBe(201);
    const remindersTo = (email: string) =>
      acs.emails.filter((e) => e.to.includes(email) && /^Reminder from/.test(e.subject));

    await at(t0, hours(2) + minutes(1));
    await waitFor(() => remindersTo(long!.email!).length === 1, 'the reminder that cannot wait past the deadline');
    expect(remindersTo(short!.email!)).toHaveLength(0);
    await at(t0, hours(2) + minutes(30));
    expect(remindersTo(short!.email!)).toHaveLength(0);

    await at(t0, hours(3) + minutes(1));
    await waitFor(() => remindersTo(short!.email!).length === 1, 'the reminder after quiet hours');
    await at(t0, hours(3) + minutes(2));
    expect(remindersTo(short!.email!)).toHaveLength(1);
    expect(remindersTo(long!.email!)).toHaveLength(1);
  });
});

describe('quiet hours and digest times', () => {
  test("when quiet hours wrap midnight, then a time inside them waits until their end in the contact's zone, across a clock change", () => {
    const choice = { quietStart: 22 * 60, quietEnd: 7 * 60, timeZone: 'Europe/London' };
    // 23:30 on the night the clocks go back (26 October 2025, 02:00 BST → 01:00 GMT)
    const night = new Date('2025-10-25T22:30:00Z');
    expect(quietUntil(choice, night)!.toISOString()).toBe('2025-10-26T07:00:00.000Z');
    expect(quietUntil(choice, new Date('2025-10-26T12:00:00Z'))).toBeUndefined();
    // digest at 08:00 unless quiet hours run later
    expect(nextDigestAt(choice, new Date('2025-06-01T12:00:00Z')).toISOString()).toBe('2025-06-02T07:00:00.000Z');
    const late = { quietStart: 22 * 60, quietEnd: 9 * 60, timeZone: 'Europe/London' };
    expect(nextDigestAt(late, new Date('2025-06-01T12:00:00Z')).toISOString()).toBe('2025-06-02T08:00:00.000Z');
    expect(nextLocalTime(new Date('2025-03-29T12:00:00Z'), 'Europe/London', 8 * 60).toISOString()).toBe(
      '2025-03-30T07:00:00.000Z',
    );
  });
});
