import { expect, test } from './fixtures.js';
import { findMatter, openInStaffApp, staffApi, staffToken } from './portal-support.js';

test('when staff open Send form, then nobody is preselected unless the matter has a single client, and the dialog says who will receive it', async ({
  browser,
  request,
  baseURL,
}) => {
  test.slow();
  const api = staffApi(request, await staffToken(request, 'alex.morgan@harbourvale.example'));
  const purchase = await findMatter(api, '2026-0001');
  const staff = await openInStaffApp(browser, baseURL, 'Alex Morgan', `matters/${purchase.id}`, '2026-0001');

  // 2026-0001 has two clients and a third party (listed first by name): nobody is chosen for the sender.
  await staff.getByRole('button', { name: 'Send form' }).click();
  const send = staff.getByRole('dialog', { name: 'Send a form' });
  const to = send.getByRole('combobox', { name: /^Send to/ });
  await expect(to).toHaveValue('');
  await expect(to.locator('option:checked')).toHaveText('Choose who fills it in');
  await expect(send).toContainText('The person you choose gets an email with a link to the form in the portal.');
  await send.getByRole('button', { name: 'Send form' }).click();
  await expect(send).toContainText('Choose who fills it in.');

  // Choosing says exactly who receives it and how.
  await to.selectOption({ label: 'Daniel Okafor (daniel.okafor@surveyors.example) · third party' });
  await expect(send).toContainText(
    'Daniel Okafor (third party) will receive an email at daniel.okafor@surveyors.example with a link to fill it in.',
  );
  await send.getByRole('button', { name: 'Cancel' }).click();
  await expect(send).toBeHidden();

  // 2026-0002 has one client: she is preselected, and named.
  const dispute = await findMatter(api, '2026-0002');
  await staff.goto(`/addin/#/matters/${dispute.id}`);
  await expect(staff.getByRole('heading', { level: 2, name: '2026-0002' })).toBeVisible();
  await staff.getByRole('button', { name: 'Send form' }).click();
  await expect(send.getByRole('combobox', { name: /^Send to/ }).locator('option:checked')).toHaveText(
    'Riya Kapoor (riya.kapoor@mail.example) · client',
  );
  await expect(send).toContainText(
    'Riya Kapoor (client) will receive an email at riya.kapoor@mail.example with a link to fill it in.',
  );
  await staff.context().close();
});

test('when staff add colleagues on a restricted matter, then only people on its access list are offered, and a refusal names the person', async ({
  browser,
  request,
  baseURL,
}) => {
  test.slow();
  const token = await staffToken(request, 'alex.morgan@harbourvale.example');
  const api = staffApi(request, token);
  const dispute = await findMatter(api, '2026-0002');
  const access = async (staffIds: string[]) => {
    const response = await request.put(`/api/v1/matters/${dispute.id}/access`, {
      headers: { authorization: `Bearer ${token}` },
      data: { restricted: true, staffIds },
    });
    expect(response.ok()).toBe(true);
  };
  const staffList = await api.get<{ items: Array<{ id: string; name: string }> }>('/staff');
  const idOf = (name: string) => staffList.items.find((s) => s.name === name)!.id;

  const staff = await openInStaffApp(browser, baseURL, 'Alex Morgan', `matters/${dispute.id}`, '2026-0002');
  await staff.getByRole('button', { name: 'New internal conversation' }).click();
  const dialog = staff.getByRole('dialog', { name: 'New internal conversation' });
  const colleagues = dialog.getByRole('group', { name: 'Colleagues to include' });
  await expect(colleagues.getByRole('checkbox', { name: 'Priya Shah' })).toBeVisible();
  await expect(colleagues.getByRole('checkbox')).toHaveCount(1); // Tom Becker is not on the list
  await expect(dialog).toContainText('This matter is restricted: only staff on its access list can be added.');

  // Priya leaves the access list while the dialog is open: the refusal names her, with no id.
  await colleagues.getByRole('checkbox', { name: 'Priya Shah' }).check();
  await access([idOf('Alex Morgan')]);
  try {
    await dialog.getByRole('button', { name: 'Create conversation' }).click();
    const refusal = dialog.getByText(/cannot be added/);
    await expect(refusal).toHaveText(
      'Priya Shah cannot be added: this matter is restricted and is not on its access list',
    );
    await expect(dialog).not.toContainText(idOf('Priya Shah'));
  } finally {
    await access([idOf('Alex Morgan'), idOf('Priya Shah')]);
  }
  await staff.context().close();
});
