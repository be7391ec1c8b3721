import { expect, test, type Page } from './fixtures.js';
import { signInStaff } from './portal-support.js';

function matterLink(page: Page, number: string) {
  return page.getByRole('list', { name: 'Matters' }).getByRole('link', { name: new RegExp(`^${number}\\b`) });
}

test('when a staff member signs in on the dev page, then the seeded matters are listed and restricted ones only for listed staff', async ({
  page,
}) => {
  await signInStaff(page, 'Alex Morgan');

  const matters = page.getByRole('list', { name: 'Matters' });
  await expect(matterLink(page, '2026-0001')).toBeVisible();
  await expect(matterLink(page, '2026-0002')).toBeVisible();
  await expect(matterLink(page, '2025-0117')).toBeVisible();
  await expect(matterLink(page, '2026-0002')).toHaveAccessibleName(/Restricted/);
  await expect(matterLink(page, '2025-0117')).toHaveAccessibleName(/Closed/);

  await page.getByRole('searchbox', { name: 'Search matters' }).fill('Quay');
  await expect(matters.getByRole('link')).toHaveCount(1);
  await expect(matterLink(page, '2026-0001')).toBeVisible();

  await matterLink(page, '2026-0001').click();
  await expect(page.getByRole('heading', { level: 2, name: '2026-0001' })).toBeVisible();
  const contacts = page.getByRole('list', { name: 'Contacts' });
  await expect(contacts.getByText('Jordan Ellis', { exact: true })).toBeVisible();
  await expect(contacts.getByText('Sam Ellis', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Conversations' })).toContainText(
    'External (clients and third parties)',
  );

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.getItem('confer.staffToken'))).toBeNull();

  await signInStaff(page, 'Tom Becker');
  await expect(matterLink(page, '2026-0001')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^\d+\+? matters?$/ })).toBeVisible();
  await expect(matterLink(page, '2026-0002')).toHaveCount(0);
});
