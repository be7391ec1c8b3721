import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { bearer, createContact, createFirm, createMatter } from './support/fixtures.js';
import { signInContact, type PortalSession } from './support/portal-session.js';
import { openEventStream } from './support/read-event-stream.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let f: Awaited<ReturnType<typeof createFirm>>;

beforeAll(async () => {
  app = await startTestApp();
  f = await createFirm(app);
});
afterAll(() => app.stop());

const staffPost = (path: string, body?: object) =>
  app.http.post(`/api/v1${path}`).set(bearer(f.member.token)).send(body);

async function clientOnNewMatter(name = 'Client') {
  const matter = await createMatter(app.db, f.firm.id);
  const contact = await createContact(app.db, f.firm.id, matter, name, {
    email: `${name.toLowerCase()}.${randomBytes(4).toString('hex')}@mail.example`,
  });
  const conv = (
    await staffPost('/conversations', { kind: 'external_matter', matterId: matter, contactIds: [contact.id] })
  ).body;
  const session = await signInContact(app, contact.email!);
  return { matter, contact, conversationId: conv.id as string, session };
}

const noId = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });

describe('portal conversations', () => {
  test('when staff and client talk, then the client reads, replies and edits, never seeing read receipts', async () => {
    const { conversationId, session, contact, matter } = await clientOnNewMatter('Reader');
    await staffPost(`/conversations/${conversationId}/participants`, { staffIds: [f.admin.id] });
    const m = (await staffPost(`/conversations/${conversationId}/messages`, { body: 'Please review the lease' })).body;
    await app.http.post(`/api/v1/conversations/${conversationId}/read`).set(bearer(f.admin.token)).send({ seq: m.seq });
    const internal = (await staffPost('/conversations', { kind: 'internal_matter', matterId: matter })).body;
    await staffPost(`/conversations/${internal.id}/messages`, { body: 'internal only: fee discussion' });

    const list = await session.get('/conversations');
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    expect(list.body.items[0].unreadCount).toBe(1);
    const page = await session.get(`/conversations/${conversationId}/messages`);
    expect(page.body.items.map((x: { body: string }) => x.body)).toEqual(['Please review the lease']);
    const reply = await session.post(`/conversations/${conversationId}/messages`, { body: 'Reviewed, one question' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ via: 'portal', mine: true });
    const edited = await session.patch(`/messages/${reply.body.id}`, { body: 'Reviewed, two questions' });
    expect(edited.body.editedAt).not.toBeNull();
    expect((await session.patch(`/messages/${m.id}`, { body: 'rewritten' })).status).toBe(403);
    await session.post(`/conversations/${conversationId}/read`, { seq: reply.body.seq });

    for (const path of [
      '/conversations',
      `/conversations/${conversationId}`,
      `/conversations/${conversationId}/messages`,
      '/todo',
      '/documents',
    ]) {
      const text = JSON.stringify((await session.get(path)).body);
      expect(text).not.toMatch(/readBy|lastReadSeq|read_at|lastReadAt/);
      expect(text).not.toContain(internal.id);
      expect(text).not.toContain('fee discussion');
    }
    expect((await session.get(`/conversations/${internal.id}/messages`)).status).toBe(404);
    const staffView = await app.http
      .get(`/api/v1/conversations/${conversationId}/messages`)
      .set(bearer(f.member.token));
    const staffMessage = staffView.body.items.find((x: { id: string }) => x.id === m.id);
    expect(staffMessage.readBy.map((r: { name: string }) => r.name).sort()).toEqual(
      [f.admin.name, contact.name].sort(),
    );
  });

  test('when a client asks for another contact’s or another firm’s things, then the answers equal those for missing ids', async () => {
    const mine = await clientOnNewMatter('Mine');
    const theirs = await clientOnNewMatter('Theirs');
    const up = await app.http
      .post(`/api/v1/conversations/${theirs.conversationId}/uploads`)
      .set(bearer(f.member.token))
      .attach('files', Buffer.from('private'), 'private.txt');
    const other = await createFirm(app);
    const otherMatter = await createMatter(app.db, other.firm.id);
    const otherContact = await createContact(app.db, other.firm.id, otherMatter, 'Elsewhere');
    const otherConv = (
      await app.http
        .post('/api/v1/conversations')
        .set(bearer(other.member.token))
        .send({ kind: 'external_matter', matterId: otherMatter, contactIds: [otherContact.id] })
    ).body;
    for (const id of [theirs.conversationId, otherConv.id]) {
      for (const path of ['', '/messages', '/pinned', '/files']) {
        const hidden = await mine.session.get(`/conversations/${id}${path}`);
        const absent = await mine.session.get(`/conversations/${randomUUID()}${path}`);
        expect(hidden.status).toBe(404);
        expect(noId(hidden.body)).toEqual(noId(absent.body));
      }
      const post = await mine.session.post(`/conversations/${id}/messages`, { body: 'sneaky' });
      expect(post.status).toBe(404);
    }
    const file = await mine.session.get(`/files/${up.body.files[0].versionId}`);
    const missing = await mine.session.get(`/files/${randomUUID()}`);
    expect(file.status).toBe(404);
    expect(noId(file.body)).toEqual(noId(missing.body));
    const theirMessage = (await staffPost(`/conversations/${theirs.conversationId}/messages`, { body: 'for them' }))
      .body;
    expect((await mine.session.patch(`/messages/${theirMessage.id}`, { body: 'x' })).status).toBe(404);
  });

  test('when a client is streaming events, then only their conversations reach them', async () => {
    const a = await clientOnNewMatter('StreamA');
    const b = await clientOnNewMatter('StreamB');
    const stream = await openEventStream(`${app.baseUrl}/api/portal/v1/events`, {
      headers: { Cookie: a.session.cookie },
    });
    await staffPost(`/conversations/${b.conversationId}/messages`, { body: 'for B only' });
    await staffPost(`/conversations/${a.conversationId}/messages`, { body: 'for A' });
    const [event] = await stream.waitFor(1, { type: 'message.created', timeoutMs: 5000 });
    expect(event!.json<{ conversationId: string }>().conversationId).toBe(a.conversationId);
    expect(JSON.stringify(stream.events)).not.toContain('for B only');
    expect(JSON.stringify(stream.events)).not.toMatch(/readBy|lastReadSeq/);
    stream.close();
  });

  test('when a matter is closed, then the client reads but cannot post; after end of engagement they still read', async () => {
    const { matter, conversationId, session, contact } = await clientOnNewMatter('Closer');
    await staffPost(`/conversations/${conversationId}/messages`, { body: 'final letter' });
    await staffPost(`/matters/${matter}/close`);
    const conv = (await session.get(`/conversations/${conversationId}`)).body;
    expect(conv.archivedReason).toBe('matter_closed');
    const refused = await session.post(`/conversations/${conversationId}/messages`, { body: 'one more' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('conversation_archived');
    await staffPost(`/matters/${matter}/reopen`);
    await staffPost(`/matters/${matter}/contacts/${contact.id}/end-engagement`);
    expect((await session.get(`/conversations/${conversationId}/messages`)).body.items).toHaveLength(1);
    expect((await session.post(`/conversations/${conversationId}/messages`, { body: 'hello?' })).status).toBe(409);
  });
});

describe('portal files', () => {
  async function sha256(buf: Buffer) {
    return createHash('sha256').update(buf).digest('hex');
  }
  const binary = (res: { body: unknown }) => res.body as Buffer;
  const download = (session: PortalSession, versionId: string) =>
    session
      .get(`/files/${versionId}`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });

  test('when a client uploads files, then they join the matter documents as from the portal and staff can download them', async () => {
    const { matter, conversationId, session } = await clientOnNewMatter('Uploader');
    const bytes = randomBytes(50_000);
    const res = await app.http
      .post(`/api/portal/v1/conversations/${conversationId}/uploads`)
      .set({
        Cookie: session.cookie,
        Origin: new URL(app.config.publicBaseUrl).origin,
        'X-CSRF-Token': session.csrfToken,
      })
      .field('body', 'My passport scan')
      .attach('files', bytes, 'passport.bin');
    expect(res.status).toBe(201);
    expect(res.body.files[0].sha256).toBe(await sha256(bytes));
    const docs = (await app.http.get(`/api/v1/matters/${matter}/documents`).set(bearer(f.member.token))).body.items;
    expect(docs.map((d: { name: string; source: string }) => [d.name, d.source])).toEqual([['passport.bin', 'portal']]);
    const staffCopy = await app.http
      .get(`/api/v1/files/${res.body.files[0].versionId}`)
      .set(bearer(f.member.token))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(await sha256(staffCopy.body as Buffer)).toBe(await sha256(bytes));
  });

  test('when staff share a document live and later revoke it, then the client sees the latest version, it leaves To Do once opened, and then 404', async () => {
    const { matter, conversationId, session } = await clientOnNewMatter('Sharer');
    const doc = (
      await app.http
        .post(`/api/v1/matters/${matter}/documents`)
        .set(bearer(f.member.token))
        .attach('files', Buffer.from('v1'), 'terms.txt')
    ).body.items[0];
    const share = (await staffPost(`/conversations/${conversationId}/shares`, { documentId: doc.id })).body;
    await app.http
      .post(`/api/v1/documents/${doc.id}/versions`)
      .set(bearer(f.member.token))
      .attach('files', Buffer.from('v2 final'), 'terms-final.txt');
    const todo = (await session.get('/todo')).body;
    expect(todo.documentsToOpen.map((d: { name: string }) => d.name)).toEqual(['terms-final.txt']);
    const found = (await session.get('/documents?q=FINAL')).body.items;
    expect(found).toHaveLength(1);
    const got = await download(session, found[0].versionId);
    expect(binary(got).toString()).toBe('v2 final');
    expect(got.headers['content-disposition']).toMatch(/^attachment/);
    expect((await session.get('/todo')).body.documentsToOpen).toEqual([]);
    const comment = await session.post(`/conversations/${conversationId}/messages`, {
      body: 'Signed',
      aboutDocumentId: doc.id,
    });
    expect(comment.status).toBe(201);
    const details = (await app.http.get(`/api/v1/documents/${doc.id}`).set(bearer(f.member.token))).body;
    expect(details.comments.map((c: { body: string }) => c.body)).toEqual(['Signed']);
    await staffPost(`/shares/${share.id}/revoke`);
    expect((await download(session, found[0].versionId)).status).toBe(404);
    expect((await session.get(`/conversations/${conversationId}/files`)).body.items).toEqual([]);
  });
});
