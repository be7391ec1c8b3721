import { expect, test, type Page } from './fixtures.js';
import {
  codeOf,
  outboxIds,
  signInStaff,
  staffApi,
  staffToken,
  startConversationWithLink,
  waitForEmail,
} from './portal-support.js';

/**
 * Passkeys with Chromium's virtual authenticator (CDP WebAuthn domain): a platform
 * authenticator with user verification, as a phone's or laptop's fingerprint reader is.
 */
async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
  };
}

test('when a client adds a passkey after a code sign-in, then the link and the passkey sign them in without a code, they can remove it, and staff revoking one ends their session', async ({
  browser,
  request,
  baseURL,
}) => {
  const stamp = Date.now().toString(36);
  const api = staffApi(request, await staffToken(request, 'alex.morgan@harbourvale.example'));
  // A matter of its own: adding a client to a seeded matter would change what later specs see.
  const matter = await api.post<{ id: string; number: string }>('/matters', {
    number: `E2E-${stamp}`,
    title: 'Passkey purchase',
  });
  const email = `pat.${stamp}@mail.example`;
  const name = `Pat Passkey ${stamp}`;
  const pat = await api.post<{ id: string; email: string | null }>('/contacts', { name, email, kind: 'client' });
  await api.put(`/matters/${matter.id}/contacts/${pat.id}`);
  const { link } = await startConversationWithLink(request, api, matter.id, pat);

  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const authenticator = await addVirtualAuthenticator(page);

  // First visit: the welcome, the emailed code, then the offer to add a passkey.
  let seen = await outboxIds(request);
  await page.goto(link);
  await page.getByRole('button', { name: 'Continue' }).click();
  const codeEmail = await waitForEmail(request, seen, (m) => m.kind === 'sign_in_code' && m.to === email);
  await page.getByRole('textbox', { name: '6-digit code' }).fill(codeOf(codeEmail));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  await expect(page.getByText('Sign in faster next time')).toBeVisible();
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(page.getByText('Passkey added. Next time, your secure link signs you in with it.')).toBeVisible();
  expect(await authenticator.credentials()).toHaveLength(1);

  // Sign out, open the same link again: the passkey replaces the code.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  seen = await outboxIds(request);
  await page.goto('about:blank'); // a new page load, not a change of the address's hash
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in with your passkey' })).toBeVisible();
  await page.getByRole('button', { name: 'Use my passkey' }).click();
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  await expect(page.getByText('Sign in faster next time')).toHaveCount(0);
  const { items: sent } = (await (await request.get('/dev/outbox.json')).json()) as {
    items: Array<{ id: string; kind: string; to: string }>;
  };
  expect(sent.filter((m) => !seen.has(m.id) && m.kind === 'sign_in_code' && m.to === email)).toEqual([]);

  // Passkeys: the one added, used just now; remove it, add another.
  await page.getByRole('button', { name: 'Passkeys' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Passkeys' })).toBeVisible();
  const list = page.getByRole('list', { name: 'Your passkeys' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByText(/^Last used /)).toBeVisible();
  await list.getByRole('button', { name: /^Remove the passkey added / }).click();
  await expect(page.getByText('No passkeys yet')).toBeVisible();
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(page.getByText('Passkey added. Next time, your secure link signs you in with it.')).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(1);

  // Staff revoke it from the contact: the client's portal session ends at once.
  const staff = await (await browser.newContext({ baseURL })).newPage();
  await signInStaff(staff, 'Alex Morgan');
  await staff
    .getByRole('list', { name: 'Matters' })
    .getByRole('link', { name: new RegExp(`^${matter.number}\\b`) })
    .click();
  await staff
    .getByRole('list', { name: 'Contacts' })
    .getByRole('listitem')
    .filter({ hasText: name })
    .getByRole('button', { name: `Edit ${name}` })
    .click();
  const dialog = staff.getByRole('dialog', { name: `Edit ${name}` });
  await dialog.getByRole('button', { name: new RegExp(`^Revoke ${name}’s passkey added `) }).click();
  await expect(
    dialog.getByText(`${name} signs in to the portal with their link and an emailed code (no passkey).`),
  ).toBeVisible();
  await expect(page.getByText('You have been signed out on every device.', { exact: false })).toBeVisible();

  // The link now asks for a code again.
  await page.goto('about:blank');
  await page.goto(link);
  await expect(page.getByRole('textbox', { name: '6-digit code' })).toBeVisible();
});
