import { randomBytes } from 'node:crypto';
import { bearer, createContact, createFirm, createMatter } from './support/fixtures.js';
import { signInContact } from './support/portal-session.js';
import { openEventStream } from './support/read-event-stream.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let f: Awaited<ReturnType<typeof createFirm>>;

beforeAll(async () => {
  app = await startTestApp();
  f = await createFirm(app);
});
afterAll(() => app.stop());

const staff = (method: 'get' | 'post', path: string, body?: object) =>
  app.http[method](`/api/v1${path}`).set(bearer(f.member.token)).send(body);

const email = (name: string) => `${name.toLowerCase()}.${randomBytes(4).toString('hex')}@mail.example`;

describe('ending one client’s engagement in a conversation shared with other clients', () => {
  test('when one of two clients’ engagement ends, then the others carry on and the ended client reads only what came before, read-only', async () => {
    const matter = await createMatter(app.db, f.firm.id);
    const jordan = await createContact(app.db, f.firm.id, matter, 'Jordan', { email: email('jordan') });
    const sam = await createContact(app.db, f.firm.id, matter, 'Sam', { email: email('sam') });
    const shared = (
      await staff('post', '/conversations', {
        kind: 'external_matter',
        matterId: matter,
        contactIds: [jordan.id, sam.id],
      })
    ).body;
    const jordanOnly = (
      await staff('post', '/conversations', { kind: 'external_matter', matterId: matter, contactIds: [jordan.id] })
    ).body;
    await staff('post', `/conversations/${shared.id}/messages`, { body: 'Before: the draft contract' });
    const before = await app.http
      .post(`/api/v1/conversations/${shared.id}/uploads`)
      .set(bearer(f.member.token))
      .attach('files', Buffer.from('draft contract'), 'draft.txt');
    expect(before.status).toBe(201);
    const jordanSession = await signInContact(app, jordan.email!);
    const samSession = await signInContact(app, sam.email!);
    const stream = await openEventStream(`${app.baseUrl}/api/portal/v1/events`, {
      headers: { Cookie: jordanSession.cookie },
    });

    expect((await staff('post', `/matters/${matter}/contacts/${jordan.id}/end-engagement`)).status).toBe(204);

    // Jordan hears about it live, and sees the shared conversation read-only, since now.
    await stream.waitFor(1, { type: 'conversation.updated', timeoutMs: 5000 });
    const seenByJordan = (await jordanSession.get(`/conversations/${shared.id}`)).body;
    expect(seenByJordan.archivedReason).toBe('engagement_ended');
    expect(seenByJordan.archivedAt).not.toBeNull();
    const refused = await jordanSession.post(`/conversations/${shared.id}/messages`, { body: 'still there?' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('conversation_archived');
    expect((await jordanSession.post(`/conversations/${shared.id}/read`, { seq: 1 })).status).toBe(200);

    // For staff and Sam the conversation stays open; Jordan is no longer in it.
    const staffView = (await staff('get', `/conversations/${shared.id}`)).body;
    expect(staffView.archivedAt).toBeNull();
    expect(staffView.joined).toBe(true);
    const current = staffView.participants.filter((p: { leftAt: string | null }) => !p.leftAt);
    expect(current.map((p: { name: string }) => p.name)).not.toContain('Jordan');
    expect(current.map((p: { name: string }) => p.name)).toContain('Sam');
    expect((await samSession.get(`/conversations/${shared.id}`)).body.archivedAt).toBeNull();
    expect((await samSession.post(`/conversations/${shared.id}/messages`, { body: 'Sam here' })).status).toBe(201);
    const after = await staff('post', `/conversations/${shared.id}/messages`, { body: 'After: for Sam only' });
    expect(after.status).toBe(201);
    const later = await app.http
      .post(`/api/v1/conversations/${shared.id}/uploads`)
      .set(bearer(f.member.token))
      .attach('files', Buffer.from('later file'), 'later.txt');
    expect(later.status).toBe(201);

    // Jordan keeps what came before, and nothing after.
    const jordanMessages = (await jordanSession.get(`/conversations/${shared.id}/messages`)).body.items;
    expect(jordanMessages.map((m: { body: string }) => m.body)).toEqual(['Before: the draft contract', '']);
    const jordanFiles = (await jordanSession.get(`/conversations/${shared.id}/files`)).body.items;
    expect(jordanFiles.map((x: { name: string }) => x.name)).toEqual(['draft.txt']);
    const laterVersion = later.body.files[0].versionId as string;
    expect((await jordanSession.get(`/files/${laterVersion}`)).status).toBe(404);
    expect((await jordanSession.get(`/files/${before.body.files[0].versionId}`)).status).toBe(200);
    expect(JSON.stringify(stream.events)).not.toContain('for Sam only');
    stream.close();

    // Sam sees everything.
    const samMessages = (await samSession.get(`/conversations/${shared.id}/messages`)).body.items;
    expect(samMessages.map((m: { body: string }) => m.body)).toContain('After: for Sam only');

    // Jordan's own conversation, with nobody else, is archived for everyone as before.
    expect((await staff('get', `/conversations/${jordanOnly.id}`)).body.archivedReason).toBe('engagement_ended');
  });

  test('when the last engaged client’s engagement ends, then the conversation is archived for everyone', async () => {
    const matter = await createMatter(app.db, f.firm.id);
    const a = await createContact(app.db, f.firm.id, matter, 'First', { email: email('first') });
    const b = await createContact(app.db, f.firm.id, matter, 'Second', { email: email('second') });
    const conv = (
      await staff('post', '/conversations', { kind: 'external_matter', matterId: matter, contactIds: [a.id, b.id] })
    ).body;
    await staff('post', `/matters/${matter}/contacts/${a.id}/end-engagement`);
    expect((await staff('get', `/conversations/${conv.id}`)).body.archivedAt).toBeNull();
    await staff('post', `/matters/${matter}/contacts/${b.id}/end-engagement`);
    const view = (await staff('get', `/conversations/${conv.id}`)).body;
    expect(view.archivedReason).toBe('engagement_ended');
    expect(view.joined).toBe(false);
    const bSession = await signInContact(app, b.email!);
    expect((await bSession.get(`/conversations/${conv.id}`)).body.archivedReason).toBe('engagement_ended');
  });
});
