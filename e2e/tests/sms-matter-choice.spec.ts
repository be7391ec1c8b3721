import { expect, test } from './fixtures.js';
import { openInStaffApp, staffApi, staffToken } from './portal-support.js';

type Conversation = { id: string; title: string };

test('when a client texted on two matters replies by text, then they are asked which matter by number, and their answer files the reply in that conversation', async ({
  browser,
  request,
  baseURL,
}) => {
  const stamp = Date.now().toString(36);
  // A number of this run's own, so nothing texted in an earlier run can route the reply.
  const mobile = `+4474129${String(Date.now() % 100_000).padStart(5, '0')}`;
  const token = await staffToken(request, 'alex.morgan@harbourvale.example');
  const api = staffApi(request, token);

  // Robin, a client with a UK mobile, on two matters, texted from a conversation on each.
  const robin = await api.post<{ id: string }>('/contacts', {
    name: 'Robin Marsh',
    email: `robin.marsh.${stamp}@mail.example`,
    mobile,
  });
  const conversationOn = async (n: number, title: string, name: string) => {
    const m = await api.post<{ id: string; number: string }>('/matters', { number: `E2E-${stamp}-${n}`, title });
    await api.put(`/matters/${m.id}/contacts/${robin.id}`);
    return api.post<Conversation>('/conversations', {
      kind: 'external_matter',
      matterId: m.id,
      name: `${name} (${stamp})`,
      contactIds: [robin.id],
    });
  };
  const purchase = await conversationOn(1, 'Purchase of 9 Wharf Road', 'Completion');
  const lease = await conversationOn(2, 'Lease of the Wharf Road shop', 'Shop lease');
  for (const c of [purchase, lease]) {
    await api.post(`/conversations/${c.id}/messages`, { body: `Private update on ${c.title}.`, sendAsSms: true });
  }
  const phone = await (await browser.newContext({ baseURL })).newPage();
  await expect(async () => {
    await phone.goto(`/dev/phone?number=${encodeURIComponent(mobile)}`);
    await expect(phone.locator('.b.out').filter({ hasText: stamp })).toHaveCount(2, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });

  // Robin answers without saying which matter: Confer asks, by matter number and title only.
  const reply = `Can we move the date to Friday? (${stamp})`;
  await phone.getByRole('textbox', { name: 'Text' }).fill(reply);
  await phone.getByRole('button', { name: 'Send text' }).click();
  await expect(phone.locator('.b.in').filter({ hasText: reply })).toBeVisible();
  const question = phone.locator('.b.out').filter({ hasText: 'which matter is your text about?' });
  await expect(async () => {
    await phone.goto(`/dev/phone?number=${encodeURIComponent(mobile)}`);
    await expect(question).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const asked = (await question.textContent()) ?? '';
  expect(asked).toContain(`E2E-${stamp}-1`);
  expect(asked).toContain(`E2E-${stamp}-2`);
  expect(asked, 'no message text in the question').not.toContain('Private update');
  const choice = new RegExp(`(\\d+) for E2E-${stamp}-1\\b`).exec(asked)?.[1];
  expect(choice, 'the purchase has a number').toBeDefined();

  // Robin replies with the purchase's number and is told where the text went.
  await phone.getByRole('textbox', { name: 'Text' }).fill(choice!);
  await phone.getByRole('button', { name: 'Send text' }).click();
  await expect(async () => {
    await phone.goto(`/dev/phone?number=${encodeURIComponent(mobile)}`);
    await expect(phone.locator('.b.out').filter({ hasText: `your text was added to E2E-${stamp}-1` })).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 20_000 });

  // Staff see the held text in the purchase conversation as Robin's message, via SMS; not the number.
  const staff = await openInStaffApp(browser, baseURL, 'Alex Morgan', `conversations/${purchase.id}`, purchase.title);
  const filed = staff.locator('li[data-message-id]').filter({ hasText: reply });
  await expect(filed).toBeVisible({ timeout: 20_000 });
  await expect(filed).toContainText('Robin Marsh');
  await expect(filed).toContainText('via SMS');
  await expect(staff.locator('li[data-message-id]').filter({ hasText: new RegExp(`^\\s*${choice}\\s*$`) })).toHaveCount(
    0,
  );
  const leaseMessages = await api.get<{ items: Array<{ body: string }> }>(`/conversations/${lease.id}/messages`);
  expect(leaseMessages.items.map((m) => m.body)).not.toContain(reply);
});
