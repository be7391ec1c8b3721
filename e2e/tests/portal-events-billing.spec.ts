import { expect, test } from './fixtures.js';
import {
  findMatter,
  makePdf,
  openInStaffApp,
  openLinkAndSignIn,
  outboxIds,
  secureLinkOf,
  staffApi,
  staffToken,
  waitForEmail,
} from './portal-support.js';

const JORDAN_EMAIL = 'jordan.ellis@mail.example';

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test('when staff add an event and invoices on a matter, then the client sees them under Events, Billing and To do on a phone', async ({
  browser,
  request,
  baseURL,
}) => {
  const stamp = Date.now().toString(36);
  const api = staffApi(request, await staffToken(request, 'alex.morgan@harbourvale.example'));
  const matter = await findMatter(api, '2026-0001');
  const staff = await openInStaffApp(browser, baseURL, 'Alex Morgan', `matters/${matter.id}`, '2026-0001');

  // An event in New York time, with a video link, for Jordan.
  const eventTitle = `Completion call ${stamp}`;
  const day = isoDay(3);
  await staff.getByRole('button', { name: 'Add event' }).click();
  const eventDialog = staff.getByRole('dialog', { name: 'Add event' });
  await eventDialog.getByRole('textbox', { name: /^Title/ }).fill(eventTitle);
  await eventDialog.getByLabel('Starts').fill(`${day}T10:00`);
  await eventDialog.getByLabel('Ends').fill(`${day}T09:00`);
  await eventDialog.getByRole('combobox', { name: /^Time zone/ }).selectOption('America/New_York');
  await eventDialog.getByRole('textbox', { name: /^Video call link/ }).fill('https://meet.example/quay-street');
  await eventDialog.getByRole('checkbox', { name: /^Jordan Ellis/ }).check();
  await eventDialog.getByRole('button', { name: 'Add event' }).click();
  await expect(eventDialog.getByText('The end must be after the start.')).toBeVisible();
  await eventDialog.getByLabel('Ends').fill(`${day}T11:00`);
  const seen = await outboxIds(request);
  await eventDialog.getByRole('button', { name: 'Add event' }).click();
  await expect(eventDialog).toBeHidden();
  const eventItem = staff.getByRole('listitem', { name: eventTitle });
  await expect(eventItem).toContainText('10:00');
  await expect(eventItem).toContainText('Attendees: Jordan Ellis');

  // An overdue invoice with its PDF and a payment link, and a second one marked paid.
  const overdueNumber = `INV-${stamp}-1`;
  await staff.getByRole('button', { name: 'Add invoice' }).click();
  let invoiceDialog = staff.getByRole('dialog', { name: 'Add invoice' });
  await invoiceDialog.getByRole('textbox', { name: /^Invoice number/ }).fill(overdueNumber);
  await invoiceDialog.getByLabel('Issue date').fill(isoDay(-30));
  await invoiceDialog.getByLabel('Due date').fill(isoDay(-2));
  await invoiceDialog.getByRole('combobox', { name: /^Currency/ }).selectOption('GBP');
  await invoiceDialog.getByRole('textbox', { name: /^Amount/ }).fill('1250.555');
  await invoiceDialog.getByRole('button', { name: 'Add invoice' }).click();
  await expect(invoiceDialog.getByText('GBP amounts have at most 2 decimal places.')).toBeVisible();
  await invoiceDialog.getByRole('textbox', { name: /^Amount/ }).fill('1,250.5');
  await invoiceDialog.locator('input[type="file"]').setInputFiles({
    name: `${overdueNumber}.pdf`,
    mimeType: 'application/pdf',
    buffer: makePdf(stamp),
  });
  await invoiceDialog.getByRole('textbox', { name: /^Payment link/ }).fill('https://pay.example/quay-street');
  await invoiceDialog.getByRole('button', { name: 'Add invoice' }).click();
  await expect(invoiceDialog).toBeHidden();
  const overdueItem = staff.getByRole('listitem', { name: `Invoice ${overdueNumber}` });
  await expect(overdueItem).toContainText('£1,250.50');
  await expect(overdueItem).toContainText('Overdue');

  const paidNumber = `INV-${stamp}-2`;
  await staff.getByRole('button', { name: 'Add invoice' }).click();
  invoiceDialog = staff.getByRole('dialog', { name: 'Add invoice' });
  await invoiceDialog.getByRole('textbox', { name: /^Invoice number/ }).fill(paidNumber);
  await invoiceDialog.getByLabel('Due date').fill(isoDay(10));
  await invoiceDialog.getByRole('textbox', { name: /^Amount/ }).fill('300');
  await invoiceDialog.getByRole('combobox', { name: /^Currency/ }).selectOption('EUR');
  await invoiceDialog.getByRole('button', { name: 'Add invoice' }).click();
  await expect(invoiceDialog).toBeHidden();
  const paidItem = staff.getByRole('listitem', { name: `Invoice ${paidNumber}` });
  await paidItem.getByRole('button', { name: `Mark paid: invoice ${paidNumber}` }).click();
  await expect(paidItem).toContainText('Paid');

  // Jordan was emailed about the event; signed in on a 360 px wide phone.
  const email = await waitForEmail(request, seen, (m) => m.kind.startsWith('event_') && m.to === JORDAN_EMAIL);
  const client = await openLinkAndSignIn(browser, request, { baseURL, link: secureLinkOf(email), email: JORDAN_EMAIL });
  await client.setViewportSize({ width: 360, height: 740 });
  const nav = client.getByRole('navigation', { name: 'Sections' });
  // Messages may carry an unread count from earlier specs ("Messages, 1 unread message").
  for (const name of ['To do', 'Messages', 'Documents', 'Events', 'Billing']) {
    await expect(nav.getByRole('link', { name: new RegExp(`^${name}\\b`) })).toBeVisible();
  }
  const noSideScroll = () => client.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  // To do: the overdue invoice and the event, each leading to its place.
  await nav.getByRole('link', { name: 'To do' }).click();
  const invoicesToDo = client.getByRole('region', { name: 'Invoices to pay' });
  await expect(invoicesToDo).toContainText(`Invoice ${overdueNumber}`);
  await expect(invoicesToDo).toContainText('Overdue');
  await expect(client.getByRole('region', { name: 'Coming up' })).toContainText(eventTitle);
  expect(await noSideScroll()).toBe(true);
  await client
    .getByRole('region', { name: 'Coming up' })
    .getByRole('link', { name: new RegExp(eventTitle) })
    .click();

  // Events: the time in New York and the viewer's own, the video link, and a calendar file.
  await expect(client.getByRole('heading', { level: 2, name: 'Events' })).toBeVisible();
  const card = client.getByRole('article', { name: eventTitle });
  await expect(card).toContainText('10:00');
  await expect(card).toContainText('Your time:');
  await expect(card).toContainText('Matter 2026-0001');
  await expect(card).toContainText('With Jordan Ellis');
  const video = card.getByRole('link', { name: 'Join video call' });
  await expect(video).toHaveAttribute('href', 'https://meet.example/quay-street');
  await expect(video).toHaveAttribute('rel', 'noopener noreferrer');
  const ics = card.getByRole('link', { name: `Add to calendar (.ics): ${eventTitle}` });
  const icsResponse = await client.request.get((await ics.getAttribute('href'))!);
  expect(icsResponse.headers()['content-type']).toContain('text/calendar');
  expect(await icsResponse.text()).toContain('BEGIN:VEVENT');
  expect(await noSideScroll()).toBe(true);

  // Billing: totals per currency, overdue badge, Pay (new tab) and the PDF; the paid one without Pay.
  await nav.getByRole('link', { name: 'Billing' }).click();
  await expect(client.getByRole('heading', { level: 2, name: 'Billing' })).toBeVisible();
  const outstanding = client.getByRole('region', { name: 'Outstanding' });
  await expect(outstanding).toContainText(`Invoice ${overdueNumber}`);
  await expect(outstanding).toContainText('£1,250.50');
  await expect(outstanding).toContainText('Overdue');
  const pay = outstanding.getByRole('link', { name: new RegExp(`^Pay invoice ${overdueNumber}`) });
  await expect(pay).toHaveAttribute('href', 'https://pay.example/quay-street');
  await expect(pay).toHaveAttribute('target', '_blank');
  await expect(pay).toHaveAttribute('rel', 'noopener noreferrer');
  const pdfLink = outstanding.getByRole('link', { name: `Download PDF of invoice ${overdueNumber}` });
  const pdf = await client.request.get((await pdfLink.getAttribute('href'))!);
  expect((await pdf.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');
  const paid = client.getByRole('region', { name: 'Paid' });
  await expect(paid).toContainText(`Invoice ${paidNumber}`);
  await expect(paid).toContainText('€300.00');
  await expect(paid.getByRole('link', { name: /^Pay invoice/ })).toHaveCount(0);
  await expect(client.getByRole('region', { name: 'Totals' })).toContainText('GBP');
  await expect(client.getByRole('region', { name: 'Totals' })).toContainText('EUR');
  expect(await noSideScroll()).toBe(true);

  // Staff change the event's title, then cancel it (after confirming): it leaves the client's Events.
  await eventItem.getByRole('button', { name: `Edit ${eventTitle}` }).click();
  const editDialog = staff.getByRole('dialog', { name: 'Edit event' });
  await expect(editDialog.getByLabel('Starts')).toHaveValue(`${day}T10:00`);
  await expect(editDialog.getByRole('combobox', { name: /^Time zone/ })).toHaveValue('America/New_York');
  const renamed = `${eventTitle} (moved online)`;
  await editDialog.getByRole('textbox', { name: /^Title/ }).fill(renamed);
  await editDialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(editDialog).toBeHidden();
  const renamedItem = staff.getByRole('listitem', { name: renamed });
  await renamedItem.getByRole('button', { name: `Cancel event: ${renamed}` }).click();
  await staff
    .getByRole('alertdialog', { name: 'Cancel this event?' })
    .getByRole('button', { name: 'Cancel event' })
    .click();
  await expect(renamedItem).toContainText('Cancelled');
  await expect(renamedItem.getByRole('button', { name: `Cancel event: ${renamed}` })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Events' }).click();
  await expect(client.getByRole('heading', { level: 2, name: 'Events' })).toBeVisible();
  // the demo firm's own events may still be listed; the cancelled one is not among them
  await expect(
    client.getByRole('list', { name: 'Upcoming events' }).or(client.getByText('No upcoming events')),
  ).toBeVisible();
  await expect(client.getByRole('article', { name: renamed })).toHaveCount(0);
});
