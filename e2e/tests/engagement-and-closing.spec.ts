import { expect, test, type APIRequestContext } from './fixtures.js';
import {
  openInStaffApp,
  openLinkAndSignIn,
  outboxIds,
  portalMessage,
  secureLinkOf,
  staffApi,
  staffToken,
  waitForEmail,
  type StaffApi,
} from './portal-support.js';

type Contact = { id: string; name: string; email: string };

/** A new matter with two clients and one external conversation with both (each emailed a link). */
async function matterWithTwoClients(request: APIRequestContext, api: StaffApi, stamp: string) {
  const matter = await api.post<{ id: string; number: string }>('/matters', {
    number: `E-${stamp}`,
    title: `Shared purchase ${stamp}`,
  });
  const add = async (name: string) => {
    const contact = await api.post<Contact>('/contacts', {
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}.${stamp}@mail.example`,
      kind: 'client',
    });
    await api.put(`/matters/${matter.id}/contacts/${contact.id}`);
    return contact;
  };
  const riley = await add('Riley Stone');
  const morgan = await add('Morgan Stone');
  const seen = await outboxIds(request);
  const conversation = await api.post<{ id: string; title: string }>('/conversations', {
    kind: 'external_matter',
    matterId: matter.id,
    contactIds: [riley.id, morgan.id],
  });
  const linkFor = async (c: Contact) =>
    secureLinkOf(await waitForEmail(request, seen, (m) => m.kind === 'secure_link' && m.to === c.email));
  return { matter, conversation, riley, morgan, rileyLink: await linkFor(riley), morganLink: await linkFor(morgan) };
}

test('when one client’s engagement ends in a conversation shared with another client, then only they lose it; closing the matter asks first and says what happens', async ({
  browser,
  request,
  baseURL,
}) => {
  test.slow();
  const stamp = Date.now().toString(36);
  const api = staffApi(request, await staffToken(request, 'alex.morgan@harbourvale.example'));
  const { matter, conversation, riley, morgan, rileyLink, morganLink } = await matterWithTwoClients(
    request,
    api,
    stamp,
  );
  const rileyPage = await openLinkAndSignIn(browser, request, { baseURL, link: rileyLink, email: riley.email });
  const morganPage = await openLinkAndSignIn(browser, request, { baseURL, link: morganLink, email: morgan.email });
  for (const page of [rileyPage, morganPage]) await page.goto(`/portal/messages/${conversation.id}`);
  const staff = await openInStaffApp(browser, baseURL, 'Alex Morgan', `matters/${matter.id}`, matter.number);

  // End Riley's engagement: the dialog says the shared conversation stays open for the others.
  await staff.getByRole('button', { name: `End engagement with ${riley.name}` }).click();
  const end = staff.getByRole('alertdialog', { name: `End engagement with ${riley.name}?` });
  await expect(end).toContainText('stays open for them');
  await end.getByRole('button', { name: 'End engagement' }).click();
  await expect(end).toBeHidden();

  // Riley's open conversation turns read-only live; Morgan's stays open.
  await expect(rileyPage.getByRole('status').filter({ hasText: 'Your engagement with' })).toContainText(
    'you can no longer reply',
  );
  await expect(rileyPage.getByRole('textbox', { name: /message/i })).toHaveCount(0);
  const reply = `Morgan still here (${stamp})`;
  const box = morganPage.getByRole('textbox', { name: /message/i });
  await box.fill(reply);
  await box.press('Enter');
  await expect(portalMessage(morganPage, reply)).toBeVisible();

  // Staff still write in it; Morgan sees it, Riley does not.
  await staff.goto(`/addin/#/conversations/${conversation.id}`);
  await expect(staff.locator('li[data-message-id]').filter({ hasText: reply })).toBeVisible();
  const after = `Only for Morgan now (${stamp})`;
  await expect(staff.getByRole('list', { name: /^Participants/ })).not.toContainText('RS');
  await staff.getByRole('textbox', { name: /^Message / }).fill(after);
  await staff.getByRole('textbox', { name: /^Message / }).press('Enter');
  await expect(portalMessage(morganPage, after)).toBeVisible();
  await rileyPage.reload();
  await expect(portalMessage(rileyPage, reply)).toHaveCount(0);
  await expect(portalMessage(rileyPage, after)).toHaveCount(0);

  // Close matter asks first and says what happens; Cancel changes nothing.
  await staff.goto(`/addin/#/matters/${matter.id}`);
  await staff.getByRole('button', { name: 'Close matter' }).click();
  const close = staff.getByRole('alertdialog', { name: `Close matter ${matter.number}?` });
  await expect(close).toContainText(
    'Its 1 open conversation (1 with clients or third parties) becomes read-only: everyone can still read the messages and files, but nobody can send new ones.',
  );
  await expect(close).toContainText('You can reopen the matter later');
  await close.getByRole('button', { name: 'Cancel' }).click();
  await expect(close).toBeHidden();
  await expect(staff.getByText('Open', { exact: true })).toBeVisible();
  expect((await api.get<{ archivedAt: string | null }>(`/conversations/${conversation.id}`)).archivedAt).toBeNull();

  await staff.getByRole('button', { name: 'Close matter' }).click();
  await close.getByRole('button', { name: 'Close matter' }).click();
  await expect(close).toBeHidden();
  await expect(staff.getByText('Closed', { exact: true })).toBeVisible();
  await expect(staff.getByRole('button', { name: 'Reopen matter' })).toBeVisible();
  await expect(morganPage.getByRole('status').filter({ hasText: 'The matter has been closed' })).toBeVisible();

  for (const page of [staff, rileyPage, morganPage]) await page.context().close();
});
