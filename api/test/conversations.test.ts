import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/query-rows.js';
import { buildSearch } from '../src/modules/search/build-search-query.js';
import { searchMessages } from '../src/modules/search/repository.js';
import { bearer, createContact, createFirm, createMatter } from './support/fixtures.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let f: Awaited<ReturnType<typeof createFirm>>;

beforeAll(async () => {
  app = await startTestApp();
  f = await createFirm(app);
});
afterAll(() => app.stop());

const post = (token: string, path: string, body?: object) =>
  app.http.post(`/api/v1${path}`).set(bearer(token)).send(body);
const get = (token: string, path: string) => app.http.get(`/api/v1${path}`).set(bearer(token));
const noId = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });

async function send(token: string, conversationId: string, body: string, key?: string) {
  const req = app.http.post(`/api/v1/conversations/${conversationId}/messages`).set(bearer(token));
  if (key) req.set('Idempotency-Key', key);
  return req.send({ body });
}

describe('channels', () => {
  test('when staff create, browse, join, rename and leave a channel, then each step is reflected', async () => {
    const created = await post(f.member.token, '/conversations', { kind: 'channel', name: 'Property team' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'channel',
      name: 'Property team',
      title: 'Property team',
      joined: true,
    });
    const dup = await post(f.admin.token, '/conversations', { kind: 'channel', name: 'property TEAM' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('channel_name_taken');

    const browse = await app.http.get('/api/v1/channels').query({ q: 'prop' }).set(bearer(f.admin.token));
    const listed = browse.body.items.find((c: { id: string }) => c.id === created.body.id);
    expect(listed).toMatchObject({ joined: false });

    const notYet = await send(f.admin.token, created.body.id, 'hello?');
    expect(notYet.status).toBe(403);
    expect(notYet.body.code).toBe('not_a_participant');
    const joined = await post(f.admin.token, `/conversations/${created.body.id}/join`);
    expect(joined.body.joined).toBe(true);
    expect((await send(f.admin.token, created.body.id, 'hello')).status).toBe(201);

    const renamed = await app.http
      .patch(`/api/v1/conversations/${created.body.id}`)
      .set(bearer(f.admin.token))
      .send({ name: 'Property & planning' });
    expect(renamed.body.title).toBe('Property & planning');

    const left = await post(f.admin.token, `/conversations/${created.body.id}/leave`);
    expect(left.body.joined).toBe(false);
    const mine = await app.http.get('/api/v1/conversations').query({ kind: 'channel' }).set(bearer(f.admin.token));
    expect(mine.body.items.map((c: { id: string }) => c.id)).not.toContain(created.body.id);
  });

  test('when participants add and remove people, then the participant list follows and removal keeps history', async () => {
    const extra = await f.addStaff('Ed Extra', 'staff');
    const ch = (await post(f.member.token, '/conversations', { kind: 'channel', name: `adds-${randomUUID()}` })).body;
    const added = await post(f.member.token, `/conversations/${ch.id}/participants`, { staffIds: [extra.id] });
    const p = added.body.participants.find((x: { staffId: string }) => x.staffId === extra.id);
    expect(p.leftAt).toBeNull();
    const removed = await app.http
      .delete(`/api/v1/conversations/${ch.id}/participants/${p.id}`)
      .set(bearer(f.member.token));
    expect(removed.body.participants.find((x: { id: string }) => x.id === p.id).leftAt).not.toBeNull();
    const contact = await createContact(app.db, f.firm.id);
    const refused = await post(f.member.token, `/conversations/${ch.id}/participants`, { contactIds: [contact.id] });
    expect(refused.status).toBe(400);
  });

  test('when messages arrive, then the channel list is ordered by latest activity', async () => {
    const firm = await createFirm(app);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push((await post(firm.member.token, '/conversations', { kind: 'channel', name: `c${i}` })).body.id);
    }
    await send(firm.member.token, ids[3]!, 'bump');
    const top = await app.http.get('/api/v1/channels').query({ limit: 10 }).set(bearer(firm.admin.token));
    expect(top.body.items).toHaveLength(10);
    expect(top.body.items[0].id).toBe(ids[3]);
    expect(top.body.items[1].id).toBe(ids[11]);
  });
});

describe('direct messages', () => {
  test('when a channel gets several messages within 2 s, then staff hear of its activity once, and again after 2 s', async () => {
    const ch = (await post(f.member.token, '/conversations', { kind: 'channel', name: `busy-${randomUUID()}` })).body
      .id;
    const activity = async () =>
      (
        await queryRows<{ payload: { lastMessageAt: string } }>(
          app.db,
          sql`select payload from events where firm_id = ${f.firm.id} and conversation_id = ${ch}
              and type = 'channel.activity' order by xid, id`,
        )
      ).map((r) => r.payload.lastMessageAt);
    const first = (await send(f.member.token, ch, 'one')).body;
    const quick = [];
    for (const body of ['two', 'three', 'four']) quick.push((await send(f.member.token, ch, body)).body);
    const announced = await activity();
    expect(announced[0]).toBe(first.createdAt);
    // whatever this machine's speed: announcements are 2 s apart at least, each at a message's time
    for (let i = 1; i < announced.length; i++) {
      expect(Date.parse(announced[i]!) - Date.parse(announced[i - 1]!)).toBeGreaterThanOrEqual(2000);
    }
    expect(quick.map((m) => m.createdAt)).toEqual(expect.arrayContaining(announced.slice(1)));
    if (Date.parse(quick[2].createdAt) - Date.parse(first.createdAt) < 2000) expect(announced).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const later = (await send(f.member.token, ch, 'five')).body;
    expect((await activity()).at(-1)).toBe(later.createdAt);
  });

  test('when two staff talk directly, then an admin cannot list, read, post or search it', async () => {
    const dm = await post(f.member.token, '/conversations', { kind: 'direct', staffIds: [] });
    expect(dm.body.title).toBe('Notes to self');
    const pair = await post(f.member.token, '/conversations', { kind: 'direct', staffIds: [f.admin.id] });
    const other = await f.addStaff('Pat Private', 'staff');
    const secret = await post(f.member.token, '/conversations', { kind: 'direct', staffIds: [other.id] });
    expect(secret.body.title).toBe('Pat Private');
    const again = await post(other.token, '/conversations', { kind: 'direct', staffIds: [f.member.id] });
    expect(again.body.id).toBe(secret.body.id);
    await send(f.member.token, secret.body.id, 'quarterly bonus plans zebracorn');

    const missing = randomUUID();
    for (const path of ['', '/messages', '/pinned']) {
      const hidden = await get(f.admin.token, `/conversations/${secret.body.id}${path}`);
      const absent = await get(f.admin.token, `/conversations/${missing}${path}`);
      expect(hidden.status).toBe(404);
      expect(noId(hidden.body)).toEqual(noId(absent.body));
    }
    expect((await send(f.admin.token, secret.body.id, 'let me in')).status).toBe(404);
    expect((await post(f.admin.token, `/conversations/${secret.body.id}/join`)).status).toBe(404);
    const list = await get(f.admin.token, '/conversations?kind=direct');
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([pair.body.id]);
    const search = await app.http.get('/api/v1/search').query({ q: 'zebracorn' }).set(bearer(f.admin.token));
    expect(search.body.items).toEqual([]);
    const own = await app.http.get('/api/v1/search').query({ q: 'zebraco' }).set(bearer(other.token));
    expect(own.body.items).toHaveLength(1);
  });
});

describe('messages', () => {
  let channelId: string;
  beforeAll(async () => {
    channelId = (await post(f.member.token, '/conversations', { kind: 'channel', name: 'messages-suite' })).body.id;
    await post(f.admin.token, `/conversations/${channelId}/join`);
  });

  test('when mixed-script text is sent, then it comes back byte-for-byte', async () => {
    const text =
      '  مرحبا بالعالم — שלום עולם\r\n👩🏽‍⚖️ e\u0301 vs é, 漢字かな交じり文, Ελληνικά, Привет\u200d\u202e!\t \n ';
    const sent = await send(f.member.token, channelId, text);
    expect(sent.status).toBe(201);
    expect(sent.body.body).toBe(text);
    const page = await get(f.member.token, `/conversations/${channelId}/messages`);
    const back = page.body.items.find((m: { id: string }) => m.id === sent.body.id);
    expect(Buffer.from(back.body, 'utf8').equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  test('when a body is 2,000 emoji it is accepted; 2,001 characters or blank are refused naming body', async () => {
    expect((await send(f.member.token, channelId, '😀'.repeat(2000))).status).toBe(201);
    const long = await send(f.member.token, channelId, 'x'.repeat(2001));
    expect(long.status).toBe(400);
    expect(long.body.errors[0].field).toBe('body');
    expect((await send(f.member.token, channelId, ' \n\t ')).status).toBe(400);
  });

  test('when a send is retried with the same Idempotency-Key, then one message exists', async () => {
    const key = randomUUID();
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () => send(f.member.token, channelId, 'once only', key)),
    );
    const ids = new Set(attempts.map((r) => r.body.id));
    expect(attempts.every((r) => r.status === 201)).toBe(true);
    expect(ids.size).toBe(1);
    const [count] = await queryRows<{ n: number }>(
      app.db,
      sql`select count(*)::int as n from messages where firm_id = ${f.firm.id} and idempotency_key = ${key}`,
    );
    const n = count?.n;
    expect(n).toBe(1);
    const elsewhere = (await post(f.member.token, '/conversations', { kind: 'direct', staffIds: [] })).body.id;
    const reused = await send(f.member.token, elsewhere, 'other', key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
  });

  test('when the author edits a message, then every revision is kept; others cannot edit', async () => {
    const m = (await send(f.member.token, channelId, 'first draft')).body;
    const e1 = await app.http.patch(`/api/v1/messages/${m.id}`).set(bearer(f.member.token)).send({ body: 'second' });
    expect(e1.body.editedAt).not.toBeNull();
    await app.http.patch(`/api/v1/messages/${m.id}`).set(bearer(f.member.token)).send({ body: 'third' });
    const history = await get(f.admin.token, `/messages/${m.id}/revisions`);
    expect(history.body.current.body).toBe('third');
    expect(history.body.items.map((r: { body: string }) => r.body)).toEqual(['first draft', 'second']);
    const notMine = await app.http
      .patch(`/api/v1/messages/${m.id}`)
      .set(bearer(f.admin.token))
      .send({ body: 'hijack' });
    expect(notMine.status).toBe(403);
    expect(notMine.body.code).toBe('not_author');
    expect((await app.http.delete(`/api/v1/messages/${m.id}`).set(bearer(f.member.token))).status).toBe(404);
  });

  test('when messages are pinned and unpinned, then the pinned list follows', async () => {
    const m = (await send(f.member.token, channelId, 'completion date is 14 March')).body;
    const pinned = await post(f.admin.token, `/messages/${m.id}/pin`);
    expect(pinned.body.pinnedBy).toMatchObject({ id: f.admin.id });
    expect(
      (await get(f.member.token, `/conversations/${channelId}/pinned`)).body.items.map((x: { id: string }) => x.id),
    ).toContain(m.id);
    await post(f.member.token, `/messages/${m.id}/unpin`);
    expect(
      (await get(f.member.token, `/conversations/${channelId}/pinned`)).body.items.map((x: { id: string }) => x.id),
    ).not.toContain(m.id);
  });

  test('when older pages are requested, then every message appears once, oldest first per page', async () => {
    const ch = (await post(f.member.token, '/conversations', { kind: 'channel', name: `paging-${randomUUID()}` })).body
      .id;
    for (let i = 0; i < 7; i++) await send(f.member.token, ch, `m${i}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      const query: Record<string, string | number> = { limit: 3, ...(cursor ? { before: cursor } : {}) };
      const page = await app.http.get(`/api/v1/conversations/${ch}/messages`).query(query).set(bearer(f.member.token));
      seen.unshift(...page.body.items.map((m: { body: string }) => m.body));
      cursor = page.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    const around = await app.http
      .get(`/api/v1/conversations/${ch}/messages`)
      .query({ limit: 3, around: 0 })
      .set(bearer(f.member.token));
    expect(around.body.items.map((m: { body: string }) => m.body)).toEqual(['m0', 'm1', 'm2']);
  });
});

describe('read state', () => {
  test('when a participant reads, then staff see their initials as a receipt and unread counts drop', async () => {
    const ch = (await post(f.member.token, '/conversations', { kind: 'channel', name: `reads-${randomUUID()}` })).body
      .id;
    await post(f.admin.token, `/conversations/${ch}/join`);
    const m1 = (await send(f.member.token, ch, 'one')).body;
    const m2 = (await send(f.member.token, ch, 'two')).body;
    const before = await get(f.admin.token, '/unread');
    expect(before.body.conversations.find((c: { conversationId: string }) => c.conversationId === ch).unread).toBe(2);
    const conv = await get(f.admin.token, `/conversations/${ch}`);
    expect(conv.body.unreadCount).toBe(2);
    const read = await post(f.admin.token, `/conversations/${ch}/read`, { seq: m1.seq });
    expect(read.body.unreadCount).toBe(1);
    const page = await get(f.member.token, `/conversations/${ch}/messages`);
    const r1 = page.body.items.find((m: { id: string }) => m.id === m1.id);
    const r2 = page.body.items.find((m: { id: string }) => m.id === m2.id);
    expect(r1.readBy.map((r: { initials: string }) => r.initials)).toEqual([f.admin.initials]);
    expect(r2.readBy).toEqual([]);
    // moving the mark backwards changes nothing
    await post(f.admin.token, `/conversations/${ch}/read`, { seq: 0 });
    expect((await post(f.admin.token, `/conversations/${ch}/read`, { seq: m2.seq })).body.unreadCount).toBe(0);
  });

  test('when a conversation has more than 20 participants, then messages carry a count and the readers are listed on demand', async () => {
    const crowd = [];
    for (let n = 0; n < 22; n++) crowd.push(await f.addStaff(`Crowd Member ${n}`, 'staff'));
    const ch = (
      await post(f.member.token, '/conversations', {
        kind: 'channel',
        name: `crowd-${randomUUID()}`,
        staffIds: [f.admin.id, ...crowd.map((c) => c.id)],
      })
    ).body.id;
    const m1 = (await send(f.member.token, ch, 'one for everyone')).body;
    expect(m1).toMatchObject({ readBy: null, readCount: 0 });
    const m2 = (await send(crowd[0]!.token, ch, 'another')).body;
    const readers = crowd.slice(0, 5);
    for (const r of readers) await post(r.token, `/conversations/${ch}/read`, { seq: m1.seq });
    await post(f.admin.token, `/conversations/${ch}/read`, { seq: m2.seq });

    const page = await get(f.member.token, `/conversations/${ch}/messages`);
    const [p1, p2] = page.body.items;
    expect(p1).toMatchObject({ id: m1.id, readBy: null, readCount: 6 }); // five of the crowd and the admin
    expect(p2).toMatchObject({ id: m2.id, readBy: null, readCount: 1 }); // the admin; not its author
    const listed = await get(f.member.token, `/messages/${m1.id}/readers`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((r: { name: string }) => r.name).sort()).toEqual(
      [...readers.map((r) => r.name), f.admin.name].sort(),
    );
    expect(listed.body.items[0]).toEqual({
      participantId: expect.any(String),
      name: expect.any(String),
      initials: expect.any(String),
    });
    // another firm's staff, or a message nobody here may see: the same 404 as a missing id
    const other = await createFirm(app);
    expect((await get(other.admin.token, `/messages/${m1.id}/readers`)).status).toBe(404);
    expect((await get(f.member.token, `/messages/${randomUUID()}/readers`)).status).toBe(404);
  });

  test('when a message is sent, then the answer and the live event carry it exactly as the conversation lists it', async () => {
    const matter = await createMatter(app.db, f.firm.id);
    const contact = await createContact(app.db, f.firm.id, matter, 'Élodie Ørsted');
    const conv = (
      await post(f.member.token, '/conversations', {
        kind: 'external_matter',
        matterId: matter,
        contactIds: [contact.id],
      })
    ).body.id;
    const sent = await send(f.member.token, conv, 'Draft attached — see [the lease](https://example.com/lease)');
    expect(sent.status).toBe(201);
    const listed = (await get(f.member.token, `/conversations/${conv}/messages`)).body.items;
    expect(sent.body).toEqual(listed.find((m: { id: string }) => m.id === sent.body.id));
    const [event] = await queryRows<{ payload: { message: Record<string, unknown> } }>(
      app.db,
      sql`select payload from events where firm_id = ${f.firm.id} and type = 'message.created'
          and payload->'message'->>'id' = ${sent.body.id}`,
    );
    const { readBy: _readBy, readCount: _readCount, sms: _sms, ...core } = sent.body;
    expect(event!.payload.message).toEqual(core);
  });

  test('when anything is published about an external conversation, then contacts never receive read information', async () => {
    const matter = await createMatter(app.db, f.firm.id);
    const contact = await createContact(app.db, f.firm.id, matter);
    const conv = (
      await post(f.member.token, '/conversations', {
        kind: 'external_matter',
        matterId: matter,
        contactIds: [contact.id],
      })
    ).body;
    await post(f.member.token, `/conversations/${conv.id}/participants`, { staffIds: [f.admin.id] });
    const m = (await send(f.member.token, conv.id, 'Please sign the contract')).body;
    expect((await post(f.admin.token, `/conversations/${conv.id}/read`, { seq: m.seq })).status).toBe(200);
    const rows = await queryRows<{ type: string; payload: unknown; contact_ids: string[] }>(
      app.db,
      sql`select type, payload, contact_ids from events where conversation_id = ${conv.id} order by id`,
    );
    const toContact = rows.filter((r) => r.contact_ids.includes(contact.id));
    expect(toContact.map((r) => r.type)).toEqual(expect.arrayContaining(['conversation.created', 'message.created']));
    expect(toContact.map((r) => r.type)).not.toContain('read.updated');
    expect(toContact.map((r) => r.type)).not.toContain('unread.changed');
    expect(JSON.stringify(toContact)).not.toMatch(/readBy|lastReadSeq/);
    expect(rows.some((r) => r.type === 'read.updated')).toBe(true);
  });
});

describe('matter conversations', () => {
  test('when a contact has no email, then they cannot be added until one is set', async () => {
    const matter = await createMatter(app.db, f.firm.id);
    const contact = await createContact(app.db, f.firm.id, matter, 'No Email', { email: null });
    const res = await post(f.member.token, '/conversations', {
      kind: 'external_matter',
      matterId: matter,
      contactIds: [contact.id],
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('contact_email_required');
    expect(res.body.contactIds).toEqual([contact.id]);
    await app.http
      .patch(`/api/v1/contacts/${contact.id}`)
      .set(bearer(f.member.token))
      .send({ email: 'now@client.example' });
    const ok = await post(f.member.token, '/conversations', {
      kind: 'external_matter',
      matterId: matter,
      contactIds: [contact.id],
    });
    expect(ok.status).toBe(201);
    expect(ok.body.requireMfa).toBe(true);
    expect(ok.body.title).toContain('No Email');
  });

  test('when a contact is not on the matter, then 400 naming contactIds', async () => {
    const matter = await createMatter(app.db, f.firm.id);
    const stranger = await createContact(app.db, f.firm.id);
    const res = await post(f.member.token, '/conversations', {
      kind: 'external_matter',
      matterId: matter,
      contactIds: [stranger.id],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('contactIds');
  });

  test('when a matter is closed, then its conversations are read-only for everyone until reopened', async () => {
    const matter = await createMatter(app.db, f.firm.id);
    const internal = (
      await post(f.member.token, '/conversations', {
        kind: 'internal_matter',
        matterId: matter,
        staffIds: [f.admin.id],
      })
    ).body;
    const m = (await send(f.member.token, internal.id, 'before closing')).body;
    await post(f.member.token, `/matters/${matter}/close`);
    const view = await get(f.admin.token, `/conversations/${internal.id}`);
    expect(view.body).toMatchObject({ archivedReason: 'matter_closed' });
    expect((await get(f.admin.token, `/conversations/${internal.id}/messages`)).status).toBe(200);
    for (const res of [
      await send(f.member.token, internal.id, 'after closing'),
      await app.http.patch(`/api/v1/messages/${m.id}`).set(bearer(f.member.token)).send({ body: 'changed' }),
      await post(f.admin.token, `/messages/${m.id}/pin`),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('conversation_archived');
    }
    expect((await post(f.member.token, '/conversations', { kind: 'internal_matter', matterId: matter })).status).toBe(
      409,
    );
    await post(f.member.token, `/matters/${matter}/reopen`);
    expect((await send(f.member.token, internal.id, 'reopened')).status).toBe(201);
  });

  test('when an engagement ends, then staff leave, nobody can post, the contact stays, and reopening does not undo it', async () => {
    const matter = await createMatter(app.db, f.firm.id);
    const contact = await createContact(app.db, f.firm.id, matter);
    const conv = (
      await post(f.member.token, '/conversations', {
        kind: 'external_matter',
        matterId: matter,
        contactIds: [contact.id],
      })
    ).body;
    await send(f.member.token, conv.id, 'final advice');
    const ended = await post(f.member.token, `/matters/${matter}/contacts/${contact.id}/end-engagement`);
    expect(ended.status).toBe(204);
    const view = (await get(f.member.token, `/conversations/${conv.id}`)).body;
    expect(view.archivedReason).toBe('engagement_ended');
    expect(
      view.participants.filter((p: { kind: string; leftAt: string | null }) => p.kind === 'staff' && !p.leftAt),
    ).toEqual([]);
    expect(view.participants.find((p: { contactId: string }) => p.contactId === contact.id).leftAt).toBeNull();
    expect((await get(f.member.token, `/conversations/${conv.id}/messages`)).body.items).toHaveLength(1);
    expect((await send(f.member.token, conv.id, 'one more thing')).status).toBe(403);
    await post(f.member.token, `/matters/${matter}/close`);
    await post(f.member.token, `/matters/${matter}/reopen`);
    expect((await get(f.member.token, `/conversations/${conv.id}`)).body.archivedReason).toBe('engagement_ended');
  });

  test('when a matter is restricted, then its conversations are invisible to unlisted staff everywhere', async () => {
    const matter = await createMatter(app.db, f.firm.id, { restrictedTo: [f.member.id] });
    const contact = await createContact(app.db, f.firm.id, matter);
    const ext = (
      await post(f.member.token, '/conversations', {
        kind: 'external_matter',
        matterId: matter,
        contactIds: [contact.id],
      })
    ).body;
    const int = (await post(f.member.token, '/conversations', { kind: 'internal_matter', matterId: matter })).body;
    const m = (await send(f.member.token, ext.id, 'restricted quokkafish details')).body;
    await send(f.member.token, int.id, 'internal quokkafish notes');
    const outsider = f.admin.token;
    const missing = randomUUID();
    for (const id of [ext.id, int.id]) {
      for (const [method, path, body] of [
        ['get', '', undefined],
        ['get', '/messages', undefined],
        ['get', '/pinned', undefined],
        ['post', '/join', undefined],
        ['post', '/messages', { body: 'hi' }],
        ['post', '/read', { seq: 1 }],
        ['patch', '', { name: 'x' }],
        ['post', '/participants', { staffIds: [] }],
      ] as const) {
        const hidden = await app.http[method](`/api/v1/conversations/${id}${path}`).set(bearer(outsider)).send(body);
        const absent = await app.http[method](`/api/v1/conversations/${missing}${path}`)
          .set(bearer(outsider))
          .send(body);
        expect([hidden.status, noId(hidden.body)]).toEqual([absent.status, noId(absent.body)]);
        expect(hidden.status).toBe(404);
      }
    }
    for (const [method, path] of [
      ['get', `/messages/${m.id}/revisions`],
      ['post', `/messages/${m.id}/pin`],
      ['patch', `/messages/${m.id}`],
    ] as const) {
      const res = await app.http[method](`/api/v1${path}`).set(bearer(outsider)).send({ body: 'x' });
      expect(res.status).toBe(404);
    }
    expect((await get(outsider, `/matters/${matter}/conversations`)).status).toBe(404);
    const search = await app.http.get('/api/v1/search').query({ q: 'quokkafish' }).set(bearer(outsider));
    expect(search.body.items).toEqual([]);
    const listed = await app.http.get('/api/v1/search').query({ q: 'quokkafish' }).set(bearer(f.member.token));
    expect(listed.body.items).toHaveLength(2);
    const staffOnList = await post(f.member.token, `/conversations/${int.id}/participants`, { staffIds: [f.admin.id] });
    expect(staffOnList.status).toBe(422);
    expect(staffOnList.body.code).toBe('staff_without_matter_access');
    const events = await queryRows<{ n: number }>(
      app.db,
      sql`select count(*)::int as n from events where conversation_id in (${ext.id}::uuid, ${int.id}::uuid)
          and (${f.admin.id}::uuid = any(staff_ids) or all_staff)`,
    );
    expect(events[0]!.n).toBe(0);
  });
});

describe('search', () => {
  test('when searching, then prefixes in any script match, snippets are highlighted and pages do not repeat', async () => {
    const firm = await createFirm(app);
    const ch = (await post(firm.member.token, '/conversations', { kind: 'channel', name: 'search' })).body.id;
    const texts = [
      'The conveyancing documents are ready',
      'Οι συμβάσεις υπογράφηκαν σήμερα',
      'Договор подписан вчера',
      'العقد جاهز للتوقيع',
      'Conveyancer called about the survey',
      'nothing relevant here',
    ];
    for (const t of texts) await send(firm.member.token, ch, t);
    const q = async (text: string, extra: Record<string, string | number> = {}) =>
      (
        await app.http
          .get('/api/v1/search')
          .query({ q: text, ...extra })
          .set(bearer(firm.admin.token))
      ).body;
    const conv = await q('convey');
    expect(conv.items.map((i: { message: { body: string } }) => i.message.body)).toEqual([texts[4], texts[0]]);
    expect(conv.items[0].snippet.find((s: { match: boolean }) => s.match).text).toBe('Conveyancer');
    expect(conv.items[0].conversation).toMatchObject({ id: ch, title: 'search', kind: 'channel' });
    expect((await q('συμβάσ')).items).toHaveLength(1);
    expect((await q('догов')).items).toHaveLength(1);
    expect((await q('العقد')).items).toHaveLength(1);
    expect((await q("convey' | !& (")).items).toHaveLength(2);
    expect((await q('!!!')).items).toEqual([]);
    const first = await q('convey', { limit: 1 });
    const second = await q('convey', { limit: 1, before: first.nextCursor });
    expect(second.items[0].message.id).not.toBe(first.items[0].message.id);
    expect(second.nextCursor).toBeNull();
  });

  test('when a search looks through windows of the newest messages first, then it finds what a search of everything finds, page by page', async () => {
    const firm = await createFirm(app);
    const ch = (await post(firm.member.token, '/conversations', { kind: 'channel', name: 'windows' })).body.id;
    // "falcon" in the oldest messages only, "heron" everywhere: windows of 4 and 12 newest
    for (let i = 0; i < 24; i++) {
      await send(firm.member.token, ch, i < 3 ? `falcon heron ${i}` : i % 2 ? `heron ${i}` : `nothing ${i}`);
    }
    const steps = [{ window: 4, walk: true }, { window: 12, walk: false }, { walk: false }];
    const everything = [{ walk: false }];
    for (const text of ['falcon', 'heron', 'her', 'falcon heron', 'none']) {
      const search = buildSearch(text)!;
      let before: number | undefined;
      for (let page = 0; page < 6; page++) {
        const look = (s: typeof steps) =>
          searchMessages(app.db, firm.firm.id, firm.member.id, search, { beforeSeq: before, limit: 3, steps: s });
        const [windowed, all] = [await look(steps), await look(everything)];
        expect(windowed.map((r) => r.id)).toEqual(all.map((r) => r.id));
        if (all.length < 3) break;
        before = all[all.length - 1]!.seq;
      }
    }
    const found = await searchMessages(app.db, firm.firm.id, firm.member.id, buildSearch('falcon')!, {
      limit: 5,
      steps,
    });
    expect(found.map((r) => r.body)).toEqual(['falcon heron 2', 'falcon heron 1', 'falcon heron 0']);
  });
});
