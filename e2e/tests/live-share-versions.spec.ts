import { expect, test } from './fixtures.js';
import {
  makePdf,
  openInStaffApp,
  openLinkAndSignIn,
  portalMessage,
  sha256,
  staffOnMatter,
  startConversationWithLink,
} from './portal-support.js';
import { waitForPrinted, watchPrinting } from './print-support.js';

const JORDAN_EMAIL = 'jordan.ellis@mail.example';

test('when staff share a document live and upload a new version, then both are announced, the client sees the latest version with its date live, and both viewers print the file itself', async ({
  browser,
  request,
  baseURL,
}) => {
  test.slow();
  const stamp = Date.now().toString(36);
  const lease = `Lease-${stamp}.pdf`;
  const first = makePdf(`first ${stamp}`);
  const second = makePdf(`second, longer version of the lease ${stamp} ${'x'.repeat(40)}`);
  const { api, matter, contact } = await staffOnMatter(
    request,
    'alex.morgan@harbourvale.example',
    '2026-0001',
    'Jordan Ellis',
  );
  const { conversation, link } = await startConversationWithLink(request, api, matter.id, contact);
  const client = await openLinkAndSignIn(browser, request, { baseURL, link, email: JORDAN_EMAIL });
  await watchPrinting(client.context());
  const staff = await openInStaffApp(browser, baseURL, 'Alex Morgan', `matters/${matter.id}`, '2026-0001');
  await watchPrinting(staff.context());
  await staff.reload(); // the watch applies to documents loaded from now on

  // Two documents with the same name on the matter (re-uploading makes a second document).
  for (const bytes of [first, Buffer.alloc(3000, 7)]) {
    await staff.setInputFiles('[data-testid="matter-documents-input"]', {
      name: lease,
      mimeType: 'application/pdf',
      buffer: bytes,
    });
    await expect(staff.getByRole('status').filter({ hasText: 'Uploaded 1 file.' })).toBeVisible();
  }
  const rows = staff.getByRole('table', { name: 'Matter documents' }).getByRole('row').filter({ hasText: lease });
  await expect(rows).toHaveCount(2);

  // The share picker tells them apart by version, date and size.
  await staff.goto(`/addin/#/conversations/${conversation.id}`);
  await staff.getByRole('tab', { name: 'Files' }).click();
  await staff.getByRole('button', { name: 'Share a document' }).click();
  const picker = staff.getByRole('dialog', { name: 'Share a document' });
  const choices = picker.getByRole('radio', { name: new RegExp(`^${lease} · version 1 · updated .+ · `) });
  await expect(choices).toHaveCount(2);
  await picker
    .getByRole('radio', { name: new RegExp(`^${lease} · version 1 · .+ · ${first.length} bytes · Staff$`) })
    .check();
  await picker.getByRole('button', { name: 'Share' }).click();
  await expect(picker).toBeHidden();

  // The share is announced in the conversation, for staff and for the client.
  await staff.getByRole('tab', { name: 'Messages' }).click();
  const sharedNotice = staff.locator('li[data-message-id]').filter({ hasText: `shared ${lease} live` });
  await expect(sharedNotice).toContainText('Alex Morgan shared');
  await client.goto(`/portal/messages/${conversation.id}`);
  const clientShared = portalMessage(client, `shared ${lease} with you`);
  await expect(clientShared).toContainText('you always see its latest version');

  // The client opens it from the announcement: version 1, shared live.
  await clientShared.getByRole('link', { name: lease }).click();
  await expect(client.getByRole('heading', { level: 2, name: lease })).toBeVisible();
  const version = client.getByTestId('share-version');
  await expect(version).toHaveText('Version 1 · Shared live: you always see the latest version.');

  // Staff upload version 2 from the matter's documents.
  await staff.goto(`/addin/#/matters/${matter.id}`);
  const chooser = staff.waitForEvent('filechooser');
  await rows
    .filter({ hasText: `${first.length} bytes` })
    .getByRole('button', { name: `Upload a new version of ${lease}` })
    .click();
  await (await chooser).setFiles({ name: lease, mimeType: 'application/pdf', buffer: second });
  await expect(staff.getByRole('status').filter({ hasText: `Uploaded version 2 of ${lease}.` })).toBeVisible();
  await expect(rows.getByRole('cell', { name: 'v2', exact: true })).toHaveCount(1);

  // The client's open viewer follows live: version 2 and when it was updated; its bytes are the new ones.
  await expect(version).toHaveText(/^Version 2, updated .+ · Shared live: you always see the latest version\.$/);
  const href = await client.getByRole('link', { name: 'Download' }).getAttribute('href');
  expect(sha256(await (await client.request.get(href!)).body())).toBe(sha256(second));

  // The client comments on the file from the viewer; the new version was announced too.
  const comment = `Clause 4 changed? (${stamp})`;
  await client.getByRole('textbox', { name: /Comment on this file/ }).fill(comment);
  await client.getByRole('button', { name: 'Post comment' }).click();
  await expect(client.getByText('Your comment was added to the conversation.')).toBeVisible();
  await client.getByRole('link', { name: 'View it' }).click();
  await expect(portalMessage(client, `uploaded version 2 of ${lease}`)).toBeVisible();
  await expect(portalMessage(client, comment)).toContainText(`Comment on ${lease}`);

  // Print hands the PDF itself to the browser's print dialog (not a new tab). Headless Chromium
  // prints a PDF by tearing its renderer down, so printing comes last on each page.
  await portalMessage(client, `uploaded version 2 of ${lease}`).getByRole('link', { name: lease }).click();
  await client.getByRole('button', { name: 'Print' }).click();
  expect(await waitForPrinted(client, 1)).toEqual([{ type: 'application/pdf', sha256: sha256(second) }]);
  expect(client.context().pages()).toHaveLength(1);

  // Staff see the comment naming and linking the file; the link opens the viewer at the latest version.
  await staff.goto(`/addin/#/conversations/${conversation.id}`);
  await expect(
    staff.locator('li[data-message-id]').filter({ hasText: `uploaded version 2 of ${lease}` }),
  ).toBeVisible();
  const commented = staff.locator('li[data-message-id]').filter({ hasText: comment });
  await expect(commented).toContainText(`Comment on ${lease}`);
  await commented.getByRole('button', { name: lease }).click();
  const viewer = staff.getByRole('dialog', { name: lease });
  await expect(viewer.getByTestId('file-viewer-meta')).toHaveText(/^Version 2 · updated .+ · \d+ bytes$/);
  await viewer.getByRole('button', { name: 'Print' }).click();
  expect(await waitForPrinted(staff, 1)).toEqual([{ type: 'application/pdf', sha256: sha256(second) }]);

  await staff.context().close();
  await client.context().close();
});

test('when a text file or an image is sent, then both viewers preview it; the text shows as text and the image prints alone in both', async ({
  browser,
  request,
  baseURL,
}) => {
  test.slow();
  const stamp = Date.now().toString(36);
  const notes = {
    name: `completion-notes-${stamp}.txt`,
    text: `Completion on Friday.\n<b>Keys</b> at the agent's (${stamp}).`,
  };
  // A 1×1 PNG.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  const { api, matter, contact } = await staffOnMatter(
    request,
    'alex.morgan@harbourvale.example',
    '2026-0001',
    'Jordan Ellis',
  );
  const { conversation, link } = await startConversationWithLink(request, api, matter.id, contact);
  const staff = await openInStaffApp(browser, baseURL, 'Alex Morgan', `conversations/${conversation.id}`);
  await watchPrinting(staff.context());
  await staff.reload(); // the watch applies to documents loaded from now on
  await staff.setInputFiles('[data-testid="attach-files-input"]', [
    { name: notes.name, mimeType: 'text/plain', buffer: Buffer.from(notes.text) },
    { name: `plan-${stamp}.png`, mimeType: 'image/png', buffer: png },
  ]);
  await staff.getByRole('button', { name: 'Send', exact: true }).click();
  const sent = staff.locator('li[data-message-id]').filter({ hasText: notes.name });
  await expect(sent.getByRole('list', { name: 'Attached files' })).toContainText(`plan-${stamp}.png`);

  // Staff: the text file opens as text (markup stays text), without Print.
  await sent.getByRole('button', { name: `Open ${notes.name}` }).click();
  const viewer = staff.getByRole('dialog', { name: notes.name });
  await expect(viewer.getByLabel(`Preview of ${notes.name}`)).toHaveText(notes.text);
  await expect(viewer.getByRole('button', { name: 'Print' })).toHaveCount(0);
  await viewer.getByRole('button', { name: 'Close' }).click();
  await expect(viewer).toBeHidden();

  // Staff: the image prints alone.
  await sent.getByRole('button', { name: `Open plan-${stamp}.png`, exact: true }).click();
  const imageViewer = staff.getByRole('dialog', { name: `plan-${stamp}.png` });
  await expect(imageViewer.getByRole('img', { name: `Preview of plan-${stamp}.png` })).toBeVisible();
  await imageViewer.getByRole('button', { name: 'Print' }).click();
  expect(await waitForPrinted(staff, 1)).toEqual([{ type: 'image', sha256: sha256(png) }]);

  // The client previews the text file as text too, without Print.
  const client = await openLinkAndSignIn(browser, request, { baseURL, link, email: JORDAN_EMAIL });
  await watchPrinting(client.context());
  await client.goto(`/portal/messages/${conversation.id}`);
  await portalMessage(client, notes.name)
    .getByRole('link', { name: new RegExp(`^${notes.name}`) })
    .click();
  await expect(client.getByLabel(`Preview of ${notes.name}`)).toHaveText(notes.text);
  await expect(client.getByRole('button', { name: 'Print' })).toHaveCount(0);

  // The client's Print hands the image alone to the print dialog, in the same tab.
  await client.goto(`/portal/messages/${conversation.id}`);
  await portalMessage(client, notes.name)
    .getByRole('link', { name: new RegExp(`^plan-${stamp}\\.png`) })
    .click();
  await expect(client.getByRole('img', { name: `Preview of plan-${stamp}.png` })).toBeVisible();
  await client.getByRole('button', { name: 'Print' }).click();
  expect(await waitForPrinted(client, 1)).toEqual([{ type: 'image', sha256: sha256(png) }]);
  expect(client.context().pages()).toHaveLength(1);

  await staff.context().close();
  await client.context().close();
});
