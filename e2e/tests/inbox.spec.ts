import { expect, test, type Page } from './fixtures.js';
import {
  openLinkAndSignIn,
  signInToStaffApp,
  staffApi,
  staffOnMatter,
  staffToken,
  startConversationWithLink,
} from './portal-support.js';

const ALEX = 'alex.morgan@harbourvale.example';
const PRIYA = 'priya.shah@harbourvale.example';
const JORDAN_EMAIL = 'jordan.ellis@mail.example';

const inboxOf = (page: Page) => page.getByRole('list', { name: 'Messages', exact: true });
const rowOf = (page: Page, conversationId: string) =>
  inboxOf(page).locator(`a[data-conversation-id="${conversationId}"]`);
/** The unread count a row announces ("3 unread messages"), 0 when none or no row. */
async function unreadIn(page: Page, conversationId: string): Promise<number> {
  const row = rowOf(page, conversationId);
  if ((await row.count()) === 0) return 0;
  return Number(/(\d+) unread message/.exec((await row.textContent()) ?? '')?.[1] ?? 0);
}
const firstRow = (page: Page) => inboxOf(page).locator('a[data-conversation-id]').first();

/** Priya starts (or reopens) her DM with Alex through the API. */
async function priyaDmWithAlex(request: Parameters<typeof staffToken>[0]) {
  const alexApi = staffApi(request, await staffToken(request, ALEX));
  const me = await alexApi.get<{ staff: { id: string } }>('/me');
  const priya = staffApi(request, await staffToken(request, PRIYA));
  const dm = await priya.post<{ id: string }>('/conversations', { kind: 'direct', staffIds: [me.staff.id] });
  return { priya, dmId: dm.id };
}

for (const size of [
  { width: 1366, height: 768 },
  { width: 350, height: 800 },
]) {
  test(`when a colleague and a portal client write, then Alex's inbox reorders and counts live at ${size.width}×${size.height}`, async ({
    browser,
    request,
    baseURL,
  }, testInfo) => {
    test.slow();
    const stamp = `${Date.now().toString(36)}-${size.width}`;
    const alex = await signInToStaffApp(browser, baseURL, 'Alex Morgan');
    await alex.setViewportSize(size);
    await expect(inboxOf(alex).or(alex.getByText('No conversations yet.', { exact: false }))).toBeVisible();
    await expect(alex.getByRole('link', { name: 'Browse channels' })).toBeVisible();
    await expect(alex.getByRole('list', { name: 'Channels' }).or(alex.getByText('not in any channels'))).toBeVisible();

    // A colleague writes a DM: its row comes to the top with one unread, and the tab title counts it.
    const { priya, dmId } = await priyaDmWithAlex(request);
    const before = Number(/^\((\d+)\)/.exec(await alex.title())?.[1] ?? 0);
    const dmUnread = await unreadIn(alex, dmId); // the DM may be there from an earlier test
    await priya.post(`/conversations/${dmId}/messages`, { body: `Have you seen the survey? ${stamp}` });
    await expect(firstRow(alex)).toHaveAttribute('data-conversation-id', dmId);
    await expect(rowOf(alex, dmId)).toContainText(`Priya Shah: Have you seen the survey? ${stamp}`);
    await expect(rowOf(alex, dmId)).toContainText(`${dmUnread + 1} unread message`);
    await expect(alex).toHaveTitle(`(${before + 1}) Confer`);
    await priya.post(`/conversations/${dmId}/messages`, { body: `Second thought ${stamp}` });
    await expect(rowOf(alex, dmId)).toContainText(`${dmUnread + 2} unread messages`);
    await expect(rowOf(alex, dmId)).toContainText(`Priya Shah: Second thought ${stamp}`);

    // A client replies in the portal: the matter conversation overtakes the DM, marked "Client replied".
    const { api, matter, contact } = await staffOnMatter(request, ALEX, '2026-0001', 'Jordan Ellis');
    const { conversation, link } = await startConversationWithLink(request, api, matter.id, contact);
    await api.post(`/conversations/${conversation.id}/messages`, { body: `Your documents, ${stamp}` });
    await expect(firstRow(alex)).toHaveAttribute('data-conversation-id', conversation.id);
    await expect(rowOf(alex, conversation.id)).toContainText(`You: Your documents, ${stamp}`);
    const client = await openLinkAndSignIn(browser, request, { baseURL, link, email: JORDAN_EMAIL });
    await client.getByRole('textbox', { name: 'Write a message' }).fill(`Thanks, signed ${stamp}`);
    await client.getByRole('button', { name: 'Send' }).click();
    const clientRow = rowOf(alex, conversation.id);
    await expect(clientRow).toContainText(`Jordan Ellis: Thanks, signed ${stamp}`);
    await expect(clientRow).toContainText('Client replied');
    await expect(clientRow).toContainText('1 unread message');
    await expect(firstRow(alex)).toHaveAttribute('data-conversation-id', conversation.id);
    await expect(alex).toHaveTitle(`(${before + 3}) Confer`);

    // Filters: Clients shows the client conversation and not the DM; DMs the reverse.
    await alex.getByRole('group', { name: 'Filter messages' }).getByRole('button', { name: 'Clients' }).click();
    await expect(rowOf(alex, conversation.id)).toBeVisible();
    await expect(rowOf(alex, dmId)).toHaveCount(0);
    await alex.getByRole('group', { name: 'Filter messages' }).getByRole('button', { name: 'DMs' }).click();
    await expect(rowOf(alex, dmId)).toBeVisible();
    await expect(rowOf(alex, conversation.id)).toHaveCount(0);
    await alex.getByRole('group', { name: 'Filter messages' }).getByRole('button', { name: 'All' }).click();
    await expect(rowOf(alex, conversation.id)).toBeVisible();

    await alex.screenshot({ path: testInfo.outputPath(`inbox-${size.width}x${size.height}.png`) });
    await testInfo.attach(`inbox-${size.width}x${size.height}`, {
      path: testInfo.outputPath(`inbox-${size.width}x${size.height}.png`),
      contentType: 'image/png',
    });
  });
}

test('when a conversation is opened in the two-pane layout, then the inbox stays beside it, reload keeps it open and back returns', async ({
  browser,
  request,
  baseURL,
}) => {
  const { priya, dmId } = await priyaDmWithAlex(request);
  const twoPanes = `Two panes please ${Date.now().toString(36)}`;
  await priya.post(`/conversations/${dmId}/messages`, { body: twoPanes });
  const alex = await signInToStaffApp(browser, baseURL, 'Alex Morgan');
  await alex.setViewportSize({ width: 1366, height: 768 });
  await rowOf(alex, dmId).click();

  await expect(alex).toHaveURL(new RegExp(`#/conversations/${dmId}$`));
  const pane = alex.getByRole('region', { name: 'Open conversation' });
  await expect(pane.getByRole('heading', { level: 2, name: 'Priya Shah' })).toBeVisible();
  await expect(pane.locator('li[data-message-id]').filter({ hasText: twoPanes })).toBeVisible();
  await expect(inboxOf(alex)).toBeVisible(); // still beside it
  await expect(rowOf(alex, dmId)).toHaveAttribute('aria-current', 'page');
  await expect(rowOf(alex, dmId)).not.toContainText('unread'); // read on opening

  await alex.reload();
  await expect(alex).toHaveURL(new RegExp(`#/conversations/${dmId}$`));
  await expect(pane.getByRole('heading', { level: 2, name: 'Priya Shah' })).toBeVisible();
  await expect(inboxOf(alex)).toBeVisible();

  await alex.goBack();
  await expect(alex).toHaveURL(/\/addin\/(#\/?)?$/);
  await expect(pane).toHaveCount(0);
  await expect(alex.getByText('Choose a conversation to read it here.')).toBeVisible();
  await alex.goForward();
  await expect(pane.getByRole('heading', { level: 2, name: 'Priya Shah' })).toBeVisible();
});

test('when Alex uses only the keyboard, then he moves through the inbox, opens a conversation, replies, goes back and jumps with Ctrl+K', async ({
  browser,
  request,
  baseURL,
}) => {
  const { priya, dmId } = await priyaDmWithAlex(request);
  const stamp = Date.now().toString(36);
  await priya.post(`/conversations/${dmId}/messages`, { body: `Keyboard check ${stamp}` });
  const alex = await signInToStaffApp(browser, baseURL, 'Alex Morgan');
  await alex.setViewportSize({ width: 1366, height: 768 });
  await expect(firstRow(alex)).toHaveAttribute('data-conversation-id', dmId);

  // Tab into the inbox, then arrows: down and back up again.
  for (let i = 0; i < 100; i++) {
    await alex.keyboard.press('Tab');
    if (await firstRow(alex).evaluate((el) => el === document.activeElement)) break;
  }
  await expect(firstRow(alex)).toBeFocused();
  const second = inboxOf(alex).locator('a[data-conversation-id]').nth(1);
  if ((await second.count()) > 0) {
    await alex.keyboard.press('ArrowDown');
    await expect(second).toBeFocused();
    await alex.keyboard.press('ArrowUp');
  }
  await expect(firstRow(alex)).toBeFocused();

  // Enter opens; the composer is reached with Tab; Enter sends.
  await alex.keyboard.press('Enter');
  await expect(alex).toHaveURL(new RegExp(`#/conversations/${dmId}$`));
  const box = alex.getByRole('textbox', { name: 'Message Priya Shah' });
  for (let i = 0; i < 200; i++) {
    if (await box.evaluate((el) => el === document.activeElement)) break;
    await alex.keyboard.press('Tab');
  }
  await expect(box).toBeFocused();
  await alex.keyboard.type(`Replying by keyboard ${stamp}`);
  await alex.keyboard.press('Enter');
  await expect(alex.locator('li[data-message-id]').filter({ hasText: `Replying by keyboard ${stamp}` })).toBeVisible();
  await expect(rowOf(alex, dmId)).toContainText(`You: Replying by keyboard ${stamp}`);
  await expect(box).toHaveValue(''); // Escape in a half-written message keeps the conversation open

  // Escape goes back to the inbox, with the row focused again.
  await alex.keyboard.press('Escape');
  await expect(alex).toHaveURL(/#\/$/);
  await expect(rowOf(alex, dmId)).toBeFocused();

  // Ctrl+K: jump to a matter by name.
  await alex.keyboard.press('Control+k');
  const jump = alex.getByRole('dialog', { name: 'Jump to a conversation or matter' });
  await expect(jump).toBeVisible();
  // the dialog loads on first use: its field takes the caret once it is there, and only then is typing caught
  await expect(jump.getByRole('textbox', { name: 'Conversation or matter name' })).toBeFocused();
  await alex.keyboard.type('2026-0001');
  await expect(jump.getByRole('link', { name: /2026-0001/ }).first()).toBeVisible();
  await alex.keyboard.press('ArrowDown');
  await alex.keyboard.press('Enter');
  await expect(alex).toHaveURL(/#\/(matters|conversations)\//);
  await expect(jump).toHaveCount(0);
});
