import { expect, test } from './fixtures.js';
import { signInToStaffApp } from './portal-support.js';

test('when a channel member manages participants and renames it, then the list shows who is in, and the people added, renamed for or removed see it live', async ({
  browser,
  baseURL,
}) => {
  const stamp = Date.now().toString(36);
  const channel = `completions-${stamp}`;
  const alex = await signInToStaffApp(browser, baseURL, 'Alex Morgan');
  const priya = await signInToStaffApp(browser, baseURL, 'Priya Shah');

  await alex.getByRole('button', { name: 'New channel' }).click();
  const create = alex.getByRole('dialog', { name: 'New channel' });
  await create.getByRole('textbox', { name: 'Channel name' }).fill(channel);
  await create.getByRole('button', { name: 'Create channel' }).click();
  await expect(alex.getByRole('heading', { level: 2, name: channel })).toBeVisible();

  // The ⋯ menu offers managing participants and renaming, not only leaving.
  await alex.getByRole('button', { name: 'Channel options' }).click();
  await expect(alex.getByRole('menuitem', { name: 'Leave channel' })).toBeVisible();
  await alex.getByRole('menuitem', { name: 'Manage participants' }).click();
  const manage = alex.getByRole('dialog', { name: 'Manage participants' });
  const members = manage.getByRole('list', { name: 'In this channel (1)' });
  await expect(members).toContainText('Alex Morgan (you)');
  await expect(members.getByRole('button', { name: /^Remove/ })).toHaveCount(0);

  // Add Priya: she is listed at once, and the channel appears on her Home without a reload.
  const priyaChannels = priya.getByRole('list', { name: 'Channels' });
  await expect(priyaChannels.getByRole('link', { name: new RegExp(`^${channel}`) })).toHaveCount(0);
  await manage.getByRole('group', { name: 'Add people' }).getByRole('checkbox', { name: 'Priya Shah' }).check();
  await manage.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(manage.getByRole('list', { name: 'In this channel (2)' })).toContainText('Priya Shah');
  await expect(manage.getByRole('status')).toHaveText('Added Priya Shah.');
  // Someone already in is not offered again.
  await expect(
    manage.getByRole('group', { name: 'Add people' }).getByRole('checkbox', { name: 'Priya Shah' }),
  ).toHaveCount(0);
  await manage.getByRole('button', { name: 'Done' }).click();
  await expect(alex.getByRole('img', { name: 'Priya Shah' })).toBeVisible();
  await expect(priyaChannels.getByRole('link', { name: new RegExp(`^${channel}`) })).toBeVisible();
  await priyaChannels.getByRole('link', { name: new RegExp(`^${channel}`) }).click();
  await expect(priya.getByRole('heading', { level: 2, name: channel })).toBeVisible();

  // Rename: Priya's open channel takes the new name live.
  const renamed = `completions-team-${stamp}`;
  await alex.getByRole('button', { name: 'Channel options' }).click();
  await alex.getByRole('menuitem', { name: 'Rename channel' }).click();
  const rename = alex.getByRole('dialog', { name: 'Rename channel' });
  await rename.getByRole('textbox', { name: 'Channel name' }).fill(renamed);
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toBeHidden();
  await expect(alex.getByRole('heading', { level: 2, name: renamed })).toBeVisible();
  await expect(priya.getByRole('heading', { level: 2, name: renamed })).toBeVisible();

  // Remove Priya: her channel view turns read-only live, and it leaves her Home.
  await alex.getByRole('button', { name: 'Channel options' }).click();
  await alex.getByRole('menuitem', { name: 'Manage participants' }).click();
  await alex
    .getByRole('dialog', { name: 'Manage participants' })
    .getByRole('button', { name: 'Remove Priya Shah' })
    .click();
  await expect(
    alex.getByRole('dialog', { name: 'Manage participants' }).getByRole('list', { name: 'In this channel (1)' }),
  ).toBeVisible();
  await alex.getByRole('dialog', { name: 'Manage participants' }).getByRole('button', { name: 'Done' }).click();
  await expect(priya.getByRole('button', { name: 'Join channel' })).toBeVisible();
  await priya.getByRole('link', { name: 'Back to home' }).click();
  await expect(priyaChannels.getByRole('link', { name: new RegExp(`^${renamed}`) })).toHaveCount(0);
  await expect(alex.getByRole('img', { name: 'Priya Shah' })).toHaveCount(0);
});
