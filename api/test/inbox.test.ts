import { randomUUID } from 'node:crypto';
import { bearer, createContact, createFirm, createMatter } from './support/fixtures.js';
import { externalConversation, send } from './support/messaging.js';
import { signedInClient } from './support/portal-client.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

type TRow = {
  conversationId: string;
  kind: string;
  title: string;
  matter: { number: string; title: string } | null;
  lastMessage: { authorName: string; authorKind: string; text: string } | null;
  unreadCount: number;
  clientReplied: boolean;
  smsFailed: boolean;
  archived: boolean;
};

const inbox = (token: string, query: Record<string, string | number> = {}) =>
  app.http.get('/api/v1/inbox').query(query).set(bearer(token));
const ids = (res: { body: { items: TRow[] } }) => res.body.items.map((r) => r.conversationId);
const create = async (token: string, body: object) => {
  const res = await app.http.post('/api/v1/conversations').set(bearer(token)).send(body);
  if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
};

describe('inbox', () => {
  test('when colleagues and a client write, then rows come newest first with last line, unread counts and markers', async () => {
    const f = await createFirm(app);
    const colleague = await f.addStaff('Cora Colleague', 'staff');
    const matterId = await createMatter(app.db, f.firm.id, { number: 'M-7001', title: 'Harbour lease' });
    const client = await signedInClient(app, f.member.token, f.firm.id, { matterId, name: 'Petra Client' });
    const channel = await create(f.member.token, { kind: 'channel', name: `Property ${randomUUID().slice(0, 6)}` });
    await app.http.post(`/api/v1/conversations/${channel}/join`).set(bearer(colleague.token));
    const dm = await create(f.member.token, { kind: 'direct', staffIds: [colleague.id] });
    const internal = await create(f.member.token, { kind: 'internal_matter', matterId, staffIds: [colleague.id] });

    await send(app, colleague.token, channel, 'Morning all');
    await send(
      app,
      f.member.token,
      internal,
      '\n  Draft [on the portal](https://example.com/draft)   attached\nsecond line is not shown',
    );
    await send(app, colleague.token, dm, 'Can you look at [the lease](https://example.com/lease) today?');
    await send(app, colleague.token, dm, 'Thanks!');
    expect(
      (
        await client.session.post(`/conversations/${client.conversationId}/messages`, {
          body: '  Signed it  \n\nBest, Petra',
        })
      ).status,
    ).toBe(201);

    const res = await inbox(f.member.token);
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual([client.conversationId, dm, internal, channel]);
    const [external, direct, inner, ch] = res.body.items as TRow[];
    expect(external).toMatchObject({
      kind: 'external_matter',
      title: 'M-7001 · Petra Client',
      matter: { number: 'M-7001', title: 'Harbour lease' },
      lastMessage: { authorName: 'Petra Client', authorKind: 'client', text: 'Signed it' },
      unreadCount: 1,
      clientReplied: true,
      smsFailed: false,
      archived: false,
    });
    expect(direct).toMatchObject({
      kind: 'direct',
      title: 'Cora Colleague',
      lastMessage: { authorKind: 'staff', text: 'Thanks!' },
      unreadCount: 2,
      clientReplied: false,
    });
    expect(inner).toMatchObject({
      title: 'M-7001 · Internal',
      lastMessage: { authorKind: 'me', text: 'Draft on the portal: https://example.com/draft attached' },
      unreadCount: 0,
    });
    expect(ch).toMatchObject({ kind: 'channel', lastMessage: { text: 'Morning all' }, unreadCount: 1 });
    expect(res.body.unreadTotal).toBe(4);

    // The colleague sees the DM from the other side, named after the caller.
    const theirs = (await inbox(colleague.token)).body.items as TRow[];
    const fromMe = theirs.find((r) => r.conversationId === dm)!;
    expect(fromMe).toMatchObject({ title: f.member.name, unreadCount: 0, lastMessage: { authorKind: 'me' } });

    // A new message moves its row to the top; reading clears the count and the total.
    await send(app, colleague.token, channel, 'Lunch?');
    const moved = await inbox(f.member.token);
    expect(ids(moved)[0]).toBe(channel);
    expect((moved.body.items as TRow[])[0]!.unreadCount).toBe(2);
    const seq = (await app.http.get(`/api/v1/conversations/${dm}/messages`).set(bearer(f.member.token))).body.items.at(
      -1,
    ).seq;
    expect(
      (await app.http.post(`/api/v1/conversations/${dm}/read`).set(bearer(f.member.token)).send({ seq })).status,
    ).toBe(200);
    const read = await inbox(f.member.token);
    expect((read.body.items as TRow[]).find((r) => r.conversationId === dm)!.unreadCount).toBe(0);
    expect(read.body.unreadTotal).toBe(3);
  });

  test('when a filter is chosen, then only matching conversations are listed', async () => {
    const f = await createFirm(app);
    const colleague = await f.addStaff('Fay Filter', 'staff');
    const matterId = await createMatter(app.db, f.firm.id);
    const contact = await createContact(app.db, f.firm.id, matterId);
    const external = await create(f.member.token, { kind: 'external_matter', matterId, contactIds: [contact.id] });
    const internal = await create(f.member.token, { kind: 'internal_matter', matterId });
    const channel = await create(f.member.token, { kind: 'channel', name: `Filters ${randomUUID().slice(0, 6)}` });
    const dm = await create(colleague.token, { kind: 'direct', staffIds: [f.member.id] });
    await send(app, colleague.token, dm, 'unread for you');

    const by = async (filter: string) => ids(await inbox(f.member.token, { filter }));
    expect(await by('clients')).toEqual([external]);
    expect(await by('internal')).toEqual([internal]);
    expect(await by('channels')).toEqual([channel]);
    expect(await by('dms')).toEqual([dm]);
    expect(await by('unread')).toEqual([dm]);
    expect((await by('all')).sort()).toEqual([external, internal, channel, dm].sort());

    const bad = await inbox(f.member.token, { filter: 'everything' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(JSON.stringify(bad.body)).toMatch(/filter/);
  });

  test('when there are more rows than a page, then pages follow each other without gaps or repeats', async () => {
    const f = await createFirm(app);
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const id = await create(f.member.token, { kind: 'channel', name: `Page ${i} ${randomUUID().slice(0, 6)}` });
      await send(app, f.member.token, id, `message ${i}`);
      made.push(id);
    }
    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    do {
      const res = await inbox(f.member.token, { limit: 3, ...(before ? { before } : {}) });
      expect(res.status).toBe(200);
      seen.push(...ids(res));
      expect(res.body.unreadTotal === null).toBe(pages > 0);
      before = res.body.nextCursor ?? undefined;
      pages++;
    } while (before);
    expect(pages).toBe(3);
    expect(seen).toEqual([...made].reverse());

    const broken = await inbox(f.member.token, { before: 'not-a-cursor' });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('validation_failed');
  });

  test('when conversations belong to another firm or the caller does not take part, then they are absent', async () => {
    const f = await createFirm(app);
    const other = await createFirm(app);
    const colleague = await f.addStaff('Nina Nonmember', 'staff');
    const mine = await create(f.member.token, { kind: 'channel', name: `Mine ${randomUUID().slice(0, 6)}` });
    const notJoined = await create(colleague.token, { kind: 'channel', name: `Theirs ${randomUUID().slice(0, 6)}` });
    const theirDm = await create(colleague.token, { kind: 'direct', staffIds: [f.admin.id] });
    const elsewhere = await create(other.member.token, { kind: 'channel', name: 'Elsewhere' });
    for (const id of [notJoined, theirDm]) await send(app, colleague.token, id, 'not for you');
    await send(app, other.member.token, elsewhere, 'other firm');

    const res = await inbox(f.member.token);
    expect(ids(res)).toEqual([mine]);
    expect(res.body.unreadTotal).toBe(0);

    // Leaving a conversation takes it out of the inbox.
    await app.http.post(`/api/v1/conversations/${mine}/leave`).set(bearer(f.member.token));
    expect(ids(await inbox(f.member.token))).toEqual([]);

    // A restricted matter the caller is no longer allowed to see is absent even for a participant.
    const matterId = await createMatter(app.db, f.firm.id);
    const internal = await create(f.member.token, { kind: 'internal_matter', matterId });
    expect(ids(await inbox(f.member.token))).toEqual([internal]);
    const { replaceMatterAccess, updateMatter } = await import('../src/modules/matters/repository.js');
    await updateMatter(app.db, f.firm.id, matterId, { restricted: true });
    await replaceMatterAccess(app.db, f.firm.id, matterId, [f.admin.id]);
    expect(ids(await inbox(f.member.token))).toEqual([]);
  });

  test('when the newest text could not be sent, then the row is marked SMS failed; closing the matter marks it archived', async () => {
    const s = await externalConversation(app, { contacts: [{ name: 'Nora Nomobile', mobile: null }] });
    expect((await send(app, s.member.token, s.conversationId, 'Please call us.', true)).status).toBe(201);
    const row = ((await inbox(s.member.token)).body.items as TRow[]).find(
      (r) => r.conversationId === s.conversationId,
    )!;
    expect(row).toMatchObject({ smsFailed: true, archived: false, clientReplied: false });

    await send(app, s.member.token, s.conversationId, 'In the app only');
    const close = await app.http.post(`/api/v1/matters/${s.matterId}/close`).set(bearer(s.member.token)).send({});
    expect(close.status).toBeLessThan(300);
    const after = ((await inbox(s.member.token)).body.items as TRow[]).find(
      (r) => r.conversationId === s.conversationId,
    )!;
    expect(after).toMatchObject({ archived: true, smsFailed: true });
  });
});
