import { bearer, createFirm } from './support/fixtures.js';
import { signedInClient } from './support/portal-client.js';
import { signInContact } from './support/portal-session.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let f: Awaited<ReturnType<typeof createFirm>>;

beforeAll(async () => {
  app = await startTestApp();
  f = await createFirm(app);
});
afterAll(() => app.stop());

const staff = (method: 'get' | 'post', path: string, body?: object) =>
  app.http[method](`/api/v1${path}`).set(bearer(f.member.token)).send(body);

test('To Do lists forms to complete, invoices to pay (overdue by the date) and events in the next 14 days', async () => {
  const now = new Date('2030-03-10T12:00:00Z');
  app.clock.set(now);
  const client = await signedInClient(app, f.member.token, f.firm.id, { name: 'Toby' });
  const other = await signedInClient(app, f.member.token, f.firm.id, { matterId: client.matterId, name: 'Olga' });
  const m = client.matterId;
  const day = (n: number, hour = 9) => new Date(now.getTime() + n * 86_400_000 + (hour - 12) * 3_600_000).toISOString();
  const event = async (title: string, start: string, end: string, attendees = [client.contact.id]) =>
    (
      await staff('post', `/matters/${m}/events`, {
        title,
        startsAt: start,
        endsAt: end,
        timeZone: 'Europe/London',
        attendeeContactIds: attendees,
      })
    ).body as { id: string };
  const inWindow = await event('In 13 days', day(13), day(13, 10));
  const ongoing = await event('Started an hour ago', day(0, 11), day(0, 13));
  await event('In 15 days', day(15), day(15, 10));
  await event('Yesterday', day(-1), day(-1, 10));
  await event('Not invited', day(2), day(2, 10), [other.contact.id]);
  const cancelled = await event('Cancelled', day(3), day(3, 10));
  await staff('post', `/events/${cancelled.id}/cancel`);

  const form = (
    await staff('post', '/forms', {
      title: 'Quick check',
      fields: [{ key: 'ok', label: 'All fine?', type: 'checkbox', required: true }],
    })
  ).body;
  const open = (await staff('post', `/matters/${m}/form-requests`, { formId: form.id, contactId: client.contact.id }))
    .body;
  const done = (await staff('post', `/matters/${m}/form-requests`, { formId: form.id, contactId: client.contact.id }))
    .body;
  await staff('post', `/matters/${m}/form-requests`, { formId: form.id, contactId: other.contact.id });
  expect((await client.session.post(`/forms/${done.id}/submit`, { answers: { ok: true } })).status).toBe(200);

  const invoice = (number: string, dueDate: string, status = 'outstanding') =>
    staff('post', `/matters/${m}/invoices`, {
      number,
      issueDate: '2030-01-01',
      dueDate,
      amount: '75.25',
      currency: 'GBP',
      status,
    });
  const overdue = (await invoice('INV-OLD', '2030-03-09')).body;
  const dueToday = (await invoice('INV-TODAY', '2030-03-10')).body;
  await invoice('INV-PAID', '2030-02-01', 'paid');

  const todo = await client.session.get('/todo');
  expect(todo.status).toBe(200);
  expect(todo.body.unreadMessages).toBeDefined();
  expect(todo.body.documentsToOpen).toBeDefined();
  expect(todo.body.formsToComplete).toEqual([
    {
      id: open.id,
      title: 'Quick check',
      matter: { number: expect.any(String), title: expect.any(String) },
      status: 'sent',
    },
  ]);
  expect(todo.body.outstandingInvoices).toEqual([
    { id: overdue.id, number: 'INV-OLD', amount: '75.25', currency: 'GBP', dueDate: '2030-03-09', overdue: true },
    { id: dueToday.id, number: 'INV-TODAY', amount: '75.25', currency: 'GBP', dueDate: '2030-03-10', overdue: false },
  ]);
  expect(todo.body.upcomingEvents.map((e: { id: string }) => e.id)).toEqual([ongoing.id, inWindow.id]);
  expect(todo.body.upcomingEvents[0]).toEqual({
    id: ongoing.id,
    title: 'Started an hour ago',
    startsAt: day(0, 11),
    endsAt: day(0, 13),
    timeZone: 'Europe/London',
  });

  // two days later (a new sign-in: sessions idle out) the 15-day event is in the window
  app.clock.advance(2 * 86_400_000);
  const again = await signInContact(app, client.contact.email!);
  const later = await again.get('/todo');
  expect(later.body.upcomingEvents.map((e: { title: string }) => e.title)).toEqual(['In 13 days', 'In 15 days']);
  expect(later.body.outstandingInvoices.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
});
