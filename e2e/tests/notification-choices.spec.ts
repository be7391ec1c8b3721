import { expect, test } from './fixtures.js';
import { openInStaffApp, openLinkAndSignIn, staffOnMatter, startConversationWithLink } from './portal-support.js';

test('when a client chooses SMS, quiet hours and a daily digest in the portal, then the choice is kept after a reload and staff see it beside the contact', async ({
  browser,
  request,
  baseURL,
}) => {
  const stamp = Date.now().toString(36);
  const { api, matter } = await staffOnMatter(request, 'alex.morgan@harbourvale.example', '2026-0001', 'Jordan Ellis');
  const clientEmail = `notify.${stamp}@mail.example`;
  const name = `Nia Notify ${stamp}`;
  const client = await api.post<{ id: string; email: string | null }>('/contacts', {
    name,
    email: clientEmail,
    mobile: '+447400166186',
    kind: 'client',
  });
  await api.put(`/matters/${matter.id}/contacts/${client.id}`);
  const { link } = await startConversationWithLink(request, api, matter.id, client);

  // The client, on a 360 px phone: the header's Notifications link opens the page.
  const portal = await openLinkAndSignIn(browser, request, { baseURL, link, email: clientEmail });
  await portal.setViewportSize({ width: 360, height: 740 });
  await portal.getByRole('link', { name: 'Notifications' }).click();
  await expect(portal.getByRole('heading', { level: 2, name: 'Notifications' })).toBeVisible();
  await portal.getByRole('radio', { name: 'Text message (SMS)' }).check();
  await portal.getByLabel('From').fill('22:00');
  await portal.getByLabel('To', { exact: true }).fill('07:00');
  await portal.getByRole('combobox', { name: 'Time zone' }).selectOption('Europe/London');
  await portal.getByRole('checkbox', { name: /one summary email a day/ }).check();
  const save = portal.getByRole('button', { name: 'Save' });
  await save.scrollIntoViewIfNeeded();
  const box = await save.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(360);
  await save.click();
  await expect(portal.getByText('Saved.')).toBeVisible();

  await portal.reload();
  await expect(portal.getByRole('radio', { name: 'Text message (SMS)' })).toBeChecked();
  await expect(portal.getByLabel('From')).toHaveValue('22:00');
  await expect(portal.getByLabel('To', { exact: true })).toHaveValue('07:00');
  await expect(portal.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Europe/London');
  await expect(portal.getByRole('checkbox', { name: /one summary email a day/ })).toBeChecked();

  // Staff: the matter's contacts show the choice beside the client.
  const staff = await openInStaffApp(browser, baseURL, 'Alex Morgan', `matters/${matter.id}`, '2026-0001');
  const row = staff.getByRole('list', { name: 'Contacts' }).getByRole('listitem').filter({ hasText: name });
  await expect(row).toContainText('Notified by SMS · quiet 22:00–07:00 Europe/London · daily digest');
});
