import { expect, test, type Page } from './fixtures.js';
import { signInStaff } from './portal-support.js';

async function openMatter(page: Page, number: string) {
  await page
    .getByRole('list', { name: 'Matters' })
    .getByRole('link', { name: new RegExp(`^${number}\\b`) })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: number })).toBeVisible();
}

function contactRow(page: Page, name: string) {
  return page.getByRole('list', { name: 'Contacts' }).getByRole('listitem').filter({ hasText: name });
}

test('when staff edit a contact and add one to a matter, then the matter page shows the saved details', async ({
  page,
}) => {
  await signInStaff(page, 'Alex Morgan');

  // Riya Kapoor is on 2026-0002 in the demo seed (linking her to 2026-0001 would change what the
  // Outlook specs see), so her details are edited there.
  await openMatter(page, '2026-0002');
  await contactRow(page, 'Riya Kapoor').getByRole('button', { name: 'Edit Riya Kapoor' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Riya Kapoor' });
  const mobile = edit.getByRole('textbox', { name: 'Mobile' });
  await expect(mobile).toHaveValue('+447700900103');
  await expect(mobile).toHaveAccessibleDescription(/\+44 7400 123456/); // the format hint

  await mobile.fill('12345');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(mobile).toHaveAccessibleDescription(/Mobile is not a valid phone number\./);
  await expect(mobile).toHaveAttribute('aria-invalid', 'true');
  await expect(edit).toBeVisible();

  await mobile.fill('+44 7400 123456');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  // Stored and shown in international form.
  await expect(
    contactRow(page, 'Riya Kapoor').getByRole('link', { name: 'Call Riya Kapoor: +447400123456' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit Riya Kapoor' })).toBeFocused();

  await page.getByRole('link', { name: 'Back to matters' }).click();
  await openMatter(page, '2026-0001');
  await page.getByRole('button', { name: 'Add contact' }).click();
  const add = page.getByRole('dialog', { name: 'Add contact to 2026-0001' });

  // Existing firm contacts are found by name; those already on the matter are not offered.
  await expect(add.getByRole('radio', { name: /^Riya Kapoor/ })).toBeVisible();
  await expect(add.getByRole('radio', { name: /^Jordan Ellis/ })).toHaveCount(0);
  await add.getByRole('searchbox', { name: 'Find a contact' }).fill('riya.kapoor@');
  await expect(add.getByRole('radio')).toHaveCount(1);

  await add.getByRole('tab', { name: 'New contact' }).click();
  await add.getByRole('textbox', { name: 'Name', exact: true }).fill('Morgan Reid');
  await add.getByRole('textbox', { name: 'Email' }).fill('morgan.reid@valuers.example');
  await add.getByRole('radio', { name: 'Third party' }).check();
  await add.getByRole('button', { name: 'Add to matter' }).click();
  await expect(add).toBeHidden();

  const morgan = contactRow(page, 'Morgan Reid');
  await expect(morgan).toContainText('Third party');
  await expect(morgan.getByRole('link', { name: 'Email Morgan Reid: morgan.reid@valuers.example' })).toBeVisible();

  // Saved on the matter, not just on screen.
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: '2026-0001' })).toBeVisible();
  await expect(contactRow(page, 'Morgan Reid')).toContainText('morgan.reid@valuers.example');
  await expect(contactRow(page, 'Jordan Ellis')).toBeVisible();
});
