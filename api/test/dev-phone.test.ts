import { devSenderNumber } from '../src/modules/sms/service.js';
import { bearer } from './support/fixtures.js';
import { externalConversation, send, waitFor } from './support/messaging.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

describe('embedded mode: outbox and phone simulator', () => {
  test('when a message is sent as SMS without ACS, then the outbox keeps the text, the phone page shows it, and a reply there reaches the conversation through the webhook', async () => {
    const s = await externalConversation(app);
    const mobile = s.contacts[0]!.mobile!;
    const res = await send(app, s.member.token, s.conversationId, 'Hello from the firm', true);
    const statusOf = async () =>
      (await app.http.get(`/api/v1/messages/${res.body.id}/sms`).set(bearer(s.member.token))).body.recipients[0]
        ?.status;
    await waitFor(async () => (await statusOf()) === 'sent', 'sent to the simulator');

    const outbox = (await app.http.get('/dev/outbox.json')).body.items as Array<Record<string, string>>;
    const text = outbox.find((m) => m.channel === 'sms' && m.to === mobile)!;
    expect(text).toMatchObject({ from: devSenderNumber, kind: 'sms_message', status: 'sent' });
    expect(text.text).toContain('Hello from the firm');
    expect(outbox.map((m) => m.createdAt)).toEqual([...outbox.map((m) => m.createdAt)].sort().reverse());
    expect(outbox.some((m) => m.channel === 'email' && m.kind === 'secure_link')).toBe(true);

    const page = await app.http.get(`/dev/phone?number=${encodeURIComponent(mobile)}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).not.toMatch(/<script/i);
    expect(page.text).toContain('Hello from the firm');
    expect(page.text).toContain('action="/dev/phone/reply"');
    expect(page.text).toContain('action="/dev/phone/report"');

    // the simulator plays the carrier: its delivery report goes through the webhook
    const report = await app.http
      .post('/dev/phone/report')
      .type('form')
      .send({ outboxId: text.id, status: 'Delivered', details: '' });
    expect(report.status).toBe(303);
    await waitFor(async () => (await statusOf()) === 'delivered', 'delivered');
    const bad = await app.http.post('/dev/phone/report').type('form').send({ outboxId: 'x', status: 'Lost' });
    expect(bad.status).toBe(400);

    const reply = await app.http
      .post('/dev/phone/reply')
      .type('form')
      .send({ from: mobile, to: devSenderNumber, message: 'Thanks, got it' });
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe(`/dev/phone?number=${encodeURIComponent(mobile)}`);
    const posted = await waitFor(async () => {
      const list = await app.http.get(`/api/v1/conversations/${s.conversationId}/messages`).set(bearer(s.member.token));
      return list.body.items.find((m: { body: string }) => m.body === 'Thanks, got it');
    }, 'the reply');
    expect(posted).toMatchObject({ via: 'sms', inReplyTo: { id: res.body.id } });
    expect((await app.http.get(`/dev/phone?number=${encodeURIComponent(mobile)}`)).text).toContain('Thanks, got it');
    expect((await app.http.get('/dev/outbox')).text).not.toContain('Hello from the firm');
  });
});
