import { expect, test } from './fixtures.js';
import { openTextableConversation } from './sms-support.js';

const JORDAN_MOBILE = '+447412345678';

test('when staff send a message as SMS, then the client gets a text with a quick-reply link, replies without signing in, and staff see the reply live via quick link', async ({
  browser,
  request,
  baseURL,
}) => {
  const stamp = Date.now().toString(36);
  // An external conversation with Jordan Ellis, who has a UK mobile (the firm texts the UK).
  const { matter, conversation, staff } = await openTextableConversation(browser, request, baseURL, {
    staffEmail: 'alex.morgan@harbourvale.example',
    staffName: 'Alex Morgan',
    contactName: 'Jordan Ellis',
    mobile: JORDAN_MOBILE,
  });

  // Send as SMS: the composer says who will be texted before sending.
  const smsSwitch = staff.getByRole('switch', { name: 'Send as SMS' });
  await smsSwitch.check();
  await expect(staff.getByText('Will be texted to Jordan Ellis.')).toBeVisible();
  const text = `The survey for 14 Quay Street is booked for Friday (${stamp}).`;
  await staff.getByRole('textbox', { name: `Message ${conversation.title}` }).fill(text);
  // With a file attached, the message still goes as a text too (the file stays in the portal).
  const fileName = `survey-booking-${stamp}.txt`;
  await staff.setInputFiles('[data-testid="attach-files-input"]', {
    name: fileName,
    mimeType: 'text/plain',
    buffer: Buffer.from('Survey booked for Friday.'),
  });
  await staff.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(smsSwitch).not.toBeChecked();

  // The per-recipient status appears under the message and moves on live.
  const sent = staff.locator('li[data-message-id]').filter({ hasText: text });
  await expect(sent.getByRole('list', { name: 'Attached files' })).toContainText(fileName);
  const status = sent.getByRole('button', { name: /^Text: / });
  await expect(status).toBeVisible();
  await expect(status).toHaveText(/^Text: (Sent|Delivered)$/);
  await status.click();
  const perRecipient = sent.getByRole('list', { name: 'Text delivery by recipient' });
  await expect(perRecipient).toContainText('Jordan Ellis');
  await expect(perRecipient).toContainText(JORDAN_MOBILE);

  // The phone simulator shows the text with its personal reply link.
  const phone = await (await browser.newContext({ baseURL })).newPage();
  await phone.goto(`/dev/phone?number=${encodeURIComponent(JORDAN_MOBILE)}`);
  const bubble = phone.locator('.b.out').filter({ hasText: stamp });
  await expect(bubble).toBeVisible();
  await expect(bubble).toContainText('Harbour & Vale LLP:');
  const link = /https?:\/\/\S+\/portal\/#reply=[A-Za-z0-9_-]+/.exec((await bubble.innerText()) ?? '')?.[0];
  expect(link, 'the text carries a quick-reply link').toBeTruthy();

  // Following the link: the conversation, without signing in; the token leaves the address bar.
  const client = await (await browser.newContext({ baseURL })).newPage();
  await client.goto(link!);
  // The client sees the conversation under the matter's title.
  await expect(client.getByRole('heading', { level: 1, name: matter.title })).toBeVisible();
  expect(client.url()).not.toContain('reply=');
  await expect(client.getByText('Harbour & Vale LLP', { exact: true })).toBeVisible();
  await expect(client.getByRole('region', { name: 'Latest messages' })).toContainText(text);
  const reply = `Friday suits me, thank you (${stamp}).`;
  await client.getByRole('textbox', { name: 'Your reply' }).fill(reply);
  await client.getByRole('button', { name: 'Send reply' }).click();
  await expect(client.getByRole('status')).toContainText('Your reply was sent to Harbour & Vale LLP.');
  await expect(client.getByRole('region', { name: 'Latest messages' })).toContainText(reply);

  // Staff see the reply arrive live, highlighted and labelled.
  const answer = staff.locator('li[data-message-id]').filter({ hasText: reply });
  await expect(answer).toBeVisible();
  await expect(answer).toContainText('via quick link');
  await expect(answer).toContainText('Jordan Ellis');
});

test('when a quick-reply link is not valid, then the page says so and offers the portal sign-in', async ({ page }) => {
  await page.goto(`/portal/#reply=${'x'.repeat(43)}`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'This reply link has expired or is not valid' }),
  ).toBeVisible();
  expect(page.url()).not.toContain('reply=');
  await expect(page.getByRole('link', { name: 'Sign in to the portal' })).toHaveAttribute('href', '/portal/');
});
