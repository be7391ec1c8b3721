import { randomBytes, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { queryRows } from '../src/db/query-rows.js';
import { smsReceivedDelivery } from '../src/dev/phone-routes.js';
import { startAcsEmulator, type AcsEmulator } from './support/acs-emulator.js';
import { bearer } from './support/fixtures.js';
import { externalConversation, postWebhook, send, textFromPhone, waitFor } from './support/messaging.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

const sender = '+447400000002';
let app: TestApp;
let acs: AcsEmulator;
let logs = '';

beforeAll(async () => {
  acs = await startAcsEmulator();
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs += chunk.toString();
      done();
    },
  });
  app = await startTestApp(
    {
      ACS_CONNECTION_STRING: acs.connectionString,
      ACS_EMAIL_SENDER: 'donotreply@confer.example',
      ACS_SMS_SENDER: sender,
      ACS_WEBHOOK_SECRET: randomBytes(32).toString('base64url'),
    },
    { logger: pino({ level: 'info' }, sink) },
  );
});
afterAll(async () => {
  await app.stop();
  await acs.stop();
});

const count = async (query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(app.db, query))[0]!.n;
const unprocessed = () => count(sql`select count(*)::int as n from webhook_events where processed_at is null`);
const allProcessed = () => waitFor(async () => (await unprocessed()) === 0, 'every event processed');
const textsTo = (to: string) => acs.texts.filter((t) => t.to === to);

/** A deterministic shuffle (so a failure can be replayed). */
function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A sent text (through the whole app) and the emulator's record of it. */
async function textedConversation(contacts = 1) {
  const s = await externalConversation(app, { contacts: Array.from({ length: contacts }, () => ({})) });
  const res = await send(app, s.member.token, s.conversationId, 'Please reply', true);
  const texts = [];
  for (const c of s.contacts) texts.push(await waitFor(() => textsTo(c.mobile!)[0], 'the text'));
  return { ...s, messageId: res.body.id as string, texts };
}

describe('ACS webhook', () => {
  test('when Event Grid validates the subscription, then the validation code is echoed (secret in the header or ?code=)', async () => {
    const validation = [
      {
        id: randomUUID(),
        topic: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Communication/CommunicationServices/z',
        subject: '',
        data: {
          validationCode: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6',
          validationUrl: 'https://rp-eastus2.eventgrid.azure.net/x',
        },
        eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
        eventTime: new Date().toISOString(),
        metadataVersion: '1',
        dataVersion: '1',
      },
    ];
    const byHeader = await postWebhook(app, validation);
    expect(byHeader.status).toBe(200);
    expect(byHeader.body).toEqual({ validationResponse: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' });
    const byQuery = await app.http
      .post(`/api/v1/webhooks/acs?code=${encodeURIComponent(app.webhookSecret)}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(validation));
    expect(byQuery.body.validationResponse).toBe('512d38b6-c7b8-40c8-89fe-f46f9e9622b6');
    expect((await postWebhook(app, validation, null)).status).toBe(401);
  });

  test('when 1,000 forged deliveries arrive (no secret, wrong secrets), then every one is refused with 401 and none is processed', async () => {
    const s = await textedConversation();
    const mobile = s.contacts[0]!.mobile!;
    const before = {
      messages: await count(sql`select count(*)::int as n from messages`),
      texts: acs.texts.length,
    };
    const forgeries = Array.from({ length: 1000 }, (_, i) => {
      const body =
        i % 3 === 0
          ? smsReceivedDelivery({ from: mobile, to: sender, message: `Forged reply ${i}` })
          : i % 3 === 1
            ? smsReceivedDelivery({ from: mobile, to: sender, message: 'STOP' })
            : acs.deliveryReport(s.texts[0]!.messageId, 'Failed');
      const secret =
        i % 4 === 0
          ? null
          : i % 4 === 1
            ? ''
            : i % 4 === 2
              ? randomBytes(32).toString('base64url')
              : `${app.webhookSecret}x`;
      return { body, secret };
    });
    const statuses: number[] = [];
    for (let i = 0; i < forgeries.length; i += 25) {
      const batch = forgeries.slice(i, i + 25);
      statuses.push(...(await Promise.all(batch.map((f) => postWebhook(app, f.body, f.secret).then((r) => r.status)))));
    }
    expect(statuses).toHaveLength(1000);
    expect(statuses.every((st) => st === 401)).toBe(true);
    await app.background.sweepNow();
    expect(await count(sql`select count(*)::int as n from webhook_events`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from messages`)).toBe(before.messages);
    expect(await count(sql`select count(*)::int as n from sms_opt_outs`)).toBe(0);
    expect(acs.texts).toHaveLength(before.texts);
    const view = await app.http.get(`/api/v1/messages/${s.messageId}/sms`).set(bearer(s.member.token));
    expect(view.body.recipients[0].status).toBe('sent');
  });

  test('when a delivery is malformed, then 400 names the field; unknown event types are acknowledged and ignored', async () => {
    const [event] = smsReceivedDelivery({ from: '+447400100001', to: sender, message: 'x' });
    const missing = { ...event, data: { ...event!.data, from: undefined } };
    const bad = await postWebhook(app, [missing]);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_event');
    expect(bad.body.detail).toContain('[0].data.from');
    const malformed = await app.http
      .post('/api/v1/webhooks/acs')
      .set({ 'Content-Type': 'application/json', 'X-Confer-Webhook-Secret': app.webhookSecret })
      .send('[{"id": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('malformed_json');
    const other = await postWebhook(app, [
      { ...event, id: randomUUID(), eventType: 'Microsoft.Communication.EmailDeliveryReportReceived', data: {} },
    ]);
    expect(other.status).toBe(200);
    expect(other.body).toEqual({ accepted: 0, duplicates: 0, ignored: 1 });
    expect(await count(sql`select count(*)::int as n from webhook_events`)).toBe(0);
  });

  test('when the documented sample payloads arrive (numbers without +, "Tag", CloudEvents too), then they take effect', async () => {
    const s = await textedConversation();
    const mobile = s.contacts[0]!.mobile!;
    const text = s.texts[0]!;
    const report = {
      id: `Outgoing_${Date.now()}${randomUUID()}`,
      topic:
        '/subscriptions/{subscription-id}/resourceGroups/{group-name}/providers/microsoft.communication/communicationservices/{name}',
      subject: `/phonenumber/${sender.slice(1)}`,
      data: {
        MessageId: text.messageId,
        From: sender.slice(1),
        To: mobile,
        DeliveryStatus: 'Delivered',
        DeliveryStatusDetails: 'No error.',
        ReceivedTimestamp: new Date().toISOString(),
        DeliveryAttempts: [{ Timestamp: new Date().toISOString(), SegmentsSucceeded: 1, SegmentsFailed: 0 }],
        Tag: text.tag,
      },
      eventType: 'Microsoft.Communication.SMSDeliveryReportReceived',
      dataVersion: '1.0',
      metadataVersion: '1',
      eventTime: new Date().toISOString(),
    };
    expect((await postWebhook(app, [report])).body).toEqual({ accepted: 1, duplicates: 0, ignored: 0 });
    const cloud = {
      specversion: '1.0',
      id: `Incoming_${randomUUID()}`,
      source: '/subscriptions/x/resourceGroups/y/providers/microsoft.communication/communicationservices/z',
      subject: `/phonenumber/${sender.slice(1)}`,
      type: 'Microsoft.Communication.SMSReceived',
      time: new Date().toISOString(),
      data: {
        messageId: 'Incoming_sample',
        from: mobile.slice(1),
        to: sender.slice(1),
        message: 'Got it, thank you',
        receivedTimestamp: new Date().toISOString(),
        segmentCount: 1,
      },
    };
    expect(
      (
        await app.http
          .post('/api/v1/webhooks/acs')
          .set({ 'Content-Type': 'application/cloudevents+json', 'X-Confer-Webhook-Secret': app.webhookSecret })
          .send(JSON.stringify(cloud))
      ).status,
    ).toBe(200);
    await allProcessed();
    const view = await app.http.get(`/api/v1/messages/${s.messageId}/sms`).set(bearer(s.member.token));
    expect(view.body.recipients[0].status).toBe('delivered');
    const messages = await app.http
      .get(`/api/v1/conversations/${s.conversationId}/messages`)
      .set(bearer(s.member.token));
    expect(messages.body.items.at(-1)).toMatchObject({
      body: 'Got it, thank you',
      via: 'sms',
      inReplyTo: { id: s.messageId },
    });
  });

  test('when the same events are delivered 3 times in shuffled order, then each takes effect once', async () => {
    const s = await textedConversation(3);
    const [a, b, c] = s.contacts;
    const events = [
      acs.deliveryReport(s.texts[0]!.messageId, 'Delivered')[0]!,
      acs.deliveryReport(s.texts[1]!.messageId, 'Failed', 'Handset unreachable.')[0]!,
      smsReceivedDelivery({ from: c!.mobile!, to: sender, message: 'On my way' })[0]!,
      smsReceivedDelivery({ from: b!.mobile!, to: sender, message: 'STOP' })[0]!,
    ];
    const copies = shuffle([...events, ...events, ...events], 20261122);
    const results = [];
    for (let i = 0; i < copies.length;) {
      const size = 1 + (i % 3); // deliveries of 1, 2 and 3 events
      results.push((await postWebhook(app, copies.slice(i, i + size))).body);
      i += size;
    }
    const totals = results.reduce(
      (t, r) => ({ accepted: t.accepted + r.accepted, duplicates: t.duplicates + r.duplicates }),
      { accepted: 0, duplicates: 0 },
    );
    expect(totals).toEqual({ accepted: 4, duplicates: 8 });
    await allProcessed();
    await app.background.sweepNow();
    const view = await app.http.get(`/api/v1/messages/${s.messageId}/sms`).set(bearer(s.member.token));
    const status = Object.fromEntries(
      view.body.recipients.map((r: { contactId: string; status: string }) => [r.contactId, r.status]),
    );
    expect(status[a!.id]).toBe('delivered');
    expect(status[b!.id]).toBe('failed');
    const replies = await count(sql`select count(*)::int as n from messages where body = 'On my way' and via = 'sms'`);
    expect(replies).toBe(1);
    await waitFor(() => textsTo(b!.mobile!).some((t) => /START/.test(t.message)), 'the STOP confirmation');
    expect(textsTo(b!.mobile!).filter((t) => /START/.test(t.message))).toHaveLength(1);
  });

  test('when STOP and START arrive out of order, then the one sent last wins', async () => {
    const s = await textedConversation();
    const mobile = s.contacts[0]!.mobile!;
    const t0 = Date.now();
    await textFromPhone(app, mobile, sender, 'START', new Date(t0 + 2000));
    await textFromPhone(app, mobile, sender, 'STOP', new Date(t0 + 1000));
    await allProcessed();
    const state = await queryRows<{ opted_out: boolean }>(
      app.db,
      sql`select opted_out from sms_opt_outs where phone_number = ${mobile}`,
    );
    expect(state).toEqual([{ opted_out: false }]);
  });

  test('when delivery reports repeat and arrive out of order, then a delivered text ends Delivered and a failure counts by its own time', async () => {
    const s = await textedConversation(5);
    const [a, b, c, d, e] = s.texts.map((t) => t.messageId);
    const t0 = Date.now();
    const at = (seconds: number) => new Date(t0 + seconds * 1000);
    const report = (id: string, status: string, seconds: number, details?: string) =>
      acs.deliveryReport(id!, status, details, at(seconds))[0]!;
    // A: "Sent" ×3, then "Delivered" ×3, each its own event, in this order
    for (let i = 0; i < 3; i++) expect((await postWebhook(app, [report(a!, 'Sent', i)])).status).toBe(200);
    for (let i = 0; i < 3; i++) await postWebhook(app, [report(a!, 'Delivered', 5 + i)]);
    // B: Delivered with a late "Sent" (one later, one earlier), three copies of each, shuffled, all at once
    const forB = [report(b!, 'Delivered', 5), report(b!, 'Sent', 9), report(b!, 'Sent', 1)];
    const copies = shuffle([...forB, ...forB.map((r) => ({ ...r, id: randomUUID() })), ...forB], 19_3);
    await Promise.all(copies.map((r) => postWebhook(app, [r])));
    // C: a failure, then two older "in transit" reports: the failure stands, with its reason
    await postWebhook(app, [report(c!, 'Failed', 4, 'Handset switched off.')]);
    await allProcessed();
    await postWebhook(app, [report(c!, 'Sent', 1), report(c!, 'Accepted', 2)]);
    // D: Expired (a failure), then Delivered: the phone got it after all
    await postWebhook(app, [report(d!, 'Expired', 3, 'Validity period expired.')]);
    await allProcessed();
    await postWebhook(app, [report(d!, 'delivered', 6)]);
    // E: a status Confer does not know: kept, logged, not final
    await postWebhook(app, [report(e!, 'Mystery_Status', 2)]);
    await allProcessed();
    await postWebhook(app, [report(e!, 'Failed', 1, 'Older failure.')]);
    await allProcessed();

    const view = await app.http.get(`/api/v1/messages/${s.messageId}/sms`).set(bearer(s.member.token));
    const byContact = Object.fromEntries(
      (view.body.recipients as Array<{ contactId: string; status: string; reason: string | null }>).map((r) => [
        r.contactId,
        r,
      ]),
    );
    const [ca, cb, cc, cd, ce] = s.contacts.map((x) => byContact[x.id]!);
    expect(ca).toMatchObject({ status: 'delivered', reason: null });
    expect(cb).toMatchObject({ status: 'delivered', reason: null });
    expect(cc!.status).toBe('failed');
    expect(cc!.reason).toContain('Handset switched off.');
    expect(cd).toMatchObject({ status: 'delivered', reason: null });
    expect(ce!.status).toBe('failed');
    expect(ce!.reason).toContain('Older failure.');
    const outcomes = await queryRows<{ outcome: string }>(
      app.db,
      sql`select outcome from webhook_events where outcome = 'unknown_delivery_status'`,
    );
    expect(outcomes).toHaveLength(1);
    expect(logs).toContain('Mystery_Status');
    expect(logs).not.toContain('Please reply');
  });

  test('when the data of a delivery is nested 5,000 levels deep (30 kB), then 400 names it, and the webhook keeps working', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    expect(deep.length).toBeGreaterThan(30_000);
    const [event] = smsReceivedDelivery({ from: '+447400100002', to: sender, message: 'Deep' });
    const withDeep = (type: string) =>
      JSON.stringify([{ ...event, id: randomUUID(), eventType: type, data: '@' }]).replace('"@"', deep);
    const send = (raw: string) =>
      app.http
        .post('/api/v1/webhooks/acs')
        .set({ 'Content-Type': 'application/json', 'X-Confer-Webhook-Secret': app.webhookSecret })
        .send(raw);
    for (const type of ['Microsoft.Communication.SMSReceived', 'Microsoft.Communication.SMSDeliveryReportReceived']) {
      const res = await send(withDeep(type));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid_event');
      expect(res.body.detail).toContain('[0].data: is nested deeper than 16 levels');
    }
    // an array of 5,000 nested arrays in an event's field, and too many values
    const nestedArrays = JSON.stringify([{ ...event, id: randomUUID(), data: '@' }]).replace(
      '"@"',
      `{"messageId":"x","from":"447400100002","to":"447400000002","message":"m","receivedTimestamp":"${new Date().toISOString()}","extra":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    );
    expect((await send(nestedArrays)).status).toBe(400);
    const wide = await postWebhook(app, [
      { ...event, id: randomUUID(), data: { ...event!.data, extra: Array.from({ length: 3000 }, (_, i) => i) } },
    ]);
    expect(wide.status).toBe(400);
    expect(wide.body.detail).toContain('holds more than 2000 values');
    // a type Confer does not read is acknowledged unread, however deep
    const other = await send(withDeep('Microsoft.Communication.EmailDeliveryReportReceived'));
    expect(other.status).toBe(200);
    expect(other.body).toEqual({ accepted: 0, duplicates: 0, ignored: 1 });
    const fine = await postWebhook(app, smsReceivedDelivery({ from: '+447400100002', to: sender, message: 'Hi' }));
    expect(fine.body).toEqual({ accepted: 1, duplicates: 0, ignored: 0 });
  });

  test('when storing a delivery fails, then the webhook answers 500 (Event Grid retries), and the retry is accepted once', async () => {
    await app.db.execute(
      sql.raw(`create function refuse_webhook_events() returns trigger language plpgsql as $$
        begin raise exception 'storage is failing' using errcode = '22023'; end $$`),
    );
    await app.db.execute(
      sql.raw(
        'create trigger refuse_webhook_events before insert on webhook_events for each row execute function refuse_webhook_events()',
      ),
    );
    const delivery = smsReceivedDelivery({ from: '+447400100003', to: sender, message: 'Are you there?' });
    try {
      const failed = await postWebhook(app, delivery);
      expect(failed.status).toBe(500);
      expect(failed.body.code).toBe('internal_error');
    } finally {
      await app.db.execute(sql.raw('drop trigger refuse_webhook_events on webhook_events'));
      await app.db.execute(sql.raw('drop function refuse_webhook_events()'));
    }
    expect((await postWebhook(app, delivery)).body).toEqual({ accepted: 1, duplicates: 0, ignored: 0 });
    expect((await postWebhook(app, delivery)).body).toEqual({ accepted: 0, duplicates: 1, ignored: 0 });
  });
});
