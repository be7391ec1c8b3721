import { randomBytes } from 'node:crypto';
import { expect, test } from './fixtures.js';
import {
  holdStaffEventStream,
  makePdf,
  openInStaffApp,
  openLinkAndSignIn,
  outboxIds,
  portalMessage,
  secureLinkOf,
  sha256,
  staffEvents,
  staffOnMatter,
  startConversationWithLink,
  waitForEmail,
} from './portal-support.js';

type FileRef = { versionId: string; name: string; sha256: string; size: number };
type EventMessage = { id: string; body: string; author: { kind: string; name: string }; files: FileRef[] };

const JORDAN_EMAIL = 'jordan.ellis@mail.example';

test('when staff start an external conversation, then the client signs in with the emailed link and code, reads, replies and drops a file, and staff see both live', async ({
  browser,
  request,
  baseURL,
}) => {
  const stamp = Date.now().toString(36);
  // Staff (through the staff API with a dev token): the conversation with Jordan, and a first message.
  const { token, api, matter } = await staffOnMatter(
    request,
    'alex.morgan@harbourvale.example',
    '2026-0001',
    'Jordan Ellis',
  );
  // A client who has never signed in (the seeded Jordan may have, in an earlier spec): the
  // first visit shows the welcome.
  const newcomerEmail = `jordan.${stamp}@mail.example`;
  const jordan = await api.post<{ id: string; email: string | null }>('/contacts', {
    name: 'Jordan Newman',
    email: newcomerEmail,
    kind: 'client',
  });
  await api.put(`/matters/${matter.id}/contacts/${jordan.id}`);
  const { conversation, link } = await startConversationWithLink(request, api, matter.id, jordan);
  const staffMessage = `Hello Jordan, the draft contract for 14 Quay Street is ready for you (${stamp}).`;
  await api.post(`/conversations/${conversation.id}/messages`, { body: staffMessage });

  // Staff watch live: their event stream, and the conversation open in the staff app.
  const staffStream = await (await browser.newContext({ baseURL })).newPage();
  await holdStaffEventStream(staffStream, token);
  const staffApp = await openInStaffApp(browser, baseURL, 'Alex Morgan', `conversations/${conversation.id}`);
  await expect(staffApp.locator('li[data-message-id]').filter({ hasText: staffMessage })).toBeVisible();

  // The client opens the link in a fresh browser: welcome, emailed code, straight into the conversation.
  const client = await openLinkAndSignIn(browser, request, {
    baseURL,
    link,
    email: newcomerEmail,
    expectWelcome: true,
  });
  await expect(client).toHaveURL(new RegExp(`/portal/messages/${conversation.id}$`));
  await expect(client.getByRole('heading', { level: 1, name: 'Harbour & Vale LLP' })).toBeVisible();
  await expect(portalMessage(client, staffMessage)).toBeVisible();
  await expect(portalMessage(client, staffMessage)).toContainText('Alex Morgan');

  // Reply.
  const reply = `Thank you, I will read it tonight (${stamp}).`;
  await client.getByRole('textbox', { name: 'Write a message' }).fill(reply);
  await client.getByRole('button', { name: 'Send' }).click();
  await expect(portalMessage(client, reply)).toBeVisible();
  await expect(portalMessage(client, reply)).toContainText('You');
  await expect(client.getByRole('textbox', { name: 'Write a message' })).toHaveValue('');

  // Own messages can be edited; the edit shows as such.
  const edited = `Thank you, I will read it tonight and call you tomorrow (${stamp}).`;
  await portalMessage(client, reply).getByRole('button', { name: 'Options for your message' }).click();
  await client.getByRole('menuitem', { name: 'Edit' }).click();
  const dialog = client.getByRole('dialog', { name: 'Edit your message' });
  await dialog.getByRole('textbox', { name: 'Message' }).fill(edited);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(portalMessage(client, edited)).toContainText('edited');

  // Drop a file anywhere on the window (a real drop event carrying a DataTransfer built in the page).
  const fileName = `signed-form-${stamp}.pdf`;
  const bytes = Buffer.concat([makePdf(stamp), randomBytes(64 * 1024)]);
  const dataTransfer = await client.evaluateHandle(
    ({ name, base64 }) => {
      const binary = atob(base64);
      const data = Uint8Array.from(binary, (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type: 'application/pdf' }));
      return transfer;
    },
    { name: fileName, base64: bytes.toString('base64') },
  );
  await client.dispatchEvent('main', 'dragenter', { dataTransfer });
  await client.dispatchEvent('main', 'dragover', { dataTransfer });
  await expect(client.getByText('Drop files to send')).toBeVisible();
  await client.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(client.getByText('Drop files to send')).toBeHidden();
  await expect(client.getByRole('list', { name: 'Files to send' })).toContainText(fileName);
  await client.getByRole('button', { name: 'Send' }).click();
  const chip = client.getByRole('link', { name: new RegExp(`^${fileName}`) });
  await expect(chip).toBeVisible();
  await expect(client.getByRole('list', { name: 'Files to send' })).toHaveCount(0);

  // Staff saw both live: in the staff app, and as message.created events on their stream.
  await expect(staffApp.locator('li[data-message-id]').filter({ hasText: edited })).toBeVisible();
  const created = async () =>
    (await staffEvents(staffStream))
      .filter((e) => e.type === 'message.created' && e.data.conversationId === conversation.id)
      .map((e) => e.data.message as EventMessage);
  await expect.poll(async () => (await created()).map((m) => m.body)).toContain(reply);
  await expect
    .poll(async () =>
      (await staffEvents(staffStream))
        .filter((e) => e.type === 'message.edited' && e.data.conversationId === conversation.id)
        .map((e) => (e.data.message as EventMessage).body),
    )
    .toContain(edited);
  await expect.poll(async () => (await created()).some((m) => m.files.some((f) => f.name === fileName))).toBe(true);
  const withFile = (await created()).find((m) => m.files.some((f) => f.name === fileName))!;
  expect(withFile.author).toMatchObject({ kind: 'contact', name: 'Jordan Newman' });
  const file = withFile.files.find((f) => f.name === fileName)!;
  expect(file.size).toBe(bytes.length);
  expect(file.sha256).toBe(sha256(bytes));

  // The bytes staff download are the bytes the client dropped.
  const downloaded = await api.download(`/files/${file.versionId}`);
  expect(sha256(downloaded)).toBe(sha256(bytes));

  // The client opens the file: an inline preview (sandboxed by the server), Download, and Back.
  await chip.click();
  await expect(client.getByRole('heading', { level: 2, name: fileName })).toBeVisible();
  await expect(client.locator(`iframe[title="Preview of ${fileName}"]`)).toHaveAttribute(
    'src',
    `/api/portal/v1/files/${file.versionId}?inline=1`,
  );
  const inline = await client.request.get(`/api/portal/v1/files/${file.versionId}?inline=1`);
  expect(inline.headers()['content-security-policy']).toContain('sandbox');
  expect(inline.headers()['x-content-type-options']).toBe('nosniff');
  await expect(client.getByRole('link', { name: 'Download' })).toHaveAttribute('download', fileName);
  await client.getByRole('link', { name: 'Back' }).click();
  await expect(portalMessage(client, edited)).toBeVisible();

  await staffApp.context().close();
  await staffStream.context().close();
  await client.context().close();
});

test('when a matter is closed, then the client’s conversation is read-only', async ({ browser, request, baseURL }) => {
  const stamp = Date.now().toString(36);
  const { api, contact: jordan } = await staffOnMatter(
    request,
    'priya.shah@harbourvale.example',
    '2026-0001',
    'Jordan Ellis',
  );
  // A matter of its own, so closing it leaves the shared demo data alone.
  const matter = await api.post<{ id: string }>('/matters', {
    number: `E2E-${stamp}`,
    title: `Lease of Unit ${stamp}`,
  });
  await api.put(`/matters/${matter.id}/contacts/${jordan.id}`);
  const { conversation, link } = await startConversationWithLink(request, api, matter.id, jordan);
  const note = `The lease is signed and the matter is complete (${stamp}).`;
  await api.post(`/conversations/${conversation.id}/messages`, { body: note });

  const client = await openLinkAndSignIn(browser, request, { baseURL, link, email: JORDAN_EMAIL });
  await expect(client).toHaveURL(new RegExp(`/portal/messages/${conversation.id}$`));
  await expect(portalMessage(client, note)).toBeVisible();
  await expect(client.getByRole('textbox', { name: 'Write a message' })).toBeVisible();

  await api.post(`/matters/${matter.id}/close`);
  await client.reload();
  await expect(portalMessage(client, note)).toBeVisible();
  await expect(client.getByText('This conversation is closed: you can read it but not reply.')).toBeVisible();
  await expect(client.getByRole('textbox', { name: 'Write a message' })).toHaveCount(0);
  await expect(client.getByRole('button', { name: 'Attach files' })).toHaveCount(0);
  await expect(client.getByRole('button', { name: 'Options for your message' })).toHaveCount(0);

  // The conversation list says so too.
  await client
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: /^Messages/ })
    .click();
  await expect(
    client.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: /Lease of Unit/ }),
  ).toContainText('Closed');
  await client.context().close();
});

test('when a link is expired or unknown, then the client can ask for a new one', async ({ page, request }) => {
  const unknownToken = randomBytes(32).toString('base64url'); // 43 characters, like a real token
  expect(unknownToken).toHaveLength(43);
  await page.goto(`/portal/#link=${unknownToken}`);
  await expect(page.getByRole('heading', { level: 1, name: 'This link has expired or is not valid' })).toBeVisible();
  expect(page.url()).not.toContain(unknownToken);

  const seen = await outboxIds(request);
  await page.getByRole('textbox', { name: 'Your email address' }).fill(JORDAN_EMAIL);
  await page.getByRole('button', { name: 'Send me a new link' }).click();
  await expect(page.getByRole('status')).toContainText('a new secure link is on its way');

  const email = await waitForEmail(request, seen, (m) => m.kind === 'secure_link' && m.to === JORDAN_EMAIL);
  expect(secureLinkOf(email)).toMatch(/\/portal\/#link=[A-Za-z0-9_-]{20,}$/);
});
