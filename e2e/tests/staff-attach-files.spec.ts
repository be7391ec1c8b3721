import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from './fixtures.js';
import {
  findMatter,
  openInStaffApp,
  openLinkAndSignIn,
  portalMessage,
  sha256,
  staffApi,
  staffOnMatter,
  staffToken,
  startConversationWithLink,
} from './portal-support.js';

type Conversation = { id: string };
const JORDAN_EMAIL = 'jordan.ellis@mail.example';

/** Files dropped on the window: a real drop event carrying a DataTransfer built in the page. */
async function dropFiles(page: Page, files: Array<{ name: string; bytes: Buffer }>) {
  const dataTransfer = await page.evaluateHandle(
    (list) => {
      const transfer = new DataTransfer();
      for (const { name, base64 } of list) {
        const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([data], name, { type: 'application/octet-stream' }));
      }
      return transfer;
    },
    files.map((f) => ({ name: f.name, base64: f.bytes.toString('base64') })),
  );
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await expect(page.getByText('Drop files to attach')).toBeVisible();
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  await expect(page.getByText('Drop files to attach')).toBeHidden();
}

test('when staff drop three files on an external conversation, then each shows its progress, the message carries all three, and the client downloads the same bytes', async ({
  browser,
  request,
  baseURL,
}) => {
  const stamp = Date.now().toString(36);
  const {
    api,
    matter,
    contact: jordan,
  } = await staffOnMatter(request, 'alex.morgan@harbourvale.example', '2026-0001', 'Jordan Ellis');
  const { conversation, link } = await startConversationWithLink(request, api, matter.id, jordan);

  // Staff open the conversation in the staff app. The upload is held at the network until the
  // progress bars have been seen (locally it would finish before anyone could look).
  const staff = await openInStaffApp(browser, baseURL, 'Alex Morgan', `conversations/${conversation.id}`);
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await staff.route(`**/api/v1/conversations/${conversation.id}/uploads`, async (route) => {
    await released;
    await route.continue();
  });

  const files = [1, 2, 3].map((n) => ({ name: `survey-part-${n}-${stamp}.bin`, bytes: randomBytes(300 * 1024 + n) }));
  await dropFiles(staff, files);
  const tray = staff.getByRole('list', { name: 'Files to send' });
  for (const file of files) await expect(tray).toContainText(file.name);

  const text = `The survey, in three parts (${stamp}).`;
  await staff.getByRole('textbox', { name: /^Message / }).fill(text);
  await staff.getByRole('button', { name: 'Send' }).click();
  // While it uploads, every file has its own progress bar and its own cancel.
  for (const file of files) {
    await expect(staff.getByRole('progressbar', { name: `${file.name} (300 KB)` })).toBeVisible();
    await expect(staff.getByRole('button', { name: `Cancel ${file.name}` })).toBeVisible();
  }
  await expect(staff.getByRole('status').filter({ hasText: 'Uploading 3 files…' })).toBeVisible();
  release();
  const sent = staff.locator('li[data-message-id]').filter({ hasText: text });
  await expect(sent).toBeVisible({ timeout: 30_000 });
  for (const file of files) await expect(sent.getByRole('list', { name: 'Attached files' })).toContainText(file.name);
  await expect(tray).toHaveCount(0);
  await expect(staff.getByRole('textbox', { name: /^Message / })).toHaveValue('');
  // The client signs in to the portal and downloads each file: the bytes are the ones dropped.
  const client = await openLinkAndSignIn(browser, request, { baseURL, link, email: JORDAN_EMAIL });
  await expect(client).toHaveURL(new RegExp(`/portal/messages/${conversation.id}$`));
  await expect(portalMessage(client, text)).toBeVisible();
  for (const file of files) {
    await portalMessage(client, text)
      .getByRole('link', { name: new RegExp(`^${file.name}`) })
      .click();
    await expect(client.getByRole('heading', { level: 2, name: file.name })).toBeVisible();
    const [download] = await Promise.all([
      client.waitForEvent('download'),
      client.getByRole('link', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(file.name);
    expect(sha256(await readFile(await download.path()))).toBe(sha256(file.bytes));
    await client.getByRole('link', { name: 'Back' }).click();
    await expect(portalMessage(client, text)).toBeVisible();
  }

  // Staff upload a document to the matter, share it in the Files tab, then remove access.
  const plan = { name: `site-plan-${stamp}.bin`, bytes: randomBytes(20 * 1024) };
  await staff.goto(`/addin/#/matters/${matter.id}`);
  await staff.setInputFiles('[data-testid="matter-documents-input"]', {
    name: plan.name,
    mimeType: 'application/octet-stream',
    buffer: plan.bytes,
  });
  const documents = staff.getByRole('table', { name: 'Matter documents' });
  await expect(documents.getByRole('row').filter({ hasText: plan.name })).toContainText('Staff');
  // Files sent in a matter conversation are kept on the matter too.
  for (const file of files) await expect(documents.getByRole('row').filter({ hasText: file.name })).toBeVisible();

  await staff.goto(`/addin/#/conversations/${conversation.id}`);
  await staff.getByRole('tab', { name: 'Files' }).click();
  const filesSent = staff.getByRole('list', { name: 'Files sent' });
  for (const file of files) await expect(filesSent).toContainText(file.name);
  await staff.getByRole('button', { name: 'Share a document' }).click();
  const picker = staff.getByRole('dialog', { name: 'Share a document' });
  await picker.getByRole('radio', { name: new RegExp(`^${plan.name}`) }).check();
  await picker.getByRole('button', { name: 'Share' }).click();
  await expect(picker).toBeHidden();
  const shareRow = staff.getByTestId('share-row').filter({ hasText: plan.name });
  await expect(shareRow).toContainText('Shared · updated');

  const shared = await api.get<{ shares: Array<{ id: string; document: { name: string; latest: { id: string } } }> }>(
    `/conversations/${conversation.id}/files`,
  );
  const versionId = shared.shares.find((s) => s.document.name === plan.name)!.document.latest.id;
  const before = await client.request.get(`/api/portal/v1/files/${versionId}`);
  expect(before.status()).toBe(200);
  expect(sha256(await before.body())).toBe(sha256(plan.bytes));

  await shareRow.getByRole('button', { name: 'Remove access' }).click();
  const confirm = staff.getByRole('alertdialog', { name: 'Remove access?' });
  await confirm.getByRole('button', { name: 'Remove access' }).click();
  await expect(confirm).toBeHidden();
  await expect(shareRow).toContainText('Access removed');
  await expect(shareRow.getByRole('button', { name: 'Remove access' })).toHaveCount(0);
  expect((await client.request.get(`/api/portal/v1/files/${versionId}`)).status()).toBe(404);

  // A matter document attached from the composer goes as a copy in the same message as a file
  // from the device: one request, one message carrying both.
  await staff.getByRole('tab', { name: 'Messages' }).click();
  const letter = { name: `cover-letter-${stamp}.bin`, bytes: randomBytes(4 * 1024) };
  await staff.setInputFiles('[data-testid="attach-files-input"]', {
    name: letter.name,
    mimeType: 'application/octet-stream',
    buffer: letter.bytes,
  });
  await expect(tray).toContainText(letter.name);
  await staff.getByRole('button', { name: 'From matter documents' }).click();
  const attach = staff.getByRole('dialog', { name: 'Attach matter documents' });
  await attach.getByRole('checkbox', { name: new RegExp(`^${plan.name}`) }).check();
  await attach.getByRole('button', { name: 'Attach' }).click();
  await expect(attach).toBeHidden();
  await expect(staff.getByRole('list', { name: 'Matter documents to send' })).toContainText(plan.name);
  const note = `The site plan, as a copy (${stamp}).`;
  await staff.getByRole('textbox', { name: /^Message / }).fill(note);
  await staff.getByRole('button', { name: 'Send' }).click();
  const withCopy = staff.locator('li[data-message-id]').filter({ hasText: note });
  await expect(withCopy.getByRole('list', { name: 'Attached files' })).toContainText(plan.name);
  await expect(withCopy.getByRole('list', { name: 'Attached files' })).toContainText(letter.name);
  await expect(staff.getByRole('list', { name: 'Matter documents to send' })).toHaveCount(0);
  await expect(tray).toHaveCount(0);
  await expect(portalMessage(client, note)).toBeVisible();
  await expect(portalMessage(client, note)).toContainText(letter.name);
  const latest = await api.get<{ items: Array<{ body: string; files: Array<{ name: string }> }> }>(
    `/conversations/${conversation.id}/messages`,
  );
  const carrying = (name: string) => latest.items.filter((m) => m.files.some((f) => f.name === name));
  expect(carrying(letter.name).map((m) => m.body)).toEqual([note]);
  expect(carrying(plan.name).map((m) => m.body)).toEqual([note]);
  expect(
    carrying(letter.name)[0]!
      .files.map((f) => f.name)
      .sort(),
  ).toEqual([letter.name, plan.name].sort());
  await staff.getByRole('tab', { name: 'Files' }).click();

  // Export: the conversation becomes a document of the matter.
  await staff.getByRole('button', { name: 'Export conversation' }).click();
  await expect(staff.getByRole('status').filter({ hasText: "Exported to the matter's documents as" })).toBeVisible();

  await staff.context().close();
  await client.context().close();
});

test('when staff attach more than 130 files, or cancel a file while it uploads, then nothing is sent until they send again', async ({
  browser,
  request,
  baseURL,
}) => {
  const stamp = Date.now().toString(36);
  const api = staffApi(request, await staffToken(request, 'alex.morgan@harbourvale.example'));
  const matter = await findMatter(api, '2026-0001');
  const conversation = await api.post<Conversation>('/conversations', {
    kind: 'internal_matter',
    matterId: matter.id,
    name: `File limits ${stamp}`,
  });
  const staff = await openInStaffApp(
    browser,
    baseURL,
    'Alex Morgan',
    `conversations/${conversation.id}`,
    `File limits ${stamp}`,
  );

  const files = Array.from({ length: 131 }, (_, i) => ({ name: `note-${i + 1}-${stamp}.txt`, bytes: randomBytes(16) }));
  await dropFiles(staff, files);
  const tray = staff.getByRole('list', { name: 'Files to send' });
  await expect(tray.getByRole('listitem')).toHaveCount(131);
  await expect(staff.getByText('A message can carry up to 130 files; 131 are selected. Remove 1,')).toBeVisible();
  const send = staff.getByRole('button', { name: 'Send' });
  await expect(send).toHaveAttribute('aria-disabled', 'true');
  await staff.getByRole('button', { name: `Remove ${files[0]!.name}` }).click();
  await expect(staff.getByText(/A message can carry up to 130 files/)).toBeHidden();

  // Held at the network, then one file is cancelled: the upload stops, the text and the rest stay.
  await staff.route(`**/api/v1/conversations/${conversation.id}/uploads`, () => {});
  const text = `Notes for the file (${stamp}).`;
  await staff.getByRole('textbox', { name: /^Message / }).fill(text);
  await send.click();
  await staff.getByRole('button', { name: `Cancel ${files[1]!.name}` }).click();
  await expect(staff.getByText('Upload cancelled. Your message and files are still here.')).toBeVisible();
  await expect(tray.getByRole('listitem')).toHaveCount(129);
  await expect(tray).not.toContainText(files[1]!.name);
  await expect(staff.getByRole('textbox', { name: /^Message / })).toHaveValue(text);
  await expect(staff.getByRole('progressbar')).toHaveCount(0);

  await staff.unroute(`**/api/v1/conversations/${conversation.id}/uploads`);
  await send.click();
  const sent = staff.locator('li[data-message-id]').filter({ hasText: text });
  await expect(sent.getByRole('list', { name: 'Attached files' }).getByRole('listitem')).toHaveCount(129);
  await expect(tray).toHaveCount(0);
  const page = await api.get<{ items: Array<{ body: string; files: unknown[] }> }>(
    `/conversations/${conversation.id}/messages`,
  );
  expect(page.items.filter((m) => m.body === text).map((m) => m.files.length)).toEqual([129]);
  await staff.context().close();
});
