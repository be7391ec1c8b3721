import { bearer } from './support/fixtures.js';
import { externalConversation, replyTokenIn, send, textFromPhone, waitFor } from './support/messaging.js';
import { originOf } from './support/portal-session.js';
import { useSmsHarness } from './support/sms-harness.js';
import type { TestApp } from './support/start-test-app.js';

const sender = '+447400000002';
const sms = useSmsHarness(sender);
let app: TestApp;
beforeAll(() => ({ app } = sms));
const { textsTo } = sms;

describe('texting: what the quick-reply page and the unrouted inbox offer', () => {
  test('when a message carries only files, then the quick-reply page lists their names and sizes', async () => {
    const s = await externalConversation(app);
    const upload = await app.http
      .post(`/api/v1/conversations/${s.conversationId}/uploads`)
      .set(bearer(s.member.token))
      .attach('files', Buffer.from('%PDF-1.4 survey'), 'Survey report.pdf')
      .attach('files', Buffer.from('plan'), 'Plan.txt');
    expect(upload.status).toBe(201);
    await send(app, s.member.token, s.conversationId, 'The survey is attached above.', true);
    const token = replyTokenIn((await waitFor(() => textsTo(s.contacts[0]!.mobile!)[0], 'text')).message);

    const view = await app.http.post('/api/portal/v1/quick-reply/view').set('Origin', originOf(app)).send({ token });
    expect(view.status).toBe(200);
    const [filesOnly, text] = view.body.messages;
    expect(filesOnly.body).toBe('');
    expect(filesOnly.files).toEqual([
      { name: 'Survey report.pdf', size: 15 },
      { name: 'Plan.txt', size: 4 },
    ]);
    expect(text).toMatchObject({ body: 'The survey is attached above.', files: [] });
    // Names only: nothing that would open a file without signing in.
    expect(JSON.stringify(view.body)).not.toMatch(/versionId|documentId|sha256/);
  });

  test('when a text cannot be routed, then only conversations that still accept it are suggested for Assign', async () => {
    const open = await externalConversation(app);
    const mobile = open.contacts[0]!.mobile!;
    const closing = await externalConversation(app, { firm: open, contacts: [{ mobile }] });
    await send(app, open.member.token, open.conversationId, 'From the open matter', true);
    await send(app, open.member.token, closing.conversationId, 'From the matter about to close', true);
    await waitFor(() => textsTo(mobile).length === 2, 'two texts');
    await app.http.post(`/api/v1/matters/${closing.matterId}/close`).set(bearer(open.member.token));

    await textFromPhone(app, mobile, sender, 'Which matter is this?');
    const item = await waitFor(async () => {
      const r = await app.http.get('/api/v1/sms/unrouted').set(bearer(open.admin.token));
      return r.body.items.find((i: { body: string }) => i.body === 'Which matter is this?');
    }, 'the unrouted text');
    expect(item.reason).toBe('ambiguous');
    expect(item.suggestedConversations.map((c: { id: string }) => c.id)).toEqual([open.conversationId]);
  });
});
