import { bearer, createContact, createFirm, createMatter } from './support/fixtures.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

describe('email context for the Outlook task pane', () => {
  test('when an email involves contacts, then their visible matters and conversations are suggested', async () => {
    const f = await createFirm(app);
    const open = await createMatter(app.db, f.firm.id, { number: 'OL-1', title: 'Open matter' });
    const secret = await createMatter(app.db, f.firm.id, { number: 'OL-2', restrictedTo: [f.admin.id] });
    const client = await createContact(app.db, f.firm.id, open, 'Olive Client', { email: 'Olive@Client.example' });
    await app.http.put(`/api/v1/matters/${secret}/contacts/${client.id}`).set(bearer(f.admin.token));
    const conv = await app.http
      .post('/api/v1/conversations')
      .set(bearer(f.member.token))
      .send({ kind: 'external_matter', matterId: open, contactIds: [client.id] });
    const res = await app.http
      .get('/api/v1/outlook/email-context')
      .query({ emails: 'olive@client.example,stranger@else.example' })
      .set(bearer(f.member.token));
    expect(res.status).toBe(200);
    expect(res.body.contacts.map((c: { id: string }) => c.id)).toEqual([client.id]);
    expect(res.body.unknownEmails).toEqual(['stranger@else.example']);
    expect(res.body.matters.map((m: { matter: { number: string } }) => m.matter.number)).toEqual(['OL-1']);
    expect(res.body.matters[0].conversations.map((c: { id: string }) => c.id)).toEqual([conv.body.id]);
    const admin = await app.http
      .get('/api/v1/outlook/email-context')
      .query({ emails: 'olive@client.example' })
      .set(bearer(f.admin.token));
    expect(admin.body.matters.map((m: { matter: { number: string } }) => m.matter.number).sort()).toEqual([
      'OL-1',
      'OL-2',
    ]);
    const other = await createFirm(app);
    const cross = await app.http
      .get('/api/v1/outlook/email-context')
      .query({ emails: 'olive@client.example' })
      .set(bearer(other.member.token));
    expect(cross.body).toEqual({ contacts: [], unknownEmails: ['olive@client.example'], matters: [] });
    const bad = await app.http
      .get('/api/v1/outlook/email-context')
      .query({ emails: 'not-an-email' })
      .set(bearer(f.member.token));
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('emails.0');
  });
});
