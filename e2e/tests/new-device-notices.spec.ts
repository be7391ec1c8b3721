import { expect, test } from './fixtures.js';
import { openInStaffApp, openLinkAndSignIn, staffOnMatter, startConversationWithLink } from './portal-support.js';

test('when a client signs in from many new browsers, then their conversation shows one notice for them, counting the earlier ones, and stays usable', async ({
  browser,
  request,
  baseURL,
}) => {
  test.slow();
  const { api, matter, contact } = await staffOnMatter(
    request,
    'alex.morgan@harbourvale.example',
    '2026-0001',
    'Jordan Ellis',
  );
  // Seven browsers, each never seen for Jordan before: seven unanswered sign-in notices.
  for (let i = 0; i < 7; i++) {
    const { link } = await startConversationWithLink(request, api, matter.id, contact);
    const page = await openLinkAndSignIn(browser, request, { baseURL, link, email: contact.email! });
    await page.context().close();
  }
  const { conversation } = await startConversationWithLink(request, api, matter.id, contact);
  const staff = await openInStaffApp(browser, baseURL, 'Alex Morgan', `conversations/${conversation.id}`);
  const notices = staff.getByText('Jordan Ellis signed in from a new device');
  await expect(notices).toHaveCount(1);
  await expect(staff.getByText(/^Also \d+ earlier sign-ins from new devices or countries\.$/)).toBeVisible();

  // The conversation is not buried under warnings: its Files tab still works.
  await staff.getByRole('tab', { name: 'Files' }).click();
  await staff.getByRole('button', { name: 'Share a document' }).click({ timeout: 15_000 });
  await expect(staff.getByRole('dialog', { name: 'Share a document' })).toBeVisible();
  await staff.context().close();
});
