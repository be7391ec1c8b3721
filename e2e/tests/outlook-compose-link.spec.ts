import { expect, test } from './fixtures.js';
import {
  findMatter,
  makePdf,
  openLinkAndSignIn,
  outboxIds,
  portalMessage,
  secureLinkOf,
  staffApi,
  staffToken,
  waitForEmail,
} from './portal-support.js';
import { insertedIntoBody, installFakeOutlook, openTaskPaneSignedIn } from './outlook-support.js';

const ALEX = 'alex.morgan@harbourvale.example';
const RIYA = 'riya.kapoor@mail.example';

test('when staff share files while writing an email, then the inserted link signs the recipient into the portal conversation holding them', async ({
  page,
  browser,
  request,
  baseURL,
}) => {
  const stamp = Date.now().toString(36);
  const newcomer = `morgan.lee.${stamp}@mail.example`;

  // A document already on Riya's matter (2026-0002), to attach from the matter.
  const token = await staffToken(request, ALEX);
  const matter = await findMatter(staffApi(request, token), '2026-0002');
  const auth = { authorization: `Bearer ${token}` };
  const docName = `Lease schedule ${stamp}.pdf`;
  const uploaded = await request.post(`/api/v1/matters/${matter.id}/documents`, {
    headers: auth,
    multipart: { files: { name: docName, mimeType: 'application/pdf', buffer: makePdf(`lease ${stamp}`) } },
  });
  expect(uploaded.status()).toBe(201);

  await installFakeOutlook(page, {
    mode: 'compose',
    conversationId: `compose-${stamp}`,
    to: [{ displayName: 'Riya Kapoor', emailAddress: RIYA }],
    cc: [
      { displayName: 'Morgan Lee', emailAddress: newcomer },
      { displayName: 'Priya Shah', emailAddress: 'priya.shah@harbourvale.example' },
    ],
    bodyType: 'html',
  });
  await openTaskPaneSignedIn(page, 'share-files', 'Alex Morgan');
  await expect(page.getByRole('heading', { level: 2, name: 'Share files via secure link' })).toBeVisible();

  // Colleagues are left out; Riya's matter is found from her address.
  await expect(page.getByText('Recipients: Riya Kapoor, Morgan Lee')).toBeVisible();
  await expect(page.getByText(/^2026-0002 · /)).toBeVisible();
  const recipients = page.getByRole('group', { name: 'Recipients on 2026-0002' });
  await expect(recipients).toContainText('Riya Kapoor');
  await expect(recipients).toContainText('Gets the files');

  // Morgan is not a contact yet: add them to the matter first.
  await recipients.getByRole('button', { name: 'Add as a contact of 2026-0002' }).click();
  const form = page.getByRole('form', { name: `New contact ${newcomer}` });
  await expect(form.getByRole('textbox', { name: 'Name' })).toHaveValue('Morgan Lee');
  await form.getByRole('radio', { name: 'Third party' }).check();
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(recipients.getByText(`Morgan Lee · ${newcomer}`)).toBeVisible();
  await expect(recipients.getByText('Gets the files')).toHaveCount(2);

  // A file from the device and one from the matter's documents.
  const deviceName = `Draft lease ${stamp}.pdf`;
  await page.getByLabel('Files from this device').setInputFiles({
    name: deviceName,
    mimeType: 'application/pdf',
    buffer: makePdf(`draft ${stamp}`),
  });
  await expect(page.getByText(new RegExp(`^${deviceName.replace(/[.]/g, '\\.')} · `))).toBeVisible();
  await page.getByRole('checkbox', { name: docName }).check();
  const seen = await outboxIds(request);
  await page.getByRole('button', { name: 'Upload and insert link' }).click();
  await expect(page.getByText(/The link to “.+” is in your email\./)).toBeVisible({ timeout: 20_000 });

  // The email gets a link, never the files.
  const inserted = await insertedIntoBody(page);
  expect(inserted).toHaveLength(1);
  expect(inserted[0]!.coercionType).toBe('html');
  const href = /href="([^"]+)"/.exec(inserted[0]!.data)?.[1]?.replaceAll('&amp;', '&');
  expect(href).toMatch(new RegExp(`^${baseURL}/portal/#conversation=[0-9a-f-]{36}$`));
  await waitForEmail(request, seen, (m) => m.kind === 'secure_link' && m.to === newcomer);

  // The recipient opens the link in their own browser, asks for their secure link, and signs in.
  const visitor = await (await browser.newContext({ baseURL })).newPage();
  await visitor.goto(href!);
  await expect(visitor.getByRole('heading', { level: 1, name: 'Open the files shared with you' })).toBeVisible();
  expect(visitor.url()).not.toContain('conversation=');
  const beforeRequest = await outboxIds(request);
  await visitor.getByRole('textbox', { name: 'Your email address' }).fill(RIYA);
  await visitor.getByRole('button', { name: 'Email me my secure link' }).click();
  await expect(visitor.getByText(/a secure link is on its way/)).toBeVisible();
  const linkEmail = await waitForEmail(request, beforeRequest, (m) => m.kind === 'secure_link' && m.to === RIYA);
  const link = secureLinkOf(linkEmail);

  const conversationId = /#conversation=(.+)$/.exec(href!)![1]!;
  const client = await openLinkAndSignIn(browser, request, { baseURL, link, email: RIYA });
  await expect(client).toHaveURL(new RegExp(`/portal/messages/${conversationId}$`));
  await expect(client.getByText(deviceName).first()).toBeVisible();
  await expect(client.getByText(docName).first()).toBeVisible();
  await expect(portalMessage(client, deviceName)).toBeVisible();
});
