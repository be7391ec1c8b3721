import { expect, test, type Locator } from './fixtures.js';
import sharp from 'sharp';
import {
  openInStaffApp,
  openLinkAndSignIn,
  portalMessage,
  staffOnMatter,
  startConversationWithLink,
} from './portal-support.js';

const JORDAN_EMAIL = 'jordan.ellis@mail.example';

/**
 * The thumbnail's image has loaded and has the preview's proportions (not a broken image). By
 * element: inside a button an image is presentational, so it has no role of its own.
 */
async function expectLoadedThumbnail(thumbnail: Locator, width: number, height: number) {
  const image = thumbnail.locator('img');
  await expect(image).toBeVisible({ timeout: 30_000 });
  await expect
    .poll(() =>
      image.evaluate((img: HTMLImageElement) => (img.complete ? [img.naturalWidth, img.naturalHeight] : null)),
    )
    .toEqual([width, height]);
}

test('when staff attach an image, then its thumbnail shows in the staff app and the portal, and clicking it opens the viewer', async ({
  browser,
  request,
  baseURL,
}) => {
  const stamp = Date.now().toString(36);
  const { api, matter, contact } = await staffOnMatter(
    request,
    'alex.morgan@harbourvale.example',
    '2026-0001',
    'Jordan Ellis',
  );
  const { conversation, link } = await startConversationWithLink(request, api, matter.id, contact);
  const name = `boundary-photo-${stamp}.png`;
  const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#1d6f5f' } })
    .png()
    .toBuffer();

  const staff = await openInStaffApp(browser, baseURL, 'Alex Morgan', `conversations/${conversation.id}`);
  await staff.setInputFiles('[data-testid="attach-files-input"]', { name, mimeType: 'image/png', buffer: photo });
  const text = `The boundary photo (${stamp}).`;
  await staff.getByRole('textbox', { name: /^Message / }).fill(text);
  await staff.getByRole('button', { name: 'Send' }).click();

  // The message arrives with the file at once; the thumbnail follows when the server has made it.
  const sent = staff.locator('li[data-message-id]').filter({ hasText: text });
  await expect(sent.getByRole('list', { name: 'Attached files' })).toContainText(name);
  const staffThumbnail = sent.getByRole('button', { name: `Open ${name} (preview)` });
  await expectLoadedThumbnail(staffThumbnail, 480, 360);
  const box = await staffThumbnail.boundingBox();
  expect(Math.round(box!.width)).toBeLessThanOrEqual(242);

  await staffThumbnail.click();
  const viewer = staff.getByRole('dialog', { name });
  await expect(viewer.getByRole('img', { name: `Preview of ${name}` })).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Print' })).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Download' })).toBeVisible();
  // A comment from the viewer goes into the conversation, linked to the file.
  const comment = `Taken from the north gate (${stamp}).`;
  await viewer.getByRole('textbox', { name: 'Comment on this file' }).fill(comment);
  await viewer.getByRole('button', { name: 'Post comment' }).click();
  await expect(viewer.getByRole('region', { name: 'Comments' })).toContainText(comment);
  await viewer.getByRole('button', { name: 'Close' }).click();
  await expect(staff.locator('li[data-message-id]').filter({ hasText: comment })).toContainText(`Comment on ${name}`);

  // The client sees the same thumbnail in the portal's message list, and it opens the file view.
  const client = await openLinkAndSignIn(browser, request, { baseURL, link, email: JORDAN_EMAIL });
  await expect(client).toHaveURL(new RegExp(`/portal/messages/${conversation.id}$`));
  const clientThumbnail = portalMessage(client, text).getByRole('link', { name: `Open ${name} (preview)` });
  await expectLoadedThumbnail(clientThumbnail, 480, 360);
  await clientThumbnail.click();
  await expect(client.getByRole('heading', { level: 2, name })).toBeVisible();
});
