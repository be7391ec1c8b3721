import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from './fixtures.js';
import { findMatter, openInStaffApp, staffApi, staffToken } from './portal-support.js';

type Conversation = { id: string };
type MatterDocument = { name: string; latest: { id: string } };

test("when staff export a conversation's record, then its PDF and manifest are in the matter's documents and the manifest verifies", async ({
  browser,
  request,
  baseURL,
}) => {
  const stamp = Date.now().toString(36);
  const api = staffApi(request, await staffToken(request, 'alex.morgan@harbourvale.example'));
  const matter = await findMatter(api, '2026-0001');
  const conversation = await api.post<Conversation>('/conversations', {
    kind: 'internal_matter',
    matterId: matter.id,
    name: `Record ${stamp}`,
  });
  await api.post(`/conversations/${conversation.id}/messages`, { body: `Completion moved to Friday (${stamp})` });
  const staff = await openInStaffApp(
    browser,
    baseURL,
    'Alex Morgan',
    `conversations/${conversation.id}`,
    `Record ${stamp}`,
  );

  await staff.getByRole('tab', { name: 'Files' }).click();
  await staff.getByRole('button', { name: 'Export record' }).click();
  const done = staff.getByRole('status').filter({ hasText: "Exported to the matter's documents as" });
  await expect(done).toBeVisible();
  const message = (await done.textContent()) ?? '';
  const [pdfName, jsonName] = /as (.+\.pdf) and (.+\.json)\./.exec(message)?.slice(1) ?? [];
  expect(pdfName).toMatch(/^2026-0001 record /);

  await staff.goto(`/addin/#/matters/${matter.id}`);
  const documents = staff.getByRole('region', { name: 'Documents' });
  await expect(documents).toContainText(pdfName!);
  await expect(documents).toContainText(jsonName!);

  // the manifest, as downloaded, passes `confer verify`
  const { items } = await api.get<{ items: MatterDocument[] }>(`/matters/${matter.id}/documents`);
  const manifest = items.find((d) => d.name === jsonName)!;
  const file = join(await mkdtemp(join(tmpdir(), 'confer-record-')), 'record.json');
  await writeFile(file, await api.download(`/files/${manifest.latest.id}`));
  const { stdout } = await promisify(execFile)(process.execPath, [
    fileURLToPath(new URL('../../bin/confer.mjs', import.meta.url)),
    'verify',
    file,
  ]);
  expect(stdout).toMatch(/^intact: 1 entry,/);
  await staff.context().close();
});
