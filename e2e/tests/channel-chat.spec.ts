import { expect, test, type Page } from './fixtures.js';
import { signInToStaffApp } from './portal-support.js';

async function createChannel(page: Page, name: string) {
  await page.getByRole('button', { name: 'New channel' }).click();
  const dialog = page.getByRole('dialog', { name: 'New channel' });
  await dialog.getByRole('textbox', { name: 'Channel name' }).fill(name);
  await dialog.getByRole('button', { name: 'Create channel' }).click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
}

function messageItem(page: Page, text: string) {
  return page.locator('li[data-message-id]').filter({ hasText: text });
}

/** The total in the header's Home link ("Home, 3 unread messages"), 0 when nothing is unread. */
async function unreadTotal(page: Page): Promise<number> {
  const link = page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /^Home/ });
  const name = (await link.getAttribute('aria-label')) ?? (await link.textContent()) ?? '';
  return Number(/(\d+) unread/.exec(name)?.[1] ?? 0);
}

async function send(page: Page, channel: string, text: string) {
  const box = page.getByRole('textbox', { name: `Message ${channel}` });
  await box.fill(text);
  await box.press('Enter');
  await expect(box).toHaveValue('');
}

test('when two staff chat in a channel, then each sees the other’s messages and read receipts live', async ({
  browser,
  baseURL,
}) => {
  const channel = `case-team-${Date.now().toString(36)}`;
  const alex = await signInToStaffApp(browser, baseURL, 'Alex Morgan');
  const priya = await signInToStaffApp(browser, baseURL, 'Priya Shah');

  await createChannel(alex, channel);
  await expect(alex.getByRole('list', { name: 'Participants (1)' })).toBeVisible();

  // Priya finds the channel by name, joins it and opens it.
  await priya.getByRole('link', { name: 'Browse channels' }).click();
  await priya.getByRole('searchbox', { name: 'Search channels' }).fill(channel);
  const allChannels = priya.getByRole('list', { name: 'All channels' });
  await allChannels.getByRole('button', { name: `Join ${channel}` }).click();
  await expect(allChannels.getByRole('button', { name: `Leave ${channel}` })).toBeVisible();
  await allChannels.getByRole('link', { name: channel }).click();
  await expect(priya.getByRole('heading', { level: 2, name: channel })).toBeVisible();

  // Alex learns about the new member without reloading.
  await expect(alex.getByRole('img', { name: 'Priya Shah' })).toBeVisible();

  const hello = 'Morning Priya: the completion statement is in. Can you check the figures?';
  await send(alex, channel, hello);
  await expect(messageItem(alex, hello)).toBeVisible();
  await expect(messageItem(priya, hello)).toBeVisible(); // live, no reload

  const reply = 'On it — I will confirm by noon.\nSecond line stays a second line.';
  await send(priya, channel, reply);
  await expect(messageItem(alex, 'On it — I will confirm by noon.')).toBeVisible();
  await expect(messageItem(alex, 'On it')).toContainText('Second line stays a second line.');

  // Read receipts: initials under each message, from the other person only.
  const alexMessageForAlex = messageItem(alex, hello);
  await expect(alexMessageForAlex.getByText('PS', { exact: true })).toBeVisible();
  await expect(alexMessageForAlex).toContainText('Read by Priya Shah');
  const priyaMessageForPriya = messageItem(priya, 'On it');
  await expect(priyaMessageForPriya.getByText('AM', { exact: true })).toBeVisible();
  await expect(priyaMessageForPriya).toContainText('Read by Alex Morgan');

  // Nothing was duplicated by the optimistic send meeting its own live event.
  await expect(messageItem(alex, hello)).toHaveCount(1);
  await expect(messageItem(priya, 'On it')).toHaveCount(1);
  await expect(alex.getByText('Sending…')).toHaveCount(0);

  // The channel is on both Home screens, and nothing is left unread.
  await priya.getByRole('link', { name: 'Back to home' }).click();
  const priyaChannels = priya.getByRole('list', { name: 'Channels' });
  await expect(priyaChannels.getByRole('link', { name: new RegExp(`^${channel}`) })).toBeVisible();
  await expect(priyaChannels.getByRole('link', { name: new RegExp(`^${channel}`) })).not.toContainText('unread');

  // A message while Priya is on Home shows up as unread for her, live, in the row and the header total.
  const totalBefore = await unreadTotal(priya);
  await send(alex, channel, 'One more thing: the lender wants the signed form.');
  await expect(priyaChannels.getByRole('link', { name: new RegExp(`^${channel}`) })).toHaveAccessibleName(
    /1 unread message/,
  );
  await expect.poll(() => unreadTotal(priya)).toBe(totalBefore + 1);

  await alex.context().close();
  await priya.context().close();
});

test('when sending fails, then Retry resends with the same idempotency key and a search hit opens the conversation at that message', async ({
  browser,
  baseURL,
}) => {
  const channel = `retry-${Date.now().toString(36)}`;
  const alex = await signInToStaffApp(browser, baseURL, 'Alex Morgan');
  await createChannel(alex, channel);

  // Cut the live connection so only the POST answers count, then lose the first answer after
  // the server has stored the message; the retry (same key) must not store it twice.
  await alex.route('**/api/v1/events', (route) => route.abort('connectionrefused'));
  await alex.reload();
  await expect(alex.getByRole('heading', { level: 2, name: channel })).toBeVisible();
  const keys: string[] = [];
  await alex.route('**/api/v1/conversations/*/messages', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    if (keys.length === 1) {
      const stored = await route.fetch();
      expect(stored.status()).toBe(201);
      return route.abort('connectionreset');
    }
    await new Promise((resolve) => setTimeout(resolve, 600));
    return route.fallback();
  });

  const word = `kestrel${Date.now().toString(36)}`;
  const text = `Survey booked for Thursday, ref ${word}. Details: [survey brief](https://example.com/brief) <b>not bold</b>`;
  await send(alex, channel, text);
  const pending = alex.locator('li[data-pending-key]').filter({ hasText: word });
  await expect(pending).toContainText('Not sent');
  await pending.getByRole('button', { name: 'Retry' }).click();
  await expect(pending).toContainText('Sending…');
  await expect(messageItem(alex, word)).toHaveCount(1);
  await expect(alex.locator('li[data-pending-key]')).toHaveCount(0);
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(keys[1]).toBe(keys[0]);
  await alex.unroute('**/api/v1/conversations/*/messages');
  await alex.unroute('**/api/v1/events');

  // Message text is never HTML: the link is a real link, the tags are literal text.
  const sent = messageItem(alex, word);
  await expect(sent.getByRole('link', { name: 'survey brief' })).toHaveAttribute('href', 'https://example.com/brief');
  await expect(sent.getByRole('link', { name: 'survey brief' })).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(sent).toContainText('<b>not bold</b>');
  await expect(sent.locator('b')).toHaveCount(0);

  // After a reload the server still has exactly one copy.
  await alex.reload();
  await expect(alex.getByRole('heading', { level: 2, name: channel })).toBeVisible();
  await expect(messageItem(alex, word)).toHaveCount(1);

  // Bury the message under newer ones, then find it through search.
  const token = await alex.evaluate(() => sessionStorage.getItem('confer.staffToken'));
  const conversationId = decodeURIComponent(new URL(alex.url()).hash.replace('#/conversations/', ''));
  for (let i = 1; i <= 40; i += 1) {
    const response = await alex.request.post(`/api/v1/conversations/${conversationId}/messages`, {
      headers: { authorization: `Bearer ${token}` },
      data: { body: `Filler message ${i}` },
    });
    expect(response.status()).toBe(201);
  }
  await expect(messageItem(alex, 'Filler message 40')).toBeVisible();

  await alex.getByRole('searchbox', { name: 'Search messages' }).fill(word);
  await alex.getByRole('searchbox', { name: 'Search messages' }).press('Enter');
  const results = alex.getByRole('list', { name: 'Search results' });
  const hit = results.getByRole('link').filter({ hasText: channel });
  await expect(hit).toHaveCount(1);
  await expect(hit.locator('mark')).toHaveText(word);
  await hit.click();

  const highlighted = alex.locator('li[aria-current="true"]');
  await expect(highlighted).toContainText(word);
  await expect(highlighted).toBeInViewport();
  await expect(highlighted).toBeFocused();

  await alex.context().close();
});
