import { expect, test } from './fixtures.js';
import { findMatter, makePdf, outboxIds, staffApi, staffToken, waitForEmail } from './portal-support.js';
import {
  installFakeOutlook,
  openTaskPaneSignedIn,
  patternBytes,
  roamingSettings,
  sha256,
  type FakeItem,
} from './outlook-support.js';

type Document = { id: string; name: string; source: string; latest: { sha256: string; size: number } };

const ALEX = 'alex.morgan@harbourvale.example';

test('when staff share an email’s attachments from Outlook, then the matter is suggested, the files upload with progress and land in the external conversation', async ({
  page,
  request,
}) => {
  const stamp = Date.now().toString(36);
  const pdf = makePdf(`engagement ${stamp}`);
  const bigSize = 10 * 1024 * 1024 + 512 * 1024; // over 10 MB
  const seed = Date.now() % 251;
  const eml = `From: Jordan Ellis <jordan.ellis@mail.example>\r\nSubject: Completion date ${stamp}\r\n\r\nCan we complete on Friday?\r\n`;
  const item: FakeItem = {
    mode: 'read',
    conversationId: `thread-${stamp}`,
    subject: 'Signed documents',
    from: { displayName: 'Jordan Ellis', emailAddress: 'jordan.ellis@mail.example' },
    to: [{ displayName: 'Alex Morgan', emailAddress: ALEX }],
    cc: [
      { displayName: 'Sam Ellis', emailAddress: 'SAM.ELLIS@mail.example' },
      { displayName: 'Riya Kapoor', emailAddress: 'riya.kapoor@mail.example' },
    ],
    attachments: [
      {
        id: 'att-pdf',
        name: `Engagement letter ${stamp}.pdf`,
        contentType: 'application/pdf',
        attachmentType: 'file',
        size: pdf.length,
        content: { format: 'base64', value: pdf.toString('base64') },
      },
      {
        id: 'att-big',
        name: `Survey scans ${stamp}.bin`,
        contentType: 'application/octet-stream',
        attachmentType: 'file',
        size: bigSize,
        content: { format: 'pattern', seed },
      },
      {
        id: 'att-eml',
        name: `Completion date ${stamp}`,
        contentType: 'message/rfc822',
        attachmentType: 'item',
        size: eml.length,
        content: { format: 'eml', value: eml },
      },
    ],
  };
  await installFakeOutlook(page, item);
  await openTaskPaneSignedIn(page, 'share-attachments', 'Alex Morgan');

  // The share view (the manifest's "Share attachments" button) survived the sign-in round trip.
  await expect(page.getByRole('heading', { level: 2, name: 'Share attachments' })).toBeVisible();
  for (const a of item.attachments) {
    await expect(page.getByRole('checkbox', { name: a.name })).toBeChecked();
  }

  // Jordan and Sam are on 2026-0001, Riya on 2026-0002: staff pick the matter, remembered for the thread.
  const choice = page.getByRole('radiogroup', { name: 'Which matter is this email about?' });
  await expect(choice.getByRole('radio')).toHaveCount(2);
  await choice.getByRole('radio', { name: /^2026-0001/ }).check();
  await expect
    .poll(async () => (await roamingSettings(page)).threadMatters)
    .toMatchObject({
      [item.conversationId]: { matterId: expect.any(String) },
    });

  // Recipients default to the email's contacts on that matter.
  await expect(page.getByRole('checkbox', { name: 'Jordan Ellis' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Sam Ellis' })).toBeChecked();
  const note = `Signed papers from Jordan (${stamp})`;
  await page.getByRole('textbox', { name: 'Message (optional)' }).fill(note);

  // Slow the upload down so the progress is visible.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 4 * 1024 * 1024,
  });
  const seen = await outboxIds(request);
  await page.getByRole('button', { name: 'Share 3 attachments with Jordan Ellis and Sam Ellis' }).click();

  const bigBar = page.getByRole('progressbar', { name: item.attachments[1]!.name });
  await expect
    .poll(async () => Number(await bigBar.getAttribute('aria-valuenow')), { timeout: 20_000, intervals: [50] })
    .toBeGreaterThan(0.05);
  expect(Number(await bigBar.getAttribute('aria-valuenow'))).toBeLessThan(1);
  await expect(page.getByText(/^Shared 3 files in “/)).toBeVisible({ timeout: 30_000 });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  for (const a of item.attachments) {
    await expect(page.getByRole('progressbar', { name: a.name })).toHaveAttribute('aria-valuenow', '1');
  }

  // Sam (and Jordan, when the conversation is new) get their secure link by email.
  await waitForEmail(request, seen, (m) => m.kind === 'secure_link' && m.to === 'sam.ellis@mail.example');

  // The external conversation shows the message with the files, via Outlook.
  await page.getByRole('link', { name: 'Open the conversation' }).click();
  const message = page.locator('li[data-message-id]').filter({ hasText: note });
  await expect(message).toBeVisible();
  await expect(message).toContainText('via Outlook');
  const files = message.getByRole('list', { name: 'Attached files' });
  await expect(files).toContainText(`Engagement letter ${stamp}.pdf`);
  await expect(files).toContainText(`Survey scans ${stamp}.bin`);
  await expect(files).toContainText(`Completion date ${stamp}.eml`);
  await expect(page.getByText('External conversation')).toBeVisible();

  // The matter keeps them as documents from Outlook, byte for byte.
  const api = staffApi(request, await staffToken(request, ALEX));
  const matter = await findMatter(api, '2026-0001');
  const { items } = await api.get<{ items: Document[] }>(`/matters/${matter.id}/documents`);
  const byName = (name: string) => items.find((d) => d.name === name);
  expect(byName(`Engagement letter ${stamp}.pdf`)).toMatchObject({
    source: 'outlook',
    latest: { sha256: sha256(pdf) },
  });
  expect(byName(`Survey scans ${stamp}.bin`)).toMatchObject({
    source: 'outlook',
    latest: { sha256: sha256(patternBytes(bigSize, seed)), size: bigSize },
  });
  expect(byName(`Completion date ${stamp}.eml`)).toMatchObject({
    source: 'outlook',
    latest: { sha256: sha256(Buffer.from(eml)) },
  });

  // Back on Home, the pane remembers the thread's matter and lists the conversation.
  await page.goto('/addin/taskpane.html');
  const panel = page.getByRole('region', { name: 'This email' });
  await expect(panel.getByRole('radio', { name: /^2026-0001/ })).toBeChecked();
  await expect(panel.getByRole('list', { name: 'Conversations of 2026-0001' })).toBeVisible();
  await expect(
    panel.getByRole('button', { name: 'Start a conversation with Jordan Ellis and Sam Ellis' }),
  ).toBeVisible();
});
