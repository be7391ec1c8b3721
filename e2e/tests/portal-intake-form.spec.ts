import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures.js';
import {
  findMatter,
  makePdf,
  openInStaffApp,
  openLinkAndSignIn,
  outboxIds,
  secureLinkOf,
  staffApi,
  staffToken,
  waitForEmail,
} from './portal-support.js';

const JORDAN_EMAIL = 'jordan.ellis@mail.example';

type MatterDocument = { id: string; name: string; source: string; latest: { id: string } };

test('when staff send an intake form, then the client completes it from To do with a draft and a file, and staff see the answers and the PDF', async ({
  browser,
  request,
  baseURL,
}) => {
  const stamp = Date.now().toString(36);
  const formTitle = `Purchase intake ${stamp}`;
  const token = await staffToken(request, 'alex.morgan@harbourvale.example');
  const api = staffApi(request, token);
  const matter = await findMatter(api, '2026-0001');

  // Staff create the form in the staff app and send it to Jordan from the matter.
  const staff = await openInStaffApp(browser, baseURL, 'Alex Morgan', `matters/${matter.id}`, '2026-0001');
  await staff.getByRole('button', { name: 'Send form' }).click();
  const send = staff.getByRole('dialog', { name: 'Send a form' });
  await send.getByRole('button', { name: 'New form' }).click();
  const builder = staff.getByRole('dialog', { name: 'New form' });
  await builder.getByRole('textbox', { name: /^Title/ }).fill(formTitle);
  const question = (n: number) => builder.getByRole('group', { name: `Question ${n}` });
  await question(1)
    .getByRole('textbox', { name: /^Question/ })
    .fill('Full name');
  await expect(question(1).getByRole('switch', { name: 'Required' })).toBeChecked();
  await builder.getByRole('button', { name: 'Add question' }).click();
  await question(2)
    .getByRole('textbox', { name: /^Question/ })
    .fill('Date of birth');
  await question(2).getByRole('combobox', { name: 'Answer type' }).selectOption('date');
  await builder.getByRole('button', { name: 'Add question' }).click();
  await question(3)
    .getByRole('textbox', { name: /^Question/ })
    .fill('How will you pay for the purchase?');
  await question(3).getByRole('combobox', { name: 'Answer type' }).selectOption('choice');
  await question(3)
    .getByRole('textbox', { name: /^Choices/ })
    .fill('Mortgage\nSavings');
  await builder.getByRole('button', { name: 'Add question' }).click();
  await question(4)
    .getByRole('textbox', { name: /^Question/ })
    .fill('Photo ID');
  await question(4).getByRole('combobox', { name: 'Answer type' }).selectOption('file');
  await question(4).getByRole('switch', { name: 'Required' }).check();
  await builder.getByRole('button', { name: 'Create form' }).click();
  await expect(builder).toBeHidden();
  await expect(send.getByRole('combobox', { name: /^Form/ }).locator('option:checked')).toHaveText(
    new RegExp(`^${formTitle}`),
  );
  await send
    .getByRole('combobox', { name: /^Send to/ })
    .selectOption({ label: `Jordan Ellis (${JORDAN_EMAIL}) · client` });
  const seen = await outboxIds(request);
  await send.getByRole('button', { name: 'Send form' }).click();
  await expect(send).toBeHidden();
  const sentItem = staff.getByRole('listitem', { name: `${formTitle} for Jordan Ellis` });
  await expect(sentItem).toContainText('Sent');

  // Jordan is emailed a personal link; signed in, To do lists the form and leads to it.
  const email = await waitForEmail(request, seen, (m) => m.kind === 'form_request' && m.to === JORDAN_EMAIL);
  const client = await openLinkAndSignIn(browser, request, { baseURL, link: secureLinkOf(email), email: JORDAN_EMAIL });
  await client.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'To do' }).click();
  const formsToDo = client.getByRole('region', { name: 'Forms to complete' });
  await formsToDo.getByRole('link', { name: new RegExp(formTitle) }).click();
  await expect(client.getByRole('heading', { level: 2, name: formTitle })).toBeVisible();

  // Submitting empty: the two required questions say so, before anything reaches the server.
  await client.getByRole('button', { name: 'Submit' }).click();
  await expect(client.getByRole('alert').filter({ hasText: '2 questions need your attention' })).toBeVisible();
  await expect(client.getByText('This question needs an answer.')).toHaveCount(2);

  // Fill in, upload the ID (with its progress shown until done), save a draft.
  await client.getByRole('textbox', { name: /^Full name/ }).fill(`Jordan Ellis ${stamp}`);
  await client.getByLabel('Date of birth').fill('1990-02-28');
  await client.getByRole('radio', { name: 'Savings' }).check();
  const idName = `passport-${stamp}.pdf`;
  await client.locator('#field-photo_id').setInputFiles({
    name: idName,
    mimeType: 'application/pdf',
    buffer: makePdf(stamp),
  });
  await expect(client.getByRole('list', { name: 'Files for: Photo ID' })).toContainText(idName);
  await expect(client.getByText(/^Uploading /)).toHaveCount(0);
  await client.getByRole('button', { name: 'Save draft' }).click();
  await expect(client.getByRole('status').filter({ hasText: /^Draft saved / })).toBeVisible();

  // The draft is kept: after a reload the answers and the file are still there.
  await client.reload();
  await expect(client.getByRole('textbox', { name: /^Full name/ })).toHaveValue(`Jordan Ellis ${stamp}`);
  await expect(client.getByLabel('Date of birth')).toHaveValue('1990-02-28');
  await expect(client.getByRole('radio', { name: 'Savings' })).toBeChecked();
  await expect(client.getByRole('list', { name: 'Files for: Photo ID' })).toContainText(idName);

  // Submit: a confirmation, and the answers read-only.
  await client.getByRole('button', { name: 'Submit' }).click();
  await expect(client.getByText('Form sent')).toBeVisible();
  const answers = client.locator('dl[aria-label="Your answers"]');
  await expect(answers).toContainText(`Jordan Ellis ${stamp}`);
  await expect(answers).toContainText('Savings');
  await expect(answers).toContainText(idName);
  await expect(client.getByRole('button', { name: 'Submit' })).toHaveCount(0);

  // Documents → Forms lists it as submitted.
  await client.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Documents' }).click();
  await client.getByRole('navigation', { name: 'Documents' }).getByRole('link', { name: 'Forms' }).click();
  await expect(client).toHaveURL(/\/portal\/docs\/forms$/);
  await expect(client.getByRole('region', { name: 'Submitted' })).toContainText(formTitle);
  await expect(client.getByRole('region', { name: 'To complete' })).toHaveCount(0);

  // Staff, with the matter still open, see it become submitted without reloading, with the
  // answers and the PDF to download.
  await expect(sentItem).toContainText('Submitted');
  await sentItem.getByRole('button', { name: 'Show answers' }).click();
  await expect(sentItem).toContainText(`Jordan Ellis ${stamp}`);
  await expect(sentItem).toContainText(idName);
  const downloading = staff.waitForEvent('download');
  await sentItem.getByRole('button', { name: 'Download PDF' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const pdf = await readFile((await download.path())!);
  expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');

  // The PDF, the CSV and the uploaded ID are among the matter's documents.
  const { items } = await api.get<{ items: MatterDocument[] }>(`/matters/${matter.id}/documents`);
  const pdfDocument = items.find((d) => d.name.startsWith(`${formTitle} - Jordan Ellis`) && d.name.endsWith('.pdf'));
  expect(pdfDocument, 'the answers PDF is a matter document').toBeTruthy();
  expect(items.some((d) => d.name.startsWith(`${formTitle} - Jordan Ellis`) && d.name.endsWith('.csv'))).toBe(true);
  expect(items.some((d) => d.name === idName)).toBe(true);
  await staff.reload();
  await expect(staff.getByRole('region', { name: 'Documents' })).toContainText(pdfDocument!.name);
  const stored = await api.download(`/files/${pdfDocument!.latest.id}`);
  expect(stored.subarray(0, 4).toString('latin1')).toBe('%PDF');
});
