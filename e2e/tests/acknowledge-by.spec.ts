import { expect, test } from './fixtures.js';
import {
  openInStaffApp,
  openLinkAndSignIn,
  portalMessage,
  staffOnMatter,
  startConversationWithLink,
} from './portal-support.js';

test('when staff mark a message "needs acknowledgement by", then the client sees the banner and presses "I have read this", and staff see who acknowledged it live', async ({
  browser,
  request,
  baseURL,
}) => {
  const stamp = Date.now().toString(36);
  const { api, matter } = await staffOnMatter(request, 'alex.morgan@harbourvale.example', '2026-0001', 'Jordan Ellis');
  const clientEmail = `ack.${stamp}@mail.example`;
  const client = await api.post<{ id: string; email: string | null }>('/contacts', {
    name: 'Avery Acknowledger',
    email: clientEmail,
    kind: 'client',
  });
  await api.put(`/matters/${matter.id}/contacts/${client.id}`);
  const { conversation, link } = await startConversationWithLink(request, api, matter.id, client);

  // Staff: the composer's "Ask the client to confirm", by the offered deadline (tomorrow 17:00).
  const staff = await openInStaffApp(
    browser,
    baseURL,
    'Alex Morgan',
    `conversations/${conversation.id}`,
    conversation.title,
  );
  const text = `Please read the completion statement before Friday (${stamp}).`;
  await staff.getByRole('textbox', { name: `Message ${conversation.title}` }).fill(text);
  const ask = staff.getByRole('switch', { name: 'Ask the client to confirm' });
  await ask.check();
  await expect(staff.getByRole('combobox', { name: 'What is needed' })).toHaveValue('read');
  await expect(staff.getByLabel('By', { exact: true })).not.toHaveValue('');
  await staff.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(ask).not.toBeChecked();
  const sent = staff.locator('li[data-message-id]').filter({ hasText: stamp });
  await expect(sent).toContainText('Needs acknowledgement by');

  // The client: the banner with what is asked and by whom, and "I have read this".
  const portal = await openLinkAndSignIn(browser, request, { baseURL, link, email: clientEmail });
  await expect(portalMessage(portal, text)).toBeVisible();
  const banner = portal.getByRole('region', { name: 'Please confirm you have read this message' });
  await expect(banner).toContainText('Alex Morgan asked you to confirm by');
  await expect(banner).toContainText(text);
  await banner.getByRole('button', { name: 'I have read this' }).click();
  await expect(
    portal.getByRole('status').filter({ hasText: 'Thank you. Harbour & Vale LLP can see you confirmed' }),
  ).toBeVisible();
  await expect(banner).toHaveCount(0);

  // Staff see it live on the message: who, and when.
  await expect(sent).toContainText('Acknowledged by Avery Acknowledger at');
  await expect(sent).not.toContainText('Needs acknowledgement by');

  // A reload of the portal shows no banner: it is recorded, once.
  await portal.reload();
  await expect(portalMessage(portal, text)).toBeVisible();
  await expect(portal.getByRole('region', { name: 'Please confirm you have read this message' })).toHaveCount(0);
});
