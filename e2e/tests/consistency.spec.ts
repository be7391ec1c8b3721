import { expect, test } from './fixtures.js';
import {
  findMatter,
  openInStaffApp,
  openLinkAndSignIn,
  outboxIds,
  portalMessage,
  staffApi,
  staffOnMatter,
  staffToken,
  startConversationWithLink,
  waitForEmail,
} from './portal-support.js';

const JORDAN_EMAIL = 'jordan.ellis@mail.example';

test('when the same file is seen in both apps, then its size reads the same; the client’s sections, day labels and composer behave alike on phone and desktop', async ({
  browser,
  request,
  baseURL,
}) => {
  test.slow();
  const stamp = Date.now().toString(36);
  const { api, matter, contact } = await staffOnMatter(
    request,
    'alex.morgan@harbourvale.example',
    '2026-0001',
    'Jordan Ellis',
  );
  const { conversation, link } = await startConversationWithLink(request, api, matter.id, contact);
  for (let i = 1; i <= 12; i++) {
    await api.post(`/conversations/${conversation.id}/messages`, { body: `Update ${i} on the purchase (${stamp}).` });
  }

  // Staff send a 3,000-byte file: 2.9 KB in the message and in the Files tab.
  const staff = await openInStaffApp(browser, baseURL, 'Alex Morgan', `conversations/${conversation.id}`);
  const file = `survey-${stamp}.bin`;
  await staff.setInputFiles('[data-testid="attach-files-input"]', {
    name: file,
    mimeType: 'application/octet-stream',
    buffer: Buffer.alloc(3000, 1),
  });
  await staff.getByRole('button', { name: 'Send', exact: true }).click();
  const sent = staff.locator('li[data-message-id]').filter({ hasText: file });
  await expect(sent).toContainText('2.9 KB');
  await staff.getByRole('tab', { name: 'Files' }).click();
  await expect(staff.getByRole('list', { name: 'Files sent' })).toContainText('2.9 KB');

  // The client on a phone: the same size, and "Documents" (not "Docs") in the sections.
  const client = await openLinkAndSignIn(browser, request, { baseURL, link, email: JORDAN_EMAIL });
  await client.setViewportSize({ width: 360, height: 640 });
  const nav = client.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('link', { name: /^Documents/ })).toBeVisible();
  await client.goto(`/portal/messages/${conversation.id}`);
  await expect(portalMessage(client, file)).toContainText('2.9 KB');

  // Day labels scroll with the messages: never floating over one.
  await expect(client.getByRole('heading', { level: 3, name: 'Today' })).toBeVisible();
  const overlaps = await client.evaluate(() => {
    const day = Array.from(document.querySelectorAll('h3')).find((h) => h.textContent === 'Today')!;
    let box: HTMLElement | null = day.parentElement;
    while (box && !(box.scrollHeight > box.clientHeight && getComputedStyle(box).overflowY === 'auto')) {
      box = box.parentElement;
    }
    box!.scrollTop = day.offsetTop + 240; // the label's day continues below it
    const label = day.getBoundingClientRect();
    return Array.from(document.querySelectorAll('li[data-message-id]')).some((li) => {
      const r = li.getBoundingClientRect();
      return r.bottom > label.top && r.top < label.bottom && r.height > 0;
    });
  });
  expect(overlaps).toBe(false);

  // Back at the newest message, a growing draft does not hide it under the composer.
  const newest = portalMessage(client, file);
  await client.evaluate(() => {
    const li = Array.from(document.querySelectorAll('li[data-message-id]')).at(-1)!;
    li.scrollIntoView({ block: 'end' });
  });
  const box = client.getByRole('textbox', { name: 'Write a message' });
  await box.fill('Line one\nLine two\nLine three\nLine four\nLine five\nLine six');
  await expect
    .poll(async () => {
      const message = (await newest.boundingBox())!;
      const composer = (await client.getByRole('form', { name: /^Reply in / }).boundingBox())!;
      return message.y + message.height <= composer.y + 1;
    })
    .toBe(true);

  // Desktop: still "Documents".
  await client.setViewportSize({ width: 1366, height: 800 });
  await expect(nav.getByRole('link', { name: /^Documents/ })).toBeVisible();

  // Both apps have an icon in the browser tab.
  for (const page of [staff, client]) {
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    const response = await page.request.get(icon!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/png');
  }
  expect((await client.request.get('/favicon.ico')).status()).toBe(200);

  await staff.context().close();
  await client.context().close();
});

test('when staff may see a matter conversation they are not in, then they get a Join button; adding an invoice offers to email the client, who is emailed', async ({
  browser,
  request,
  baseURL,
}) => {
  test.slow();
  const stamp = Date.now().toString(36);
  const { api, matter, contact } = await staffOnMatter(
    request,
    'alex.morgan@harbourvale.example',
    '2026-0001',
    'Jordan Ellis',
  );
  const conversation = await api.post<{ id: string; title: string }>('/conversations', {
    kind: 'external_matter',
    matterId: matter.id,
    contactIds: [contact.id],
    name: `Mortgage offer ${stamp}`,
  });

  // Tom can see the matter but is not in Alex's conversation: he may join it.
  const tom = await openInStaffApp(browser, baseURL, 'Tom Becker', `conversations/${conversation.id}`);
  await expect(tom.getByText('You can read this conversation. Join it to send messages')).toBeVisible();
  await tom.getByRole('button', { name: 'Join conversation' }).click();
  await expect(tom.getByRole('textbox', { name: `Message ${conversation.title}` })).toBeEnabled();
  await expect(tom.getByRole('list', { name: 'Participants (3)' })).toBeVisible();
  await tom.context().close();

  // 2026-0002 has one client: Add invoice offers to email her, and she is emailed.
  const alexApi = staffApi(request, await staffToken(request, 'alex.morgan@harbourvale.example'));
  const dispute = await findMatter(alexApi, '2026-0002');
  const alex = await openInStaffApp(browser, baseURL, 'Alex Morgan', `matters/${dispute.id}`, '2026-0002');
  await alex.getByRole('button', { name: 'Add invoice' }).click();
  const dialog = alex.getByRole('dialog', { name: 'Add invoice' });
  await dialog.getByRole('textbox', { name: /^Invoice number/ }).fill(`INV-${stamp}`);
  await dialog.getByLabel(/^Due date/).fill('2027-01-31');
  await dialog.getByRole('textbox', { name: /^Amount/ }).fill('480.00');
  await expect(dialog.getByRole('checkbox', { name: 'Email Riya Kapoor a link to it' })).toBeChecked();
  const seen = await outboxIds(request);
  await dialog.getByRole('button', { name: 'Add invoice' }).click();
  await expect(dialog).toBeHidden();
  const email = await waitForEmail(
    request,
    seen,
    (m) => m.kind === 'invoice_added' && m.to === 'riya.kapoor@mail.example',
  );
  expect(email.subject).toBe(`Harbour & Vale LLP has sent you invoice INV-${stamp}`);
  expect(email.text).toContain('/portal/#link=');
  await alex.context().close();
});
