import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/query-rows.js';
import { smsReceivedDelivery } from '../src/dev/phone-routes.js';
import { startAcsEmulator, type AcsEmulator } from './support/acs-emulator.js';
import { bearer } from './support/fixtures.js';
import { externalConversation, postWebhook, send, textFromPhone, waitFor } from './support/messaging.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

const sender = '+447400000002';
let app: TestApp;
let acs: AcsEmulator;

beforeAll(async () => {
  acs = await startAcsEmulator();
  app = await startTestApp({
    ACS_CONNECTION_STRING: acs.connectionString,
    ACS_EMAIL_SENDER: 'donotreply@confer.example',
    ACS_SMS_SENDER: sender,
    ACS_WEBHOOK_SECRET: randomBytes(32).toString('base64url'),
  });
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
});
