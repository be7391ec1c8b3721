import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type supertest from 'supertest';
import { queryRows } from '../src/db/query-rows.js';
import { bearer, createFirm } from './support/fixtures.js';
import { signedInClient } from './support/portal-client.js';
import { originOf } from './support/portal-session.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let f: Awaited<ReturnType<typeof createFirm>>;
let client: Awaited<ReturnType<typeof signedInClient>>;
let channel: string;
let matterDocument: string;
let otherDocument: string;
let form: string;
let otherForm: string;
let formRequest: string;
let submittable: string;
let texted: string;

const staff = (method: 'get' | 'post', path: string, body?: object, token = f.member.token) =>
  app.http[method](`/api/v1${path}`).set(bearer(token)).send(body);

const portal = (path: string) =>
  app.http
    .post(`/api/portal/v1${path}`)
    .set({ Cookie: client.session.cookie, Origin: originOf(app), 'X-CSRF-Token': client.session.csrfToken });

const count = async (table: string) =>
  (
    await queryRows<{ n: number }>(
      app.db,
      sql`select count(*)::int as n from ${sql.raw(table)} where firm_id = ${f.firm.id}`,
    )
  )[0]!.n;

beforeAll(async () => {
  app = await startTestApp();
  f = await createFirm(app);
  client = await signedInClient(app, f.member.token, f.firm.id, { name: 'Ida' });
  channel = (await staff('post', '/conversations', { kind: 'channel', name: 'retries' })).body.id;
  const upload = (name: string) =>
    app.http
      .post(`/api/v1/matters/${client.matterId}/documents`)
      .set(bearer(f.member.token))
      .attach('files', Buffer.from(`content of ${name}`), name);
  matterDocument = (await upload('terms.pdf')).body.items[0].id;
  otherDocument = (await upload('plan.pdf')).body.items[0].id;
  form = (
    await staff('post', '/forms', {
      title: 'Intake',
      fields: [
        { key: 'name', label: 'Full name', type: 'short_text', required: true },
        { key: 'id', label: 'Identity document', type: 'file', required: false },
      ],
    })
  ).body.id;
  otherForm = (
    await staff('post', '/forms', {
      title: 'Consent',
      fields: [{ key: 'ok', label: 'Agreed?', type: 'checkbox', required: true }],
    })
  ).body.id;
  const request = () =>
    staff('post', `/matters/${client.matterId}/form-requests`, { formId: form, contactId: client.contact.id });
  texted = (await staff('post', `/conversations/${client.conversationId}/messages`, { body: 'See you at 10' })).body.id;
  formRequest = (await request()).body.id;
  submittable = (await request()).body.id;
});
afterAll(() => app.stop());

type Case = {
  name: string;
  /** Sends the request with the key; `other` changes its body (or params) but not the key. */
  send: (key: string, other: boolean) => supertest.Test;
  /** The table one request adds a row to. */
  table: string;
  status?: number;
};

const n = () => randomUUID().slice(0, 8);
const cases: Case[] = [
  {
    name: 'staff member',
    table: 'staff',
    send: (key, other) =>
      staff(
        'post',
        '/staff',
        { name: 'Nia New', email: other ? `x.${n()}@firm.example` : `nia.${key}@firm.example` },
        f.admin.token,
      ).set('Idempotency-Key', key),
  },
  {
    name: 'matter',
    table: 'matters',
    send: (key, other) =>
      staff('post', '/matters', { number: `IDEM-${key}`, title: other ? 'Another title' : 'Lease' }).set(
        'Idempotency-Key',
        key,
      ),
  },
  {
    name: 'contact',
    table: 'contacts',
    send: (key, other) =>
      staff('post', '/contacts', { name: other ? 'Bo Other' : 'Al Client' }).set('Idempotency-Key', key),
  },
  {
    name: 'conversation',
    table: 'conversations',
    send: (key, other) =>
      staff('post', '/conversations', { kind: 'channel', name: other ? `other ${key}` : `c ${key}` }).set(
        'Idempotency-Key',
        key,
      ),
  },
  {
    name: 'message',
    table: 'messages',
    send: (key, other) =>
      staff('post', `/conversations/${channel}/messages`, { body: other ? 'Hello again' : 'Hello' }).set(
        'Idempotency-Key',
        key,
      ),
  },
  {
    name: 'message with files',
    table: 'documents',
    send: (key, other) =>
      app.http
        .post(`/api/v1/conversations/${channel}/uploads`)
        .set(bearer(f.member.token))
        .set('Idempotency-Key', key)
        .field('body', 'The scan')
        .attach('files', Buffer.from(other ? 'page 2' : 'page 1'), 'scan.pdf'),
  },
  {
    name: 'matter documents',
    table: 'documents',
    send: (key, other) =>
      app.http
        .post(`/api/v1/matters/${client.matterId}/documents`)
        .set(bearer(f.member.token))
        .set('Idempotency-Key', key)
        .attach('files', Buffer.from('draft'), other ? 'draft-2.docx' : 'draft.docx'),
  },
  {
    name: 'document version',
    table: 'document_versions',
    send: (key, other) =>
      app.http
        .post(`/api/v1/documents/${matterDocument}/versions`)
        .set(bearer(f.member.token))
        .set('Idempotency-Key', key)
        .attach('files', Buffer.from(other ? 'terms v3' : 'terms v2'), 'terms.pdf'),
  },
  {
    name: 'share',
    table: 'shares',
    send: (key, other) =>
      staff('post', `/conversations/${client.conversationId}/shares`, {
        documentId: other ? otherDocument : matterDocument,
      }).set('Idempotency-Key', key),
  },
  {
    name: 'conversation export',
    table: 'documents',
    send: (key, other) =>
      staff('post', `/conversations/${other ? channel : client.conversationId}/export`).set('Idempotency-Key', key),
  },
  {
    name: 'event',
    table: 'matter_events',
    send: (key, other) =>
      staff('post', `/matters/${client.matterId}/events`, {
        title: other ? 'Hearing' : 'Meeting',
        startsAt: '2031-01-10T10:00:00Z',
        endsAt: '2031-01-10T11:00:00Z',
        timeZone: 'Europe/London',
        attendeeContactIds: [client.contact.id],
      }).set('Idempotency-Key', key),
  },
  {
    name: 'form',
    table: 'forms',
    send: (key, other) =>
      staff('post', '/forms', {
        title: other ? 'Other form' : 'Consent',
        fields: [{ key: 'ok', label: 'Agreed?', type: 'checkbox', required: true }],
      }).set('Idempotency-Key', key),
  },
  {
    name: 'form request',
    table: 'form_requests',
    send: (key, other) =>
      staff('post', `/matters/${client.matterId}/form-requests`, {
        formId: other ? otherForm : form,
        contactId: client.contact.id,
      }).set('Idempotency-Key', key),
  },
  {
    name: 'invoice',
    table: 'invoices',
    send: (key, other) =>
      staff('post', `/matters/${client.matterId}/invoices`, {
        number: `INV-${key}`,
        issueDate: '2031-01-01',
        dueDate: '2031-02-01',
        amount: other ? '99.00' : '75.25',
        currency: 'GBP',
        status: 'outstanding',
      }).set('Idempotency-Key', key),
  },
  {
    name: 'text resend',
    table: 'outbox',
    status: 200,
    send: (key, other) =>
      staff('post', `/messages/${texted}/sms/resend`, other ? { contactIds: [client.contact.id] } : {}).set(
        'Idempotency-Key',
        key,
      ),
  },
  {
    name: 'portal reply',
    table: 'messages',
    send: (key, other) =>
      portal(`/conversations/${client.conversationId}/messages`)
        .set('Idempotency-Key', key)
        .send({ body: other ? 'Thanks again' : 'Thanks' }),
  },
  {
    name: 'portal reply with files',
    table: 'documents',
    send: (key, other) =>
      portal(`/conversations/${client.conversationId}/uploads`)
        .set('Idempotency-Key', key)
        .field('body', 'My passport')
        .attach('files', Buffer.from(other ? 'back' : 'front'), 'passport.jpg'),
  },
  {
    name: 'portal form file',
    table: 'form_request_files',
    send: (key, other) =>
      portal(`/forms/${formRequest}/files`)
        .set('Idempotency-Key', key)
        .attach('file', Buffer.from('licence'), other ? 'licence-2.png' : 'licence.png'),
  },
  {
    name: 'portal form submission',
    table: 'documents',
    status: 200,
    send: (key, other) =>
      portal(`/forms/${submittable}/submit`)
        .set('Idempotency-Key', key)
        .send({ answers: { name: other ? 'Ida B. Client' : 'Ida Client' } }),
  },
];

describe('Idempotency-Key on every creating route', () => {
  test.each(cases.map((c) => [c.name, c] as const))(
    '%s: when the request is repeated with its key, then the first answer comes back and nothing more is created; another request with the key gets 422',
    async (_name, c) => {
      const key = randomUUID();
      const before = await count(c.table);
      const first = await c.send(key, false);
      expect(first.status).toBe(c.status ?? 201);
      const created = (await count(c.table)) - before;
      expect(created).toBeGreaterThanOrEqual(1);
      expect(first.headers['idempotent-replayed']).toBeUndefined();

      const again = await c.send(key, false);
      expect(again.status).toBe(first.status);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await count(c.table)).toBe(before + created);

      const other = await c.send(key, true);
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('idempotency_key_reused');
      expect(await count(c.table)).toBe(before + created);
      expect(await count('pending_uploads')).toBe(0);
    },
  );

  test('when six identical requests race with one key, then one matter exists and all six get its answer', async () => {
    const key = randomUUID();
    const before = await count('matters');
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        staff('post', '/matters', { number: `RACE-${key}`, title: 'Race' }).set('Idempotency-Key', key),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await count('matters')).toBe(before + 1);
  });

  test('when a key is used on another route, by another caller, or after a failed attempt, then it behaves per caller and per success', async () => {
    const key = randomUUID();
    expect(
      (await staff('post', '/matters', { number: `K-${key}`, title: 'One' }).set('Idempotency-Key', key)).status,
    ).toBe(201);
    const otherRoute = await staff('post', '/contacts', { name: 'Cy' }).set('Idempotency-Key', key);
    expect(otherRoute.status).toBe(422);
    const otherCaller = await staff('post', '/matters', { number: `K2-${key}`, title: 'Two' }, f.admin.token).set(
      'Idempotency-Key',
      key,
    );
    expect(otherCaller.status).toBe(201);

    const fresh = randomUUID();
    const missing = await staff('post', `/matters/${randomUUID()}/invoices`, {
      number: 'INV-X',
      issueDate: '2031-01-01',
      dueDate: '2031-02-01',
      amount: '1.00',
      currency: 'GBP',
      status: 'outstanding',
    }).set('Idempotency-Key', fresh);
    expect(missing.status).toBe(404);
    const corrected = await staff('post', '/contacts', { name: 'Dee' }).set('Idempotency-Key', fresh);
    expect(corrected.status).toBe(201);
  });

  test('when the key is not 1 to 200 visible ASCII characters, then 400 names the header', async () => {
    for (const key of ['has space', 'x'.repeat(201)]) {
      const res = await staff('post', '/matters', { number: `BAD-${n()}`, title: 'Bad key' }).set(
        'Idempotency-Key',
        key,
      );
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ location: 'headers.Idempotency-Key' });
    }
  });

  test('when a key is older than 24 hours, then the sweep forgets it and keeps what it created', async () => {
    const key = randomUUID();
    const first = await staff('post', '/contacts', { name: 'Eve Early' }).set('Idempotency-Key', key);
    expect(first.status).toBe(201);
    const keys = async () =>
      (
        await queryRows<{ n: number }>(
          app.db,
          sql`select count(*)::int as n from idempotency_keys where firm_id = ${f.firm.id} and key = ${key}`,
        )
      )[0]!.n;
    app.clock.set(new Date(Date.now() + 23 * 3_600_000));
    await app.background.sweepNow();
    expect(await keys()).toBe(1);
    app.clock.set(new Date(Date.now() + 25 * 3_600_000));
    await app.background.sweepNow();
    expect(await keys()).toBe(0);
    expect((await staff('get', `/contacts/${first.body.id}`)).status).toBe(200);
    app.clock.reset();
  });

  test('when the API is described, then every creating POST documents the Idempotency-Key header and its 422', async () => {
    const doc = (await app.http.get('/api/v1/openapi.json')).body as {
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; responses: object }>>;
    };
    const creating = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method, op]) => method === 'post' && '201' in op.responses)
        .map(([, op]) => ({ path, op })),
    );
    expect(creating.length).toBeGreaterThanOrEqual(18);
    for (const { path, op } of creating) {
      if (path === '/api/portal/v1/quick-reply/send') continue; // the message carries the key itself
      expect({ path, header: op.parameters?.some((p) => p.name === 'Idempotency-Key' && p.in === 'header') }).toEqual({
        path,
        header: true,
      });
      expect({ path, has422: '422' in op.responses }).toEqual({ path, has422: true });
    }
  });
});
