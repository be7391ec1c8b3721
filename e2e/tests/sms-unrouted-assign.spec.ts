import { expect, test } from './fixtures.js';
import { openInStaffApp, staffApi, staffToken } from './portal-support.js';

type Conversation = { id: string; title: string; participants: Array<{ id: string; contactId: string | null }> };

test('when a text from a client cannot be routed, then Assign offers only the conversation that still accepts messages, not an archived one, one on a closed matter or one the client left, and assigning files the text there', async ({
  browser,
  request,
  baseURL,
}) => {
  const stamp = Date.now().toString(36);
  // A number of this run's own, so nothing texted in an earlier run can route the reply.
  const caseyMobile = `+4474128${String(Date.now() % 100_000).padStart(5, '0')}`;
  const token = await staffToken(request, 'alex.morgan@harbourvale.example');
  const api = staffApi(request, token);

  // Casey, a client with a UK mobile, on three matters of her own.
  const casey = await api.post<{ id: string }>('/contacts', {
    name: 'Casey Quinn',
    email: `casey.quinn.${stamp}@mail.example`,
    mobile: caseyMobile,
  });
  const matter = async (n: number, title: string) => {
    const m = await api.post<{ id: string; number: string }>('/matters', { number: `E2E-${stamp}-${n}`, title });
    await api.put(`/matters/${m.id}/contacts/${casey.id}`);
    return m;
  };
  const purchase = await matter(1, 'Purchase of 3 Mill Lane');
  const lease = await matter(2, 'Lease of the Mill Lane garage');
  const probate = await matter(3, 'Probate of the Quinn estate');
  const conversation = (matterId: string, name: string) =>
    api.post<Conversation>('/conversations', {
      kind: 'external_matter',
      matterId,
      name: `${name} (${stamp})`,
      contactIds: [casey.id],
    });
  const open = await conversation(purchase.id, 'Completion questions');
  const left = await conversation(purchase.id, 'Mortgage offer');
  const archived = await conversation(lease.id, 'Garage lease');
  const closed = await conversation(probate.id, 'Estate accounts');

  // Each conversation texts Casey, so each is one she might be answering.
  for (const c of [open, left, archived, closed]) {
    await api.post(`/conversations/${c.id}/messages`, { body: `News on ${c.title}.`, sendAsSms: true });
  }
  const phone = await (await browser.newContext({ baseURL })).newPage();
  await expect(async () => {
    await phone.goto(`/dev/phone?number=${encodeURIComponent(caseyMobile)}`);
    await expect(phone.locator('.b.out').filter({ hasText: stamp })).toHaveCount(4, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });

  // Then three of them stop accepting messages from her: she is removed from one, her
  // engagement on the lease ends (its conversation is archived), and the probate matter closes.
  const caseyInLeft = left.participants.find((p) => p.contactId === casey.id)!;
  const removed = await request.delete(`/api/v1/conversations/${left.id}/participants/${caseyInLeft.id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(removed.status()).toBe(200);
  await api.post(`/matters/${lease.id}/contacts/${casey.id}/end-engagement`);
  const afterEnding = await api.get<{ archivedAt: string | null }>(`/conversations/${archived.id}`);
  expect(afterEnding.archivedAt, 'the lease conversation is archived').not.toBeNull();
  await api.post(`/matters/${probate.id}/close`);

  // Casey texts back without saying which matter: the firm cannot tell, so the text waits for an admin.
  const reply = `Is the completion date still the 30th? (${stamp})`;
  await phone.getByRole('textbox', { name: 'Text' }).fill(reply);
  await phone.getByRole('button', { name: 'Send text' }).click();
  await expect(phone.locator('.b.in').filter({ hasText: reply })).toBeVisible();
  await expect(async () => {
    await phone.goto(`/dev/phone?number=${encodeURIComponent(caseyMobile)}`);
    await expect(
      phone.locator('.b.out').filter({ hasText: 'we could not add your text to a conversation' }),
    ).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });

  // The admin opens Unrouted texts and assigns it: only the open conversation is offered.
  const staff = await openInStaffApp(browser, baseURL, 'Alex Morgan', 'unrouted-texts', 'Unrouted texts');
  const item = staff.getByRole('listitem', { name: `Text from ${caseyMobile}` }).filter({ hasText: reply });
  await expect(item).toContainText('Casey Quinn');
  await expect(item).toContainText('Several conversations texted this number.');
  await item.getByRole('button', { name: 'Assign to conversation' }).click();
  const choice = item.getByRole('combobox', { name: 'Conversation' });
  await expect(choice.locator('option')).toHaveText([open.title]);
  await expect(choice).toHaveValue(open.id);
  await item.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(staff.getByText(`The text from ${caseyMobile} was added to ${open.title}.`)).toBeVisible();
  await expect(item).toHaveCount(0);

  // The text is now a message from Casey in that conversation, via SMS.
  await staff.getByRole('link', { name: 'Open the conversation' }).click();
  const screen = staff.getByRole('region', { name: 'Open conversation' });
  await expect(screen.getByRole('heading', { level: 2, name: open.title })).toBeVisible();
  const filed = screen.locator('li[data-message-id]').filter({ hasText: reply });
  await expect(filed).toBeVisible();
  await expect(filed).toContainText('Casey Quinn');
  await expect(filed).toContainText('via SMS');
});
