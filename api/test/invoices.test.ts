import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/query-rows.js';
import { fromMinorUnits, minorDigits, toMinorUnits } from '../src/modules/invoices/money.js';
import { bearer, createFirm, createMatter } from './support/fixtures.js';
import { asBuffer, signedInClient } from './support/portal-client.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let f: Awaited<ReturnType<typeof createFirm>>;

beforeAll(async () => {
  app = await startTestApp();
  f = await createFirm(app);
});
afterAll(() => app.stop());

const staff = (method: 'get' | 'post' | 'patch', path: string, body?: object, token = f.member.token) =>
  app.http[method](`/api/v1${path}`).set(bearer(token)).send(body);
const fieldsOf = (res: { body: { errors?: Array<{ field: string }> } }) => (res.body.errors ?? []).map((e) => e.field);
const invoice = (overrides: object = {}) => ({
  number: `INV-${Math.random().toString(36).slice(2, 8)}`,
  issueDate: '2026-11-01',
  dueDate: '2026-12-01',
  amount: '100.00',
  currency: 'GBP',
  ...overrides,
});

async function uploadPdf(matterId: string, name = 'invoice.pdf') {
  const res = await app.http
    .post(`/api/v1/matters/${matterId}/documents`)
    .set(bearer(f.member.token))
    .attach('file', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), name);
  expect(res.status).toBe(201);
  return res.body.items[0] as { id: string };
}

describe('money', () => {
  test('amounts convert to minor units by the currency’s digits', () => {
    expect(minorDigits('GBP')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(toMinorUnits('1250.5', 'GBP')).toBe(125050);
    expect(toMinorUnits('1500', 'JPY')).toBe(1500);
    expect(toMinorUnits('1.5', 'JPY')).toEqual({ error: expect.stringContaining('JPY') });
    expect(toMinorUnits('1.005', 'GBP')).toEqual({ error: expect.any(String) });
    expect(toMinorUnits('0.00', 'GBP')).toEqual({ error: 'must be more than zero' });
    expect(toMinorUnits('-1', 'GBP')).toEqual({ error: expect.any(String) });
    expect(toMinorUnits('1e3', 'GBP')).toEqual({ error: expect.any(String) });
    expect(fromMinorUnits(125050, 'GBP')).toBe('1250.50');
    expect(fromMinorUnits(5, 'GBP')).toBe('0.05');
    expect(fromMinorUnits(1500, 'JPY')).toBe('1500');
  });
});

describe('staff invoices', () => {
  test('when an invoice is wrong, then the 400 names the field; a repeated number is 409', async () => {
    const matter = await createMatter(app.db, f.firm.id);
    const elsewhere = await createMatter(app.db, f.firm.id);
    const foreignDoc = await uploadPdf(elsewhere);
    const cases: Array<[object, string]> = [
      [invoice({ dueDate: '2026-10-01' }), 'dueDate'],
      [invoice({ amount: '1.5', currency: 'JPY' }), 'amount'],
      [invoice({ amount: '10.999' }), 'amount'],
      [invoice({ amount: '0' }), 'amount'],
      [invoice({ amount: 'ten' }), 'amount'],
      [invoice({ currency: 'gbp' }), 'currency'],
      [invoice({ currency: 'XYZ' }), 'currency'],
      [invoice({ paymentUrl: 'http://pay.example/1' }), 'paymentUrl'],
      [invoice({ issueDate: '2026-02-30' }), 'issueDate'],
      [invoice({ number: '' }), 'number'],
      [invoice({ documentId: foreignDoc.id }), 'documentId'],
      [invoice({ vat: '20' }), '(root)'],
    ];
    for (const [body, field] of cases) {
      const res = await staff('post', `/matters/${matter}/invoices`, body);
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toContain(field);
    }
    const ok = await staff(
      'post',
      `/matters/${matter}/invoices`,
      invoice({ number: 'INV-1', amount: '1500', currency: 'JPY' }),
    );
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      number: 'INV-1',
      amount: '1500',
      amountMinor: 1500,
      currency: 'JPY',
      status: 'outstanding',
      paidAt: null,
    });
    expect((await staff('post', `/matters/${matter}/invoices`, invoice({ number: 'INV-1' }))).status).toBe(409);
    expect((await staff('post', `/matters/${elsewhere}/invoices`, invoice({ number: 'INV-1' }))).status).toBe(201);

    const paid = await staff('patch', `/invoices/${ok.body.id}`, {
      status: 'paid',
      paymentUrl: 'https://pay.example/x',
    });
    expect(paid.body.status).toBe('paid');
    expect(paid.body.paidAt).not.toBeNull();
    expect(paid.body.paymentUrl).toBe('https://pay.example/x');
    expect(fieldsOf(await staff('patch', `/invoices/${ok.body.id}`, { dueDate: '2026-01-01' }))).toEqual(['dueDate']);
    expect(fieldsOf(await staff('patch', `/invoices/${ok.body.id}`, { paymentUrl: 'ftp://x.example' }))).toEqual([
      'paymentUrl',
    ]);
    const reopened = await staff('patch', `/invoices/${ok.body.id}`, { status: 'outstanding' });
    expect(reopened.body.paidAt).toBeNull();

    const restricted = await createMatter(app.db, f.firm.id, { restrictedTo: [f.admin.id] });
    const hidden = await staff('post', `/matters/${restricted}/invoices`, invoice(), f.admin.token);
    expect(hidden.status).toBe(201);
    expect((await staff('get', `/matters/${restricted}/invoices`)).status).toBe(404);
    expect((await staff('patch', `/invoices/${hidden.body.id}`, { status: 'paid' })).status).toBe(404);
    const other = await createFirm(app);
    expect((await staff('patch', `/invoices/${ok.body.id}`, { status: 'paid' }, other.admin.token)).status).toBe(404);
  });
});

describe('portal billing', () => {
  test('when a client opens Billing, then they see their invoices with totals per currency and can download the PDF', async () => {
    const client = await signedInClient(app, f.member.token, f.firm.id, { name: 'Bill' });
    const pdf = await uploadPdf(client.matterId, 'INV-100.pdf');
    const a = await staff(
      'post',
      `/matters/${client.matterId}/invoices`,
      invoice({ number: 'INV-100', amount: '100.00', documentId: pdf.id, paymentUrl: 'https://pay.example/100' }),
    );
    expect(a.status).toBe(201);
    await staff('post', `/matters/${client.matterId}/invoices`, invoice({ number: 'INV-101', amount: '250.5' }));
    await staff(
      'post',
      `/matters/${client.matterId}/invoices`,
      invoice({ number: 'INV-102', amount: '10', currency: 'EUR', status: 'paid' }),
    );
    const otherMatter = await createMatter(app.db, f.firm.id);
    await staff('post', `/matters/${otherMatter}/invoices`, invoice({ number: 'NOT-MINE', amount: '999' }));

    const res = await client.session.get('/invoices');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { number: string }) => i.number).sort()).toEqual(['INV-100', 'INV-101', 'INV-102']);
    expect(res.body.totals).toEqual([
      { currency: 'EUR', outstanding: '0.00', paid: '10.00' },
      { currency: 'GBP', outstanding: '350.50', paid: '0.00' },
    ]);
    const first = res.body.items.find((i: { number: string }) => i.number === 'INV-100');
    expect(first).toMatchObject({
      hasPdf: true,
      amount: '100.00',
      amountMinor: 10000,
      paymentUrl: 'https://pay.example/100',
    });
    expect(first.documentId).toBeUndefined();
    const noPdf = res.body.items.find((i: { number: string }) => i.number === 'INV-101');

    const download = await client.session.get(`/invoices/${first.id}/pdf`).buffer(true).parse(asBuffer);
    expect(download.status).toBe(200);
    expect((download.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.headers['content-disposition']).toMatch(/^attachment/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect((await client.session.get(`/invoices/${noPdf.id}/pdf`)).status).toBe(404);
    const audit = await queryRows<{ outcome: string; target_id: string }>(
      app.db,
      sql`select outcome, target_id from audit_log where firm_id = ${f.firm.id} and action = 'invoice.download'
          and actor_id = ${client.contact.id} order by id`,
    );
    expect(audit).toEqual([
      { outcome: 'success', target_id: first.id },
      { outcome: 'refused', target_id: noPdf.id },
    ]);

    const other = await createFirm(app);
    const stranger = await signedInClient(app, other.member.token, other.firm.id, { name: 'Stranger' });
    expect((await stranger.session.get('/invoices')).body).toEqual({ items: [], totals: [] });
    expect((await stranger.session.get(`/invoices/${first.id}/pdf`)).status).toBe(404);
    await staff('post', `/matters/${client.matterId}/contacts/${client.contact.id}/end-engagement`);
    expect((await client.session.get('/invoices')).body.items).toEqual([]);
    expect((await client.session.get(`/invoices/${first.id}/pdf`)).status).toBe(404);
  });
});
