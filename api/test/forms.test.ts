import { parse } from 'csv-parse/sync';
import { PDFDocument } from 'pdf-lib';
import { bearer, createContact, createFirm, createMatter } from './support/fixtures.js';
import { buildMultipart } from './support/multipart.js';
import { asBuffer, signedInClient } from './support/portal-client.js';
import { originOf } from './support/portal-session.js';
import { openEventStream } from './support/read-event-stream.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let f: Awaited<ReturnType<typeof createFirm>>;

beforeAll(async () => {
  app = await startTestApp();
  f = await createFirm(app, 'Harbour & Vale LLP');
});
afterAll(() => app.stop());

const staff = (method: 'get' | 'post', path: string, body?: object, token = f.member.token) =>
  app.http[method](`/api/v1${path}`).set(bearer(token)).send(body);
const fieldsOf = (res: { body: { errors?: Array<{ field: string }> } }) => (res.body.errors ?? []).map((e) => e.field);

const intake = {
  title: 'New client intake',
  description: 'Tell us about yourself',
  fields: [
    { key: 'full_name', label: 'Full name', type: 'short_text', required: true },
    { key: 'notes', label: 'Anything else', type: 'long_text', required: false },
    { key: 'birth_date', label: 'Date of birth', type: 'date', required: true },
    { key: 'funding', label: 'How will you pay?', type: 'choice', required: true, options: ['Myself', 'Legal aid'] },
    { key: 'consent', label: 'I agree to the terms', type: 'checkbox', required: true },
    { key: 'passport', label: 'Passport copy', type: 'file', required: true, help: 'A photo or scan' },
  ],
};

async function uploadFormFile(
  session: { cookie: string; csrfToken: string },
  requestId: string,
  name: string,
  content: string,
) {
  const multipart = buildMultipart([{ field: 'file', filename: name, content, contentType: 'text/plain' }]);
  return app.http
    .post(`/api/portal/v1/forms/${requestId}/files`)
    .set({
      Cookie: session.cookie,
      Origin: originOf(app),
      'X-CSRF-Token': session.csrfToken,
      'Content-Type': `multipart/form-data; boundary=${multipart.boundary}`,
    })
    .send(multipart.body);
}

describe('staff forms', () => {
  test('when a form is described wrongly, then the 400 names the field', async () => {
    const field = { key: 'a', label: 'A', type: 'short_text', required: false };
    const cases: Array<[object, string]> = [
      [{ title: 'T', fields: [] }, 'fields'],
      [{ title: 'T', fields: [field, field] }, 'fields.1.key'],
      [{ title: 'T', fields: [{ ...field, key: 'Bad Key' }] }, 'fields.0.key'],
      [{ title: 'T', fields: [{ ...field, type: 'choice' }] }, 'fields.0.options'],
      [{ title: 'T', fields: [{ ...field, options: ['x'] }] }, 'fields.0.options'],
      [{ title: 'T', fields: [{ ...field, type: 'choice', options: ['x', 'x'] }] }, 'fields.0.options'],
      [{ title: 'T', fields: [{ ...field, type: 'choice', options: [''] }] }, 'fields.0.options.0'],
      [{ title: 'T', fields: [{ ...field, type: 'signature' }] }, 'fields.0.type'],
      [{ title: '', fields: [field] }, 'title'],
    ];
    for (const [body, name] of cases) {
      const res = await staff('post', '/forms', body);
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toContain(name);
    }
  });

  test('when a form is sent, then only a contact of the matter can get it, and they are emailed a portal link', async () => {
    const form = await staff('post', '/forms', intake);
    expect(form.status).toBe(201);
    expect(form.body).toMatchObject({ title: 'New client intake', description: 'Tell us about yourself' });
    expect(form.body.fields).toHaveLength(6);
    expect((await staff('get', '/forms')).body.items.map((x: { id: string }) => x.id)).toContain(form.body.id);
    expect((await staff('get', `/forms/${form.body.id}`)).body).toEqual(form.body);

    const matter = await createMatter(app.db, f.firm.id, { number: 'FM-1', title: 'Quay Street' });
    const contact = await createContact(app.db, f.firm.id, matter, 'Fiona Form');
    const outsider = await createContact(app.db, f.firm.id, undefined, 'Olly Outsider');
    const refused = await staff('post', `/matters/${matter}/form-requests`, {
      formId: form.body.id,
      contactId: outsider.id,
    });
    expect(fieldsOf(refused)).toEqual(['contactId']);
    const noForm = await staff('post', `/matters/${matter}/form-requests`, {
      formId: '00000000-0000-4000-8000-000000000000',
      contactId: contact.id,
    });
    expect(fieldsOf(noForm)).toEqual(['formId']);

    const sent = await staff('post', `/matters/${matter}/form-requests`, {
      formId: form.body.id,
      contactId: contact.id,
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      status: 'sent',
      matterId: matter,
      matter: { number: 'FM-1', title: 'Quay Street' },
      contact: { id: contact.id, name: 'Fiona Form' },
      answers: {},
      files: [],
      draftSavedAt: null,
      submittedAt: null,
      documents: null,
    });
    const mail = (await app.outbox()).find((m) => m.to === contact.email && m.kind === 'form_request');
    expect(mail!.subject).toContain('New client intake');
    expect(mail!.text).toContain('Harbour & Vale LLP');
    expect(mail!.text).toMatch(/\/portal\/#link=[A-Za-z0-9_-]{20,}/);
    expect(mail!.html).toContain('Complete the form');
    expect(
      (await staff('get', `/matters/${matter}/form-requests`)).body.items.map((r: { id: string }) => r.id),
    ).toEqual([sent.body.id]);

    const restricted = await createMatter(app.db, f.firm.id, { restrictedTo: [f.admin.id] });
    const hidden = await createContact(app.db, f.firm.id, restricted);
    const secret = await staff(
      'post',
      `/matters/${restricted}/form-requests`,
      { formId: form.body.id, contactId: hidden.id },
      f.admin.token,
    );
    expect(secret.status).toBe(201);
    expect((await staff('get', `/form-requests/${secret.body.id}`)).status).toBe(404);
    expect((await staff('get', `/matters/${restricted}/form-requests`)).status).toBe(404);
    const other = await createFirm(app);
    expect((await staff('get', `/forms/${form.body.id}`, undefined, other.admin.token)).status).toBe(404);
  });
});

describe('portal forms', () => {
  test('when a client drafts, uploads and submits, then the answers are checked and saved to the matter as PDF and CSV', async () => {
    const form = (await staff('post', '/forms', intake)).body;
    const client = await signedInClient(app, f.member.token, f.firm.id, { name: 'Sam' });
    const neighbour = await signedInClient(app, f.member.token, f.firm.id, { matterId: client.matterId, name: 'Nia' });
    const request = (
      await staff('post', `/matters/${client.matterId}/form-requests`, {
        formId: form.id,
        contactId: client.contact.id,
      })
    ).body;
    const theirs = (
      await staff('post', `/matters/${client.matterId}/form-requests`, {
        formId: form.id,
        contactId: neighbour.contact.id,
      })
    ).body;

    const list = await client.session.get('/forms');
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([request.id]);
    expect((await client.session.get(`/forms/${theirs.id}`)).status).toBe(404);

    // drafts: partial answers, types still checked
    const badDraft = await client.put(`/forms/${request.id}/draft`, {
      answers: { full_name: true, birth_date: '2026-02-30', funding: 'Bitcoin', colour: 'red' },
    });
    expect(badDraft.status).toBe(400);
    expect(fieldsOf(badDraft).sort()).toEqual(['birth_date', 'colour', 'full_name', 'funding']);
    const draft = await client.put(`/forms/${request.id}/draft`, {
      answers: { full_name: 'Sam Ellis 東京', notes: '' },
    });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ status: 'draft', answers: { full_name: 'Sam Ellis 東京', notes: '' } });
    expect(draft.body.draftSavedAt).not.toBeNull();
    const reloaded = await client.session.get(`/forms/${request.id}`);
    expect(reloaded.body.answers).toEqual({ full_name: 'Sam Ellis 東京', notes: '' });

    // files: one per upload, kept off the matter until submission
    const passport = await uploadFormFile(client.session, request.id, 'passport.txt', 'passport scan');
    expect(passport.status).toBe(201);
    expect(passport.body).toMatchObject({ name: 'passport.txt', size: 13 });
    expect((await uploadFormFile(client.session, request.id, 'unused.txt', 'not used')).status).toBe(201);
    const foreign = await uploadFormFile(neighbour.session, theirs.id, 'theirs.txt', 'someone else');
    expect(foreign.status).toBe(201);
    expect((await uploadFormFile(client.session, theirs.id, 'sneaky.txt', 'x')).status).toBe(404);
    const docsBefore = (await staff('get', `/matters/${client.matterId}/documents`)).body.items;
    expect(docsBefore.map((d: { name: string }) => d.name)).not.toContain('passport.txt');
    expect((await client.session.get(`/forms/${request.id}`)).body.files.map((x: { name: string }) => x.name)).toEqual([
      'passport.txt',
      'unused.txt',
    ]);

    // submit: every rule
    const incomplete = await client.session.post(`/forms/${request.id}/submit`, {
      answers: { full_name: '  ', consent: false, passport: { fileIds: [] } },
    });
    expect(incomplete.status).toBe(400);
    expect(fieldsOf(incomplete).sort()).toEqual(['birth_date', 'consent', 'full_name', 'funding', 'passport']);
    expect(incomplete.body.errors.find((e: { field: string }) => e.field === 'consent').message).toBe('must be ticked');
    const answers = {
      full_name: 'Sam Ellis 東京 😀',
      notes: '=HYPERLINK("http://evil.example")',
      birth_date: '1990-04-01',
      funding: 'Legal aid',
      consent: true,
      passport: { fileIds: [passport.body.id] },
    };
    const wrong = await client.session.post(`/forms/${request.id}/submit`, {
      answers: {
        ...answers,
        birth_date: '01/04/1990',
        funding: 'Cash',
        passport: { fileIds: [foreign.body.id] },
        extra: 'x',
      },
    });
    expect(fieldsOf(wrong).sort()).toEqual(['birth_date', 'extra', 'funding', 'passport']);
    expect((await client.session.post(`/forms/${request.id}/submit`, { answers, more: 1 })).status).toBe(400);

    const stream = await openEventStream(`${app.baseUrl}/api/v1/events`, { token: f.member.token });
    const submitted = await client.session.post(`/forms/${request.id}/submit`, { answers });
    expect(submitted.status).toBe(200);
    const [live] = await stream.waitFor(1, { type: 'form.submitted' });
    expect(live!.json()).toMatchObject({ formRequestId: request.id, matterId: client.matterId });
    await stream.close();
    expect(submitted.body).toMatchObject({ status: 'submitted', answers });
    expect(submitted.body.submittedAt).not.toBeNull();
    expect(submitted.body.documents).toEqual({ pdfDocumentId: expect.any(String), csvDocumentId: expect.any(String) });
    expect((await client.session.post(`/forms/${request.id}/submit`, { answers })).status).toBe(409);
    expect((await client.put(`/forms/${request.id}/draft`, { answers: {} })).status).toBe(409);
    expect((await uploadFormFile(client.session, request.id, 'late.txt', 'late')).status).toBe(409);

    // the matter's documents: the PDF, the CSV and the referenced upload, all from the portal
    const docs = (await staff('get', `/matters/${client.matterId}/documents`)).body.items as Array<{
      id: string;
      name: string;
      source: string;
      latest: { id: string };
    }>;
    const date = submitted.body.submittedAt.slice(0, 10);
    const pdf = docs.find((d) => d.id === submitted.body.documents.pdfDocumentId)!;
    const csv = docs.find((d) => d.id === submitted.body.documents.csvDocumentId)!;
    expect(pdf).toMatchObject({ name: `New client intake - Sam - ${date}.pdf`, source: 'portal' });
    expect(csv).toMatchObject({ name: `New client intake - Sam - ${date}.csv`, source: 'portal' });
    expect(docs.find((d) => d.name === 'passport.txt')).toMatchObject({ source: 'portal' });
    expect(docs.find((d) => d.name === 'unused.txt')).toBeUndefined();

    const download = (versionId: string) =>
      app.http.get(`/api/v1/files/${versionId}`).set(bearer(f.member.token)).buffer(true).parse(asBuffer);
    const pdfBytes = (await download(pdf.latest.id)).body as Buffer;
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await PDFDocument.load(pdfBytes)).getPageCount()).toBeGreaterThanOrEqual(1);
    const csvText = ((await download(csv.latest.id)).body as Buffer).toString('utf8');
    const rows = parse(csvText.replace(/^\uFEFF/, '')) as string[][];
    expect(rows[0]).toEqual(['key', 'question', 'answer']);
    expect(rows).toContainEqual(['full_name', 'Full name', 'Sam Ellis 東京 😀']);
    expect(rows).toContainEqual(['notes', 'Anything else', `'=HYPERLINK("http://evil.example")`]);
    expect(rows).toContainEqual(['consent', 'I agree to the terms', 'Yes']);
    expect(rows).toContainEqual(['passport', 'Passport copy', 'passport.txt']);

    const staffView = await staff('get', `/form-requests/${request.id}`);
    expect(staffView.body).toMatchObject({ status: 'submitted', answers, documents: submitted.body.documents });
  });

  test('when the engagement ends or the client is at another firm, then the form is not theirs to see', async () => {
    const form = (await staff('post', '/forms', intake)).body;
    const client = await signedInClient(app, f.member.token, f.firm.id, { name: 'Eve' });
    const request = (
      await staff('post', `/matters/${client.matterId}/form-requests`, {
        formId: form.id,
        contactId: client.contact.id,
      })
    ).body;
    const other = await createFirm(app);
    const stranger = await signedInClient(app, other.member.token, other.firm.id, { name: 'Stranger' });
    expect((await stranger.session.get('/forms')).body.items).toEqual([]);
    expect((await stranger.session.get(`/forms/${request.id}`)).status).toBe(404);
    expect((await stranger.put(`/forms/${request.id}/draft`, { answers: {} })).status).toBe(404);

    await staff('post', `/matters/${client.matterId}/contacts/${client.contact.id}/end-engagement`);
    expect((await client.session.get('/forms')).body.items).toEqual([]);
    expect((await client.session.get(`/forms/${request.id}`)).status).toBe(404);
    expect((await client.session.post(`/forms/${request.id}/submit`, { answers: {} })).status).toBe(404);
  });
});
