import { randomUUID } from 'node:crypto';
import { bearer, createContact, createFirm, createMatter } from './support/fixtures.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let f: Awaited<ReturnType<typeof createFirm>>;

beforeAll(async () => {
  app = await startTestApp();
  f = await createFirm(app);
});
afterAll(() => app.stop());

const post = (path: string, body: object) => app.http.post(`/api/v1${path}`).set(bearer(f.member.token)).send(body);

describe('refusals name people, never their ids', () => {
  test('when staff outside a restricted matter’s access list are added, then the refusal names them and shows no id', async () => {
    const priya = await f.addStaff('Priya Shah', 'staff');
    const tom = await f.addStaff('Tom Becker', 'staff');
    const matter = await createMatter(app.db, f.firm.id, { restrictedTo: [f.member.id, priya.id] });
    const internal = (await post('/conversations', { kind: 'internal_matter', matterId: matter })).body;

    const refused = await post(`/conversations/${internal.id}/participants`, { staffIds: [priya.id, tom.id] });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('staff_without_matter_access');
    expect(refused.body.detail).toBe(
      'Tom Becker cannot be added: this matter is restricted and is not on its access list',
    );
    expect(refused.body.detail).not.toContain(tom.id);

    const atStart = await post('/conversations', {
      kind: 'internal_matter',
      matterId: matter,
      staffIds: [tom.id, f.admin.id],
    });
    expect(atStart.status).toBe(422);
    expect(atStart.body.detail).toMatch(/^(Tom Becker and Ada Admin|Ada Admin and Tom Becker) cannot be added/);
    expect(atStart.body.detail).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

    // Someone on the list is added.
    expect((await post(`/conversations/${internal.id}/participants`, { staffIds: [priya.id] })).status).toBe(200);
  });

  test('when disabled staff or strangers are added, then the refusal names the disabled and only counts the strangers', async () => {
    const gone = await f.addStaff('Gail Gone', 'staff');
    await app.http.patch(`/api/v1/staff/${gone.id}`).set(bearer(f.admin.token)).send({ active: false });
    const stranger = randomUUID();
    const refused = await post('/conversations', {
      kind: 'channel',
      name: `c-${randomUUID()}`,
      staffIds: [gone.id, stranger],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { location: 'body', field: 'staffIds', message: 'Gail Gone is disabled; 1 person is not staff of this firm' },
    ]);
    expect(JSON.stringify(refused.body)).not.toContain(stranger);
    expect(JSON.stringify(refused.body)).not.toContain(gone.id);
  });

  test('when contacts who are not on the matter are added, then the refusal counts them without ids', async () => {
    const matter = await createMatter(app.db, f.firm.id);
    const onMatter = await createContact(app.db, f.firm.id, matter, 'On Matter');
    const elsewhere = await createContact(app.db, f.firm.id, undefined, 'Elsewhere');
    const refused = await post('/conversations', {
      kind: 'external_matter',
      matterId: matter,
      contactIds: [onMatter.id, elsewhere.id],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain('1 person is not a contact of this matter');
    expect(JSON.stringify(refused.body)).not.toContain(elsewhere.id);
  });
});
