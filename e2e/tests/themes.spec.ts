import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from './fixtures.js';
import {
  changeOfficeTheme,
  DARK_OFFICE_THEME,
  installFakeOutlook,
  LIGHT_OFFICE_THEME,
  openTaskPaneSignedIn,
} from './outlook-support.js';
import {
  openLinkAndSignIn,
  portalMessage,
  signInStaff,
  staffOnMatter,
  startConversationWithLink,
} from './portal-support.js';

type Scheme = 'light' | 'dark';

/** The app root's background (the FluentProvider inside #root) as Chromium computes it. */
async function rootBackground(page: Page): Promise<string> {
  return page
    .locator('#root > div')
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);
}

/** Relative luminance of `rgb(r, g, b)` / `rgba(...)`: below 0.179 is dark. */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  if (r === undefined || g === undefined || b === undefined) throw new Error(`not a colour: ${color}`);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function expectScheme(page: Page, scheme: Scheme): Promise<void> {
  await expect
    .poll(async () => {
      const l = luminance(await rootBackground(page));
      return l < 0.179 ? 'dark' : 'light';
    })
    .toBe(scheme);
  // The page's own colour scheme follows (scroll bars, native controls, the canvas).
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe(scheme);
}

/** axe's colour-contrast rule over the whole page: no text below WCAG AA. */
async function expectReadable(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
  const failures = results.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`));
  expect(failures, failures.join('\n')).toEqual([]);
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
}

const JORDAN_MATTER = '2026-0001';
const ALEX = 'alex.morgan@harbourvale.example';

/** A conversation on 2026-0001 with a new client contact (so the rate limits of a seeded one are not spent), one message in it. */
async function conversationWithNewClient(request: Parameters<typeof staffOnMatter>[0], stamp: string) {
  const { api, matter } = await staffOnMatter(request, ALEX, JORDAN_MATTER, 'Jordan Ellis');
  const email = `theme.${stamp}@mail.example`;
  const client = await api.post<{ id: string; email: string | null }>('/contacts', {
    name: `Theme Client ${stamp}`,
    email,
    kind: 'client',
  });
  await api.put(`/matters/${matter.id}/contacts/${client.id}`);
  const { conversation, link } = await startConversationWithLink(request, api, matter.id, client);
  const message = `The completion statement is attached to the file (${stamp}).`;
  await api.post(`/conversations/${conversation.id}/messages`, { body: message });
  return { conversation, link, email, message };
}

for (const scheme of ['light', 'dark'] as const) {
  const other: Scheme = scheme === 'light' ? 'dark' : 'light';

  test(`when the browser prefers ${scheme}, then the staff inbox and a conversation are ${scheme}${scheme === 'dark' ? ' and every text has enough contrast' : ''}, and follow a change of the setting live`, async ({
    browser,
    request,
    baseURL,
  }, testInfo) => {
    test.slow();
    const stamp = `${Date.now().toString(36)}-staff-${scheme}`;
    const { conversation, message } = await conversationWithNewClient(request, stamp);
    const context = await browser.newContext({ baseURL, colorScheme: scheme, viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await signInStaff(page, 'Alex Morgan');

    await expect(page.getByRole('list', { name: 'Messages', exact: true })).toBeVisible();
    await expectScheme(page, scheme);
    if (scheme === 'dark') await expectReadable(page);
    await screenshot(page, testInfo, `staff-inbox-${scheme}.png`);

    await page.goto(`/addin/#/conversations/${conversation.id}`);
    const open = page.getByRole('region', { name: 'Open conversation' });
    await expect(open.locator('li[data-message-id]').filter({ hasText: message })).toBeVisible();
    await expectScheme(page, scheme);
    if (scheme === 'dark') await expectReadable(page);
    await screenshot(page, testInfo, `staff-conversation-${scheme}.png`);

    // The operating system switches: the open app follows without a reload.
    await page.emulateMedia({ colorScheme: other });
    await expectScheme(page, other);
    await expect(open.locator('li[data-message-id]').filter({ hasText: message })).toBeVisible();
    await context.close();
  });

  test(`when the browser prefers ${scheme}, then the portal's messages screens are ${scheme}${scheme === 'dark' ? ' and every text has enough contrast' : ''}, and follow a change of the setting live`, async ({
    browser,
    request,
    baseURL,
  }, testInfo) => {
    test.slow();
    const stamp = `${Date.now().toString(36)}-portal-${scheme}`;
    const { conversation, link, email, message } = await conversationWithNewClient(request, stamp);
    const client = await openLinkAndSignIn(browser, request, { baseURL, link, email });
    await client.emulateMedia({ colorScheme: scheme });

    await expect(client).toHaveURL(new RegExp(`/portal/messages/${conversation.id}$`));
    await expect(portalMessage(client, message)).toBeVisible();
    await expectScheme(client, scheme);
    if (scheme === 'dark') await expectReadable(client);
    await screenshot(client, testInfo, `portal-conversation-${scheme}.png`);

    await client.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Messages' }).click();
    await expect(client.getByRole('list', { name: 'Conversations' })).toBeVisible();
    await expectScheme(client, scheme);
    if (scheme === 'dark') await expectReadable(client);
    await screenshot(client, testInfo, `portal-messages-${scheme}.png`);

    await client.emulateMedia({ colorScheme: other });
    await expectScheme(client, other);
    await client.context().close();
  });
}

test('when Outlook uses a dark Office theme, then the task pane is dark on a light system, readable, and follows the Office theme when it changes', async ({
  browser,
  baseURL,
}, testInfo) => {
  test.slow();
  const context = await browser.newContext({ baseURL, colorScheme: 'light', viewport: { width: 350, height: 800 } });
  const page = await context.newPage();
  await installFakeOutlook(
    page,
    {
      mode: 'read',
      conversationId: `theme-${Date.now().toString(36)}`,
      subject: 'Completion statement',
      from: { displayName: 'Jordan Ellis', emailAddress: 'jordan.ellis@mail.example' },
      to: [{ displayName: 'Alex Morgan', emailAddress: ALEX }],
      cc: [],
      attachments: [],
    },
    { officeTheme: DARK_OFFICE_THEME },
  );
  await openTaskPaneSignedIn(page, null, 'Alex Morgan');
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();

  // The Office theme wins over the system's light preference.
  await expectScheme(page, 'dark');
  await expectReadable(page);
  await screenshot(page, testInfo, 'task-pane-office-dark.png');

  // The user switches Outlook to a light theme: the pane follows at once.
  await changeOfficeTheme(page, LIGHT_OFFICE_THEME);
  await expectScheme(page, 'light');
  await screenshot(page, testInfo, 'task-pane-office-light.png');
  await changeOfficeTheme(page, DARK_OFFICE_THEME);
  await expectScheme(page, 'dark');
  await context.close();
});
