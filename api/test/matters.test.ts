import { randomUUID } from 'node:crypto';
import { bearer, createContact, createFirm, createMatter } from './support/fixtures.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let a: Awaited<ReturnType<typeof createFirm>>;
let b: Awaited<ReturnType<typeof createFirm>>;

beforeAll(async () => {
  app = await startTestApp();
  a = await createFirm(app);
  b = await createFirm(app);
});
afterAll(() => app.stop());

const withoutRequestId = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });

describe('matters', () => {
  test('when staff create a matter, then it is listed first and can be fetched', async () => {
    const created = await app.http
      .post('/api/v1/matters')
      .set(bearer(a.member.token))
      .send({ number: 'NEW-1', title: 'Lease renewal for Unit 4' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ number: 'NEW-1', status: 'open', restricted: false });
    const list = await app.http.get('/api/v1/matters').set(bearer(a.member.token));
    expect(list.body.items[0].id).toBe(created.body.id);
    const one = await app.http.get(`/api/v1/matters/${created.body.id}`).set(bearer(a.admin.token));
    expect(one.body.title).toBe('Lease renewal for Unit 4');
  });

  test('when a matter number is already used in the firm, then 409; another firm may use it', async () => {
    await createMatter(app.db, a.firm.id, { number: 'DUP-7' });
    const again = await app.http
      .post('/api/v1/matters')
      .set(bearer(a.member.token))
      .send({ number: 'dup-7', title: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('matter_number_taken');
    const elsewhere = await app.http
      .post('/api/v1/matters')
      .set(bearer(b.member.token))
      .send({ number: 'DUP-7', title: 'x' });
    expect(elsewhere.status).toBe(201);
  });

  test('when searching by text, then number and title match, wildcards are literal', async () => {
    await createMatter(app.db, a.firm.id, { number: 'SRCH-1', title: 'Sale of Ferry Lane 100% share' });
    await createMatter(app.db, a.firm.id, { number: 'SRCH-2', title: 'Probate of Ms Ferry' });
    const byTitle = await app.http.get('/api/v1/matters').query({ q: 'ferry' }).set(bearer(a.member.token));
    expect(byTitle.body.items.map((m: { number: string }) => m.number).sort()).toEqual(['SRCH-1', 'SRCH-2']);
    const byNumber = await app.http.get('/api/v1/matters').query({ q: 'srch-2' }).set(bearer(a.member.token));
    expect(byNumber.body.items.map((m: { number: string }) => m.number)).toEqual(['SRCH-2']);
    const literal = await app.http.get('/api/v1/matters').query({ q: '100%' }).set(bearer(a.member.token));
    expect(literal.body.items.map((m: { number: string }) => m.number)).toEqual(['SRCH-1']);
    const underscore = await app.http.get('/api/v1/matters').query({ q: '_' }).set(bearer(a.member.token));
    expect(underscore.body.items).toEqual([]);
  });

  test('when paging with the cursor, then every matter appears exactly once', async () => {
    const firm = await createFirm(app);
    const ids = [];
    for (let i = 0; i < 7; i++) ids.push(await createMatter(app.db, firm.firm.id, { number: `PG-${i}` }));
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const query: Record<string, string | number> = { limit: 3, ...(cursor ? { before: cursor } : {}) };
      const res = await app.http.get('/api/v1/matters').query(query).set(bearer(firm.member.token));
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((m: { id: string }) => m.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    // Same order as one unpaged read, newest first; PGlite's clock can give two matters the
    // same created_at, which the id then orders, so insertion order alone is not the reference.
    const all = await app.http.get('/api/v1/matters').query({ limit: 100 }).set(bearer(firm.member.token));
    expect(seen).toEqual(all.body.items.map((m: { id: string }) => m.id));
    expect([...seen].sort()).toEqual([...ids].sort());
  });

  test('when a matter is closed and reopened, then its status and closedAt follow', async () => {
    const id = await createMatter(app.db, a.firm.id);
    const closed = await app.http.post(`/api/v1/matters/${id}/close`).set(bearer(a.member.token));
    expect(closed.body.status).toBe('closed');
    expect(closed.body.closedAt).not.toBeNull();
    const onlyClosed = await app.http.get('/api/v1/matters').query({ status: 'closed' }).set(bearer(a.member.token));
    expect(onlyClosed.body.items.map((m: { id: string }) => m.id)).toContain(id);
    const reopened = await app.http.post(`/api/v1/matters/${id}/reopen`).set(bearer(a.member.token));
    expect(reopened.body).toMatchObject({ status: 'open', closedAt: null });
  });

  test('when a matter is edited, then the change is kept', async () => {
    const id = await createMatter(app.db, a.firm.id);
    const res = await app.http.patch(`/api/v1/matters/${id}`).set(bearer(a.member.token)).send({ title: 'Renamed' });
    expect(res.body.title).toBe('Renamed');
  });
});

describe('restricted matters', () => {
  test('when a matter is restricted, then unlisted staff (admins included) get the same 404 as a missing id everywhere', async () => {
    const id = await createMatter(app.db, a.firm.id, {
      number: 'SECRET-1',
      title: 'Board dispute',
      restrictedTo: [a.member.id],
    });
    const contact = await createContact(app.db, a.firm.id, id);
    const outsider = a.admin.token;
    const list = await app.http.get('/api/v1/matters').query({ q: 'SECRET' }).set(bearer(outsider));
    expect(list.body.items).toEqual([]);
    const missing = randomUUID();
    for (const [method, path, body] of [
      ['get', '', undefined],
      ['patch', '', { title: 'x' }],
      ['post', '/close', undefined],
      ['get', '/access', undefined],
      ['put', '/access', { restricted: false, staffIds: [] }],
      ['get', '/contacts', undefined],
      ['put', `/contacts/${contact.id}`, undefined],
    ] as const) {
      const hidden = await app.http[method](`/api/v1/matters/${id}${path}`).set(bearer(outsider)).send(body);
      const absent = await app.http[method](`/api/v1/matters/${missing}${path}`).set(bearer(outsider)).send(body);
      expect(hidden.status).toBe(404);
      expect(withoutRequestId(hidden.body)).toEqual(withoutRequestId(absent.body));
    }
    const viaContact = await app.http.get(`/api/v1/contacts/${contact.id}/matters`).set(bearer(outsider));
    expect(viaContact.body.items).toEqual([]);
    const listed = await app.http.get(`/api/v1/matters/${id}`).set(bearer(a.member.token));
    expect(listed.status).toBe(200);
  });

  test('when staff restrict a matter to a list, then the caller stays on it and others lose it until lifted', async () => {
    const id = await createMatter(app.db, a.firm.id);
    const other = await a.addStaff('Otto Other', 'staff');
    const set = await app.http
      .put(`/api/v1/matters/${id}/access`)
      .set(bearer(a.member.token))
      .send({ restricted: true, staffIds: [a.admin.id] });
    expect(set.status).toBe(200);
    expect(set.body.restricted).toBe(true);
    expect(set.body.staff.map((s: { id: string }) => s.id).sort()).toEqual([a.admin.id, a.member.id].sort());
    expect((await app.http.get(`/api/v1/matters/${id}`).set(bearer(other.token))).status).toBe(404);
    const lifted = await app.http
      .put(`/api/v1/matters/${id}/access`)
      .set(bearer(a.admin.token))
      .send({ restricted: false, staffIds: [] });
    expect(lifted.body).toEqual({ restricted: false, staff: [] });
    expect((await app.http.get(`/api/v1/matters/${id}`).set(bearer(other.token))).status).toBe(200);
  });

  test('when the access list names staff of another firm, then 400 naming staffIds', async () => {
    const id = await createMatter(app.db, a.firm.id);
    const res = await app.http
      .put(`/api/v1/matters/${id}/access`)
      .set(bearer(a.member.token))
      .send({ restricted: true, staffIds: [b.member.id] });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('staffIds');
  });
});

describe('firm scoping', () => {
  test("when staff ask for another firm's matter by id, then the answer is identical to a missing id", async () => {
    const theirs = await createMatter(app.db, b.firm.id, { number: 'THEIRS-1' });
    const hidden = await app.http.get(`/api/v1/matters/${theirs}`).set(bearer(a.admin.token));
    const absent = await app.http.get(`/api/v1/matters/${randomUUID()}`).set(bearer(a.admin.token));
    expect(hidden.status).toBe(404);
    expect(withoutRequestId(hidden.body)).toEqual(withoutRequestId(absent.body));
    const list = await app.http.get('/api/v1/matters').query({ q: 'THEIRS' }).set(bearer(a.admin.token));
    expect(list.body.items).toEqual([]);
  });

  test("when staff link another firm's contact to their matter, then 404", async () => {
    const mine = await createMatter(app.db, a.firm.id);
    const theirContact = await createContact(app.db, b.firm.id);
    const res = await app.http.put(`/api/v1/matters/${mine}/contacts/${theirContact.id}`).set(bearer(a.member.token));
    expect(res.status).toBe(404);
  });
});

describe('matter contacts', () => {
  test('when a contact is linked to a matter, then both lists show the link, once', async () => {
    const id = await createMatter(app.db, a.firm.id);
    const contact = await createContact(app.db, a.firm.id, undefined, 'Lin Linked');
    for (let i = 0; i < 2; i++) {
      const res = await app.http.put(`/api/v1/matters/${id}/contacts/${contact.id}`).set(bearer(a.member.token));
      expect(res.status).toBe(204);
    }
    const contacts = await app.http.get(`/api/v1/matters/${id}/contacts`).set(bearer(a.member.token));
    expect(contacts.body.items.map((c: { name: string }) => c.name)).toEqual(['Lin Linked']);
    const matters = await app.http.get(`/api/v1/contacts/${contact.id}/matters`).set(bearer(a.member.token));
    expect(matters.body.items.map((m: { id: string }) => m.id)).toEqual([id]);
  });
});
