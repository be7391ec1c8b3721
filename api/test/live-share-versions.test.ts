import { createHash, randomBytes } from 'node:crypto';
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

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const staffPost = (path: string, body?: object) =>
  app.http.post(`/api/v1${path}`).set(bearer(f.member.token)).send(body);
const staffGet = (path: string) => app.http.get(`/api/v1${path}`).set(bearer(f.member.token));
const download = (session: PortalSession, versionId: string) =>
  session
    .get(`/files/${versionId}`)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });

describe('live shares and new versions', () => {
  test('when staff share a document and upload a new version, then both are announced in the conversation and the client gets the latest version with its date', async () => {
    const matter = await createMatter(app.db, f.firm.id);
    const contact = await createContact(app.db, f.firm.id, matter, 'Reader', {
      email: `reader.${randomBytes(4).toString('hex')}@mail.example`,
    });
    const conv = (
      await staffPost('/conversations', { kind: 'external_matter', matterId: matter, contactIds: [contact.id] })
    ).body;
    const first = randomBytes(3000);
    const uploaded = await app.http
      .post(`/api/v1/matters/${matter}/documents`)
      .set(bearer(f.member.token))
      .attach('files', first, 'Lease.pdf');
    const documentId = uploaded.body.items[0].id as string;
    const session = await signInContact(app, contact.email!);
    const stream = await openEventStream(`${app.baseUrl}/api/portal/v1/events`, {
      headers: { Cookie: session.cookie },
    });

    expect((await staffPost(`/conversations/${conv.id}/shares`, { documentId })).status).toBe(201);
    // Sharing again while the share is live adds nothing.
    expect((await staffPost(`/conversations/${conv.id}/shares`, { documentId })).status).toBe(201);

    const second = randomBytes(4000);
    const version = await app.http
      .post(`/api/v1/documents/${documentId}/versions`)
      .set(bearer(f.member.token))
      .attach('files', second, 'Lease.pdf');
    expect(version.status).toBe(201);
    expect(version.body.latest.version).toBe(2);

    // Staff see two announcements from the member, naming the document and linking it.
    const staffMessages = (await staffGet(`/conversations/${conv.id}/messages`)).body.items;
    expect(staffMessages.map((m: { notice: unknown }) => m.notice)).toEqual([
      { kind: 'document_shared', documentId, version: null },
      { kind: 'document_updated', documentId, version: 2 },
    ]);
    expect(staffMessages[0].aboutDocument).toEqual({ id: documentId, name: 'Lease.pdf' });
    expect(staffMessages[0].author.name).toBe(f.member.name);
    expect(staffMessages[1].body).toBe('Uploaded version 2 of Lease.pdf.');
    // An announcement is not something the author said: it cannot be edited.
    const edit = await app.http
      .patch(`/api/v1/messages/${staffMessages[1].id}`)
      .set(bearer(f.member.token))
      .send({ body: 'changed' });
    expect(edit.status).toBe(409);

    // The client hears both live and sees the same announcements.
    await stream.waitFor(2, { type: 'message.created', timeoutMs: 5000 });
    const portalMessages = (await session.get(`/conversations/${conv.id}/messages`)).body.items;
    expect(portalMessages.map((m: { notice: { kind: string } | null }) => m.notice?.kind)).toEqual([
      'document_shared',
      'document_updated',
    ]);
    stream.close();

    // The share shows the latest version, its number and when it was updated; the old one is gone.
    const files = (await session.get(`/conversations/${conv.id}/files`)).body.items;
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ kind: 'share', documentId, version: 2, size: second.length });
    expect(Date.parse(files[0].updatedAt)).toBeGreaterThanOrEqual(Date.parse(files[0].receivedAt));
    expect(sha(await download(session, files[0].versionId).then((r) => r.body as Buffer))).toBe(sha(second));
    expect((await session.get(`/files/${uploaded.body.items[0].latest.id}`)).status).toBe(404);
  });

  test('when a new version is uploaded while a share is revoked or the conversation is archived, then nothing is announced there', async () => {
    const matter = await createMatter(app.db, f.firm.id);
    const contact = await createContact(app.db, f.firm.id, matter, 'Quiet');
    const conv = (
      await staffPost('/conversations', { kind: 'external_matter', matterId: matter, contactIds: [contact.id] })
    ).body;
    const uploaded = await app.http
      .post(`/api/v1/matters/${matter}/documents`)
      .set(bearer(f.member.token))
      .attach('files', randomBytes(100), 'Plan.pdf');
    const documentId = uploaded.body.items[0].id as string;
    const share = (await staffPost(`/conversations/${conv.id}/shares`, { documentId })).body;
    await staffPost(`/shares/${share.id}/revoke`);
    await app.http
      .post(`/api/v1/documents/${documentId}/versions`)
      .set(bearer(f.member.token))
      .attach('files', randomBytes(120), 'Plan.pdf');
    const messages = (await staffGet(`/conversations/${conv.id}/messages`)).body.items;
    expect(messages.map((m: { notice: { kind: string } }) => m.notice.kind)).toEqual(['document_shared']);
  });
});
