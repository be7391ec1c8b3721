import { expect, test } from './fixtures.js';
import { openTextableConversation } from './sms-support.js';

const SAM_MOBILE = '+447412345679';

test('when a client answers a text by text, then the reply appears live in the staff app via SMS, with the message it answers', async ({
  browser,
  request,
  baseURL,
}) => {
  const stamp = Date.now().toString(36);
  // Staff open the conversation and send a message as SMS.
  const { conversation, staff } = await openTextableConversation(browser, request, baseURL, {
    staffEmail: 'priya.shah@harbourvale.example',
    staffName: 'Priya Shah',
    contactName: 'Sam Ellis',
    mobile: SAM_MOBILE,
  });
  await staff.getByRole('switch', { name: 'Send as SMS' }).check();
  await expect(staff.getByText('Will be texted to Sam Ellis.')).toBeVisible();
  const original = `Please bring photo ID to the completion meeting (${stamp}).`;
  await staff.getByRole('textbox', { name: `Message ${conversation.title}` }).fill(original);
  await staff.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(
    staff
      .locator('li[data-message-id]')
      .filter({ hasText: original })
      .getByRole('button', { name: /^Text: / }),
  ).toBeVisible();

  // Sam answers by text from the phone simulator.
  const phone = await (await browser.newContext({ baseURL })).newPage();
  await phone.goto(`/dev/phone?number=${encodeURIComponent(SAM_MOBILE)}`);
  await expect(phone.locator('.b.out').filter({ hasText: stamp })).toBeVisible();
  const reply = `Will do, see you there (${stamp}).`;
  await phone.getByRole('textbox', { name: 'Text' }).fill(reply);
  await phone.getByRole('button', { name: 'Send text' }).click();
  await expect(phone.locator('.b.in').filter({ hasText: reply })).toBeVisible();

  // The reply appears live, labelled via SMS; "Show original message" reveals what it answers.
  const answer = staff.locator('li[data-message-id]').filter({ hasText: reply });
  await expect(answer).toBeVisible({ timeout: 20_000 });
  await expect(answer).toContainText('via SMS');
  await expect(answer).toContainText('Sam Ellis');
  const toggle = answer.getByRole('button', { name: 'Show original message' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(answer.getByRole('button', { name: 'Hide original message' })).toHaveAttribute('aria-expanded', 'true');
  await expect(answer.getByRole('blockquote')).toContainText(original);
});
