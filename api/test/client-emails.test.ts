import { randomBytes } from 'node:crypto';
import { bearer, createContact, createFirm, createMatter } from './support/fixtures.js';
import { codeIn, linkTokenIn, openLink, originOf } from './support/portal-session.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let f: Awaited<ReturnType<typeof createFirm>>;

beforeAll(async () => {
  app = await startTestApp();
  f = await createFirm(app);
});
afterAll(() => app.stop());

const staff = (path: string, body?: object) => app.http.post(`/api/v1${path}`).set(bearer(f.member.token)).send(body);
const address = (name: string) => `${name}.${randomBytes(4).toString('hex')}@mail.example`;
const emailsTo = async (to: string, kind: string) =>
  (await app.outbox()).filter((m) => m.channel === 'email' && m.to === to && m.kind === kind);

async function waitForEmails(to: string, kind: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const found = await emailsTo(to, kind);
    if (found.length >= count) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${kind} email to ${to}`);
}

describe('emails to clients', () => {
  test('when someone who never signed in asks for a new link, then the email says here is your new link, not that they were invited', async () => {
    const matter = await createMatter(app.db, f.firm.id);
    const contact = await createContact(app.db, f.firm.id, matter, 'Robin Asker', { email: address('robin') });
    await staff('/conversations', { kind: 'external_matter', matterId: matter, contactIds: [contact.id] });
    const [invitation] = await waitForEmails(contact.email!, 'secure_link', 1);
    expect(invitation!.subject).toBe(`${f.firm.name} has invited you to a secure conversation`);

    const asked = await app.http
      .post('/api/portal/v1/auth/request-link')
      .set('Origin', originOf(app))
      .send({ email: contact.email });
    expect(asked.status).toBe(202);
    const [requested] = await waitForEmails(contact.email!, 'secure_link', 2);
    expect(requested!.subject).toBe(`Your new secure link from ${f.firm.name}`);
    expect(requested!.text).toContain('Here is your new link, as you asked');
    expect(requested!.text).not.toMatch(/invited you/i);
    expect(requested!.text).toMatch(/#link=[A-Za-z0-9_-]{40,}/);
  });

  test('when the firm and the client have names holding <script> and &, then their emails escape them in HTML, keep them verbatim in text, and carry the link and the code', async () => {
    const hostile = await createFirm(app, 'Smith & <script>alert("firm")</script> LLP');
    const matter = await createMatter(app.db, hostile.firm.id, { number: 'M&1', title: 'Sale <b>&</b> purchase' });
    const contact = await createContact(app.db, hostile.firm.id, matter, '<script>alert(1)</script>&Ann Client', {
      email: address('hostile'),
    });
    const started = await app.http
      .post('/api/v1/conversations')
      .set(bearer(hostile.member.token))
      .send({ kind: 'external_matter', matterId: matter, contactIds: [contact.id] });
    expect(started.status).toBe(201);
    const [link] = await waitForEmails(contact.email!, 'secure_link', 1);
    expect(link!.subject).toBe('Smith & <script>alert("firm")</script> LLP has invited you to a secure conversation');
    expect(link!.text).toContain('Hello <script>alert(1)</script>&Ann,');
    expect(link!.html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;&amp;Ann,');
    expect(link!.html).toContain('Smith &amp; &lt;script&gt;alert(&quot;firm&quot;)&lt;/script&gt; LLP');
    expect(link!.html).not.toMatch(/<script/i);
    const token = linkTokenIn(link!.text!);
    expect(token.length).toBeGreaterThan(40);
    expect(link!.html).toContain(`#link=${token}"`);

    expect((await openLink(app, token)).status).toBe(200);
    const [code] = await waitForEmails(contact.email!, 'sign_in_code', 1);
    const digits = codeIn(code!.subject!);
    expect(code!.subject).toBe(`Your sign-in code: ${digits}`);
    expect(code!.text).toContain(`Your Smith & <script>alert("firm")</script> LLP sign-in code: ${digits}`);
    expect(code!.html).toContain(
      `Your Smith &amp; &lt;script&gt;alert(&quot;firm&quot;)&lt;/script&gt; LLP sign-in code: ${digits}`,
    );
    expect(code!.html).not.toMatch(/<script/i);
  });

  test('when staff add an outstanding invoice, then each engaged client is emailed a link to it; third parties, ended clients and paid invoices get nothing', async () => {
    const matter = await createMatter(app.db, f.firm.id, { number: 'INV-M-1', title: 'Purchase of 14 Quay Street' });
    const client = await createContact(app.db, f.firm.id, matter, 'Jordan Payer', { email: address('jordan') });
    const ended = await createContact(app.db, f.firm.id, matter, 'Sam Ended', { email: address('sam') });
    const surveyor = await createContact(app.db, f.firm.id, matter, 'Dana Surveyor', {
      email: address('dana'),
      kind: 'third_party',
    });
    expect((await staff(`/matters/${matter}/contacts/${ended.id}/end-engagement`)).status).toBe(204);

    const created = await staff(`/matters/${matter}/invoices`, {
      number: 'INV-2041',
      issueDate: '2026-11-01',
      dueDate: '2026-12-01',
      amount: '1250.50',
      currency: 'GBP',
    });
    expect(created.status).toBe(201);
    const [mail] = await waitForEmails(client.email!, 'invoice_added', 1);
    expect(mail!.subject).toBe(`${f.firm.name} has sent you invoice INV-2041`);
    expect(mail!.text).toContain('GBP 1250.50, due 2026-12-01');
    expect(mail!.text).toContain('INV-M-1');
    expect(mail!.text).toMatch(/#link=[A-Za-z0-9_-]{40,}/);
    expect(await emailsTo(ended.email!, 'invoice_added')).toHaveLength(0);
    expect(await emailsTo(surveyor.email!, 'invoice_added')).toHaveLength(0);

    await staff(`/matters/${matter}/invoices`, {
      number: 'INV-2042',
      issueDate: '2026-11-01',
      dueDate: '2026-12-01',
      amount: '10',
      currency: 'GBP',
      status: 'paid',
    });
    await staff(`/matters/${matter}/invoices`, {
      number: 'INV-2043',
      issueDate: '2026-11-01',
      dueDate: '2026-12-01',
      amount: '10',
      currency: 'GBP',
      notifyClients: false,
    });
    expect(await emailsTo(client.email!, 'invoice_added')).toHaveLength(1);
  });
});
