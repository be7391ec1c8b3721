import { expect, test, type Locator } from './fixtures.js';
import { openInStaffApp, staffOnMatter, startExternalConversation } from './portal-support.js';

const top = async (locator: Locator) => (await locator.boundingBox())!.y;
const middle = async (locator: Locator) => {
  const box = (await locator.boundingBox())!;
  return box.y + box.height / 2;
};

test('when a conversation is open in the 350 px task pane, then the headers stay compact and the composer’s actions fit one row; wide screens keep their words', async ({
  browser,
  request,
  baseURL,
}) => {
  test.slow();
  const { api, matter } = await staffOnMatter(request, 'alex.morgan@harbourvale.example', '2026-0001', 'Jordan Ellis');
  // A client of its own, never signed in: the measure is of the headers, not of sign-in notices
  // (other specs sign the demo clients in from new browsers, which the conversation reports).
  const stamp = Date.now().toString(36);
  const contact = await api.post<{ id: string }>('/contacts', {
    name: `Nell Narrow ${stamp}`,
    email: `nell.${stamp}@mail.example`,
    kind: 'client',
  });
  await api.put(`/matters/${matter.id}/contacts/${contact.id}`);
  const conversation = await startExternalConversation(api, matter.id, [contact.id]);
  const page = await openInStaffApp(browser, baseURL, 'Alex Morgan', `conversations/${conversation.id}`);
  await page.setViewportSize({ width: 350, height: 700 });
  // from two panes (the app opened wide) to one column: the conversation is drawn again
  await expect(page.getByRole('region', { name: 'Open conversation' })).toHaveCount(0);

  const messages = page.getByRole('region', { name: `Messages in ${conversation.title}` });
  await expect(messages).toBeVisible();
  // App header, conversation header and tabs together: at most 170 px of the 700 (it was ~290).
  expect(await top(messages)).toBeLessThanOrEqual(170);
  // Still there: back link, title, options, who is in it, the tabs and the search.
  await expect(page.getByRole('link', { name: 'Back to 2026-0001' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: conversation.title })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Conversation options' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Participants (2)' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search messages' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Files' })).toBeVisible();

  // The composer's actions: one row, named for screen readers, nothing scrolled sideways.
  const actions = ['Add link', 'Attach files', 'From matter documents', 'Send'].map((name) =>
    page.getByRole('button', { name, exact: true }),
  );
  const rows = new Set(await Promise.all(actions.map(async (a) => Math.round(await middle(a)))));
  expect([...rows].every((y) => Math.abs(y - [...rows][0]!) <= 2)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  // Icons only here: the words are for screen readers.
  const attach = page.getByRole('button', { name: 'Attach files', exact: true });
  expect((await attach.boundingBox())!.width).toBeLessThan(48);

  // Wide: the words are back, and the back link says where it goes.
  await page.setViewportSize({ width: 1366, height: 800 });
  // while the layout is redrawn a box may be missing for a moment: measured as 0, polled again
  await expect.poll(async () => (await attach.boundingBox())?.width ?? 0).toBeGreaterThan(80);
  await expect
    .poll(async () => (await page.getByRole('link', { name: 'Back to 2026-0001' }).boundingBox())?.width ?? 0)
    .toBeGreaterThan(80);
  await page.context().close();
});
