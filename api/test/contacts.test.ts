import { randomUUID } from 'node:crypto';
import { bearer, createContact, createFirm } from './support/fixtures.js';
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

describe('contacts', () => {
  test('when a contact is added with a national mobile, then it is stored in E.164 for the firm country', async () => {
    const res = await app.http
      .post('/api/v1/contacts')
      .set(bearer(a.member.token))
      .send({ name: 'Morgan Mobile', email: 'morgan@client.example', mobile: '07700 900123', kind: 'client' });
    expect(res.status).toBe(201);
    expect(res.body.mobile).toBe('+447700900123');
  });

  test('when the mobile is not a phone number, then 400 naming mobile', async () => {
    const res = await app.http
      .post('/api/v1/contacts')
      .set(bearer(a.member.token))
      .send({ name: 'Bad Number', mobile: '12345', kind: 'client' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors[0].field).toBe('mobile');
  });

  test('when the body has an unknown key or a bad email, then 400 naming each field', async () => {
    const res = await app.http
      .post('/api/v1/contacts')
      .set(bearer(a.member.token))
      .send({ name: '', email: 'nope', kind: 'judge', isAdmin: true });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'email', 'kind']));
    expect(res.body.detail).toContain('isAdmin');
  });

  test('when a contact without email is added, then it is kept and the email can be added later', async () => {
    const res = await app.http
      .post('/api/v1/contacts')
      .set(bearer(a.member.token))
      .send({ name: 'No Mail', kind: 'third_party' });
    expect(res.status).toBe(201);
    expect(res.body.email).toBeNull();
    const patched = await app.http
      .patch(`/api/v1/contacts/${res.body.id}`)
      .set(bearer(a.member.token))
      .send({ email: 'found@mail.example' });
    expect(patched.body.email).toBe('found@mail.example');
  });

  test('when searching and paging, then names, emails and mobiles match and no contact repeats', async () => {
    const firm = await createFirm(app);
    for (const name of ['Aaron Zed', 'Bea Zed', 'Cal Zed', 'Dot Other'])
      await createContact(app.db, firm.firm.id, undefined, name);
    const page1 = await app.http.get('/api/v1/contacts').query({ q: 'zed', limit: 2 }).set(bearer(firm.member.token));
    expect(page1.body.items.map((c: { name: string }) => c.name)).toEqual(['Aaron Zed', 'Bea Zed']);
    const page2 = await app.http
      .get('/api/v1/contacts')
      .query({ q: 'zed', limit: 2, before: page1.body.nextCursor })
      .set(bearer(firm.member.token));
    expect(page2.body.items.map((c: { name: string }) => c.name)).toEqual(['Cal Zed']);
    expect(page2.body.nextCursor).toBeNull();
  });

  test('when the cursor is forged, then 400 naming before', async () => {
    const res = await app.http.get('/api/v1/contacts').query({ before: 'garbage!' }).set(bearer(a.member.token));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('before');
  });

  test("when another firm's contact is read or edited, then the answer is identical to a missing id", async () => {
    const theirs = await createContact(app.db, b.firm.id, undefined, 'Their Client');
    for (const [method, body] of [
      ['get', undefined],
      ['patch', { name: 'Mine now' }],
    ] as const) {
      const hidden = await app.http[method](`/api/v1/contacts/${theirs.id}`).set(bearer(a.admin.token)).send(body);
      const absent = await app.http[method](`/api/v1/contacts/${randomUUID()}`).set(bearer(a.admin.token)).send(body);
      expect(hidden.status).toBe(404);
      expect({ ...hidden.body, requestId: 0 }).toEqual({ ...absent.body, requestId: 0 });
    }
    const list = await app.http.get('/api/v1/contacts').query({ q: 'Their Client' }).set(bearer(a.admin.token));
    expect(list.body.items).toEqual([]);
  });
});
