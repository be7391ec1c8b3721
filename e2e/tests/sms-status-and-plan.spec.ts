import { expect, test } from './fixtures.js';
import { findMatterContact, openInStaffApp, staffOnMatter, startExternalConversation } from './portal-support.js';
import { setContactMobile } from './sms-support.js';

const DANIEL_MOBILE = '+447412345690';
const SAM_MOBILE = '+447412345691';
/** The number the phone simulator shows texts as coming from (embedded mode without ACS). */
const FIRM_NUMBER = '+447400000000';

test('when staff text a message with a link, then the composer names who cannot be texted and why, the phone shows "Survey report: https://…", and the status moves from Sent to Delivered or Failed with its reason', async ({
  browser,
  request,
  baseURL,
}) => {
  const stamp = Date.now().toString(36);
  const {
    token,
    api,
    matter,
    contact: daniel,
  } = await staffOnMatter(request, 'alex.morgan@harbourvale.example', '2026-0001', 'Daniel Okafor');
  const sam = await findMatterContact(api, matter.id, 'Sam Ellis');
  await setContactMobile(request, token, daniel.id, DANIEL_MOBILE);
  await setContactMobile(request, token, sam.id, SAM_MOBILE);
  // Sam asks, by text, not to be texted any more.
  const optOut = await request.post('/dev/phone/reply', {
    form: { from: SAM_MOBILE, to: FIRM_NUMBER, message: 'Please stop texting me' },
    maxRedirects: 0,
  });
  expect(optOut.status()).toBe(303);

  const conversation = await startExternalConversation(api, matter.id, [daniel.id, sam.id]);
  const staff = await openInStaffApp(
    browser,
    baseURL,
    'Alex Morgan',
    `conversations/${conversation.id}`,
    conversation.title,
  );

  // Before sending, the composer says what the server will do: Daniel is texted, Sam opted out.
  const smsSwitch = staff.getByRole('switch', { name: 'Send as SMS' });
  await smsSwitch.check();
  await expect(staff.getByText('Will be texted to Daniel Okafor.')).toBeVisible();
  await expect(staff.getByRole('list', { name: 'Cannot be texted' })).toHaveText(
    /Sam Ellis: this number opted out of texts/,
  );

  // A message with a link added by "Add link".
  const composer = staff.getByRole('textbox', { name: `Message ${conversation.title}` });
  await composer.fill(`The survey is in (${stamp}): `);
  await staff.getByRole('button', { name: 'Add link' }).click();
  const dialog = staff.getByRole('dialog', { name: 'Add link' });
  await dialog.getByRole('textbox', { name: 'Text to show' }).fill('Survey report');
  const url = `https://files.example/survey-${stamp}.pdf`;
  await dialog.getByRole('textbox', { name: 'Address' }).fill(url);
  await dialog.getByRole('button', { name: 'Insert link' }).click();
  await expect(composer).toHaveValue(`The survey is in (${stamp}): [Survey report](${url})`);
  await staff.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(smsSwitch).not.toBeChecked();

  // Sam's text failed before sending (he opted out); Daniel's is sent, waiting for the carrier.
  const sent = staff.locator('li[data-message-id]').filter({ hasText: stamp });
  const status = sent.getByRole('button', { name: /^Texts: / });
  await expect(status).toHaveText('Texts: 1 failed, 1 sent');
  await status.click();
  const perRecipient = sent.getByRole('list', { name: 'Text delivery by recipient' });
  await expect(perRecipient.getByRole('listitem').filter({ hasText: 'Sam Ellis' })).toHaveText(
    `Sam Ellis (${SAM_MOBILE}): Failed — this number opted out of texts (it replied STOP or asked to stop)`,
  );
  await expect(perRecipient.getByRole('listitem').filter({ hasText: 'Daniel Okafor' })).toHaveText(
    `Daniel Okafor (${DANIEL_MOBILE}): Sent`,
  );

  // Daniel's phone shows the link written out, not Markdown.
  const phone = await (await browser.newContext({ baseURL })).newPage();
  await phone.goto(`/dev/phone?number=${encodeURIComponent(DANIEL_MOBILE)}`);
  const bubble = phone.locator('.b.out').filter({ hasText: stamp });
  await expect(bubble).toContainText(`The survey is in (${stamp}): Survey report: ${url}`);
  await expect(bubble).not.toContainText('[Survey report]');
  // Sam's phone got the confirmation of his opt-out, and not the message.
  await phone.goto(`/dev/phone?number=${encodeURIComponent(SAM_MOBILE)}`);
  await expect(phone.locator('.b.out').filter({ hasText: 'You will get no more texts' })).toHaveCount(1);
  await expect(phone.locator('.b.out').filter({ hasText: stamp })).toHaveCount(0);

  // The carrier reports Daniel's text delivered: staff see it live.
  await phone.goto(`/dev/phone?number=${encodeURIComponent(DANIEL_MOBILE)}`);
  await bubble.getByRole('button', { name: 'Report delivered' }).click();
  await expect(phone.locator('.b.out').filter({ hasText: stamp })).toContainText('delivered');
  await expect(status).toHaveText('Texts: 1 failed, 1 delivered');
  await expect(perRecipient.getByRole('listitem').filter({ hasText: 'Daniel Okafor' })).toHaveText(
    `Daniel Okafor (${DANIEL_MOBILE}): Delivered`,
  );

  // A second text the carrier cannot deliver: Failed, and the reason on click.
  await smsSwitch.check();
  await expect(staff.getByText('Will be texted to Daniel Okafor.')).toBeVisible();
  const second = `Please call us about the survey (${stamp}-2).`;
  await composer.fill(second);
  await staff.getByRole('button', { name: 'Send', exact: true }).click();
  const secondStatus = staff
    .locator('li[data-message-id]')
    .filter({ hasText: second })
    .getByRole('button', { name: /^Texts: / });
  await expect(secondStatus).toHaveText('Texts: 1 failed, 1 sent');
  await phone.goto(`/dev/phone?number=${encodeURIComponent(DANIEL_MOBILE)}`);
  const secondBubble = phone.locator('.b.out').filter({ hasText: `${stamp}-2` });
  await secondBubble.getByRole('textbox', { name: 'Reason' }).fill('Handset switched off.');
  await secondBubble.getByRole('button', { name: 'Report not delivered' }).click();
  await expect(secondStatus).toHaveText('Texts: 2 failed');
  await secondStatus.click();
  await expect(
    staff
      .locator('li[data-message-id]')
      .filter({ hasText: second })
      .getByRole('list', { name: 'Text delivery by recipient' })
      .getByRole('listitem')
      .filter({ hasText: 'Daniel Okafor' }),
  ).toHaveText(`Daniel Okafor (${DANIEL_MOBILE}): Failed — not delivered: Handset switched off.`);
});
