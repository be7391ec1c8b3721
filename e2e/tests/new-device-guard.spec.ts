import { expect, test } from './fixtures.js';
import {
  openInStaffApp,
  openLinkAndSignIn,
  outboxIds,
  secureLinkOf,
  staffApi,
  staffToken,
  waitForEmail,
} from './portal-support.js';

type Created = { id: string };

test('when a client signs in from a second browser, then staff see it in the conversation, can ask them, and end their sessions so both browsers are back at sign-in', async ({
  browser,
  request,
  baseURL,
}) => {
  const api = staffApi(request, await staffToken(request, 'alex.morgan@harbourvale.example'));
  const stamp = Date.now().toString(36);
  const email = `drew.${stamp}@mail.example`;
  const name = `Drew Device ${stamp}`;
  const matter = await api.post<Created>('/matters', { number: `D-${stamp}`, title: 'Guarded purchase' });
  const client = await api.post<Created>('/contacts', { name, email });
  await api.put(`/matters/${matter.id}/contacts/${client.id}`);
  const seen = await outboxIds(request);
  const conversation = await api.post<Created>('/conversations', {
    kind: 'external_matter',
    matterId: matter.id,
    contactIds: [client.id],
  });
  const link = secureLinkOf(await waitForEmail(request, seen, (m) => m.kind === 'secure_link' && m.to === email));

  // the first browser is the client's first device: nothing to tell
  const laptop = await openLinkAndSignIn(browser, request, { baseURL, link, email, expectWelcome: true });
  const staff = await openInStaffApp(browser, baseURL, 'Alex Morgan', `conversations/${conversation.id}`);
  const notice = staff.getByText(`${name} signed in from a new device`);
  await expect(staff.getByRole('textbox', { name: /^Message/ })).toBeVisible();
  await expect(notice).toHaveCount(0);

  // a second browser (no device cookie) signs in as the same client: staff are told live
  const phone = await openLinkAndSignIn(browser, request, { baseURL, link, email });
  await expect(notice).toBeVisible();
  await expect(staff.getByText(/^Chrome on Windows · /)).toBeVisible();
  // the client is never told where they were seen from
  await expect(phone.getByText(/new device|127\.0\.0\.1/)).toHaveCount(0);

  // "Ask the client" puts a question in the composer; nothing is sent
  await staff.getByRole('button', { name: 'Ask the client' }).click();
  const composer = staff.getByRole('textbox', { name: /^Message/ });
  await expect(composer).toHaveValue(
    /^We noticed a new sign-in to your secure link \(Chrome on Windows · .*\)\. Was that you\?/,
  );
  await expect(composer).toBeFocused();
  const messages = await api.get<{ items: unknown[] }>(`/conversations/${conversation.id}/messages`);
  expect(messages.items).toHaveLength(0);

  // "End their sessions" asks, then signs the client out of both browsers at once
  await staff.getByRole('button', { name: 'End their sessions' }).click();
  const ask = staff.getByRole('alertdialog', { name: `End ${name}'s portal sessions?` });
  await ask.getByRole('button', { name: 'End sessions' }).click();
  await expect(ask).toBeHidden();
  await expect(notice).toHaveCount(0);
  for (const page of [laptop, phone]) {
    await expect(
      page.getByText('You have been signed out on every device. Open your secure link again to sign in.'),
    ).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Sections' })).toHaveCount(0);
  }
  // after a reload too: the sessions are over, not just the screens
  await phone.reload();
  await expect(phone.getByRole('navigation', { name: 'Sections' })).toHaveCount(0);
  await expect(phone.getByRole('textbox', { name: /email/i })).toBeVisible();
});
