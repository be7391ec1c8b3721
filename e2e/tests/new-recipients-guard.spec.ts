import { expect, test } from './fixtures.js';
import { openInStaffApp, staffApi, staffToken } from './portal-support.js';

type Created = { id: string };

test('when a third party joins a client conversation after its last message, then staff are warned and asked before the next send', async ({
  browser,
  request,
  baseURL,
}) => {
  const api = staffApi(request, await staffToken(request, 'alex.morgan@harbourvale.example'));
  const stamp = Date.now().toString(36);
  const matter = await api.post<Created>('/matters', { number: `G-${stamp}`, title: 'Guarded sale' });
  const client = await api.post<Created>('/contacts', {
    name: `Casey Client ${stamp}`,
    email: `casey.${stamp}@mail.example`,
  });
  const surveyor = await api.post<Created>('/contacts', {
    name: `Sol Surveyor ${stamp}`,
    email: `sol.${stamp}@survey.example`,
    kind: 'third_party',
  });
  await api.put(`/matters/${matter.id}/contacts/${client.id}`);
  await api.put(`/matters/${matter.id}/contacts/${surveyor.id}`);
  const conversation = await api.post<Created>('/conversations', {
    kind: 'external_matter',
    matterId: matter.id,
    contactIds: [client.id],
  });
  await api.post(`/conversations/${conversation.id}/messages`, { body: 'Privileged advice for the client only' });

  const page = await openInStaffApp(browser, baseURL, 'Alex Morgan', `conversations/${conversation.id}`);
  const composer = page.getByRole('textbox', { name: /^Message/ });
  // nobody new yet: no warning
  await expect(page.getByText('Added since the last message')).toHaveCount(0);

  // a third party joins (from another screen or colleague); the open conversation hears of it
  await api.post(`/conversations/${conversation.id}/participants`, { contactIds: [surveyor.id] });
  const notice = page.getByText('Added since the last message');
  await expect(notice).toBeVisible();
  await expect(page.getByText(`Sol Surveyor ${stamp} (third party) will see what you send next`)).toBeVisible();

  // sending without saying they checked asks first; "Not yet" sends nothing and keeps the text
  await composer.fill('Next steps on the survey');
  await composer.press('Enter');
  const ask = page.getByRole('alertdialog', { name: 'Send to the people just added?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Not yet' }).click();
  await expect(ask).toBeHidden();
  await expect(composer).toHaveValue('Next steps on the survey');
  const before = await api.get<{ items: unknown[] }>(`/conversations/${conversation.id}/messages`);
  expect(before.items).toHaveLength(1);

  // confirmed: sent once, and the warning is gone (the new message is now the last one)
  await composer.press('Enter');
  await page
    .getByRole('alertdialog', { name: 'Send to the people just added?' })
    .getByRole('button', { name: 'Send' })
    .click();
  await expect(page.getByText('Next steps on the survey', { exact: true })).toBeVisible();
  await expect(composer).toHaveValue('');
  await expect(notice).toHaveCount(0);
  await expect
    .poll(async () => (await api.get<{ items: unknown[] }>(`/conversations/${conversation.id}/messages`)).items.length)
    .toBe(2);
});
