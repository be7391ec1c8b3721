import { expect, test } from './fixtures.js';
import { openTextableConversation } from './sms-support.js';

const SAM_MOBILE = '+447412340077';

test('when a text’s quick-reply page shows a message with only files, then it names the files; a reload stays on the page, and going on to sign in leaves it', async ({
  browser,
  request,
  baseURL,
}) => {
  test.slow();
  const stamp = Date.now().toString(36);
  const { conversation, staff } = await openTextableConversation(browser, request, baseURL, {
    staffEmail: 'alex.morgan@harbourvale.example',
    staffName: 'Alex Morgan',
    contactName: 'Sam Ellis',
    mobile: SAM_MOBILE,
  });

  // A message with files and no words, then a text with a reply link.
  const fileName = `completion-statement-${stamp}.pdf`;
  await staff.setInputFiles('[data-testid="attach-files-input"]', {
    name: fileName,
    mimeType: 'application/pdf',
    buffer: Buffer.from(`%PDF-1.4 statement ${stamp}`),
  });
  await staff.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(staff.locator('li[data-message-id]').filter({ hasText: fileName })).toBeVisible();
  await staff.getByRole('switch', { name: 'Send as SMS' }).check();
  const text = `The completion statement is attached (${stamp}).`;
  await staff.getByRole('textbox', { name: `Message ${conversation.title}` }).fill(text);
  await staff.getByRole('button', { name: 'Send', exact: true }).click();

  const phone = await (await browser.newContext({ baseURL })).newPage();
  await phone.goto(`/dev/phone?number=${encodeURIComponent(SAM_MOBILE)}`);
  const bubble = phone.locator('.b.out').filter({ hasText: stamp });
  await expect(bubble).toBeVisible();
  const link = /https?:\/\/\S+\/portal\/#reply=[A-Za-z0-9_-]+/.exec(await bubble.innerText())?.[0];
  expect(link, 'the text carries a quick-reply link').toBeTruthy();

  const client = await (await browser.newContext({ baseURL })).newPage();
  await client.goto(link!);
  const latest = client.getByRole('region', { name: 'Latest messages' });
  await expect(latest).toContainText(text);
  // The file-only message is no empty bubble: it names its file and size.
  const filesOnly = latest.getByRole('listitem').filter({ has: client.getByRole('list', { name: 'Files' }) });
  await expect(filesOnly.getByRole('list', { name: 'Files' })).toContainText(fileName);
  await expect(filesOnly.getByRole('list', { name: 'Files' })).toContainText(/\d+ bytes/);
  expect(client.url()).not.toContain('reply=');

  // A reload keeps the page (the token lives in this tab only), still out of the address bar.
  await client.reload();
  await expect(client.getByRole('region', { name: 'Latest messages' })).toContainText(text);
  expect(client.url()).not.toContain('reply=');
  await expect(client.getByRole('textbox', { name: 'Your reply' })).toBeVisible();

  // A new tab of the same browser does not inherit it.
  const otherTab = await client.context().newPage();
  await otherTab.goto('/portal/');
  await expect(otherTab.getByRole('region', { name: 'Latest messages' })).toHaveCount(0);

  // Going on to sign in leaves the quick-reply page for good in this tab.
  await client.getByRole('link', { name: 'sign in to the portal' }).click();
  await expect(client.getByRole('region', { name: 'Latest messages' })).toHaveCount(0);
  await client.reload();
  await expect(client.getByRole('region', { name: 'Latest messages' })).toHaveCount(0);

  for (const page of [staff, phone, client]) await page.context().close();
});
