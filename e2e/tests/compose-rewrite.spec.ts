import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from './fixtures.js';
import { signInStaff } from './portal-support.js';

/**
 * Tone help end to end. The suite's server runs without Azure OpenAI (the button is hidden
 * there); this flow starts its own Confer with the Azure OpenAI emulator
 * (api/test/support/azure-openai-emulator.ts) as its provider and managed identity endpoint.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
let emulator: ChildProcess | undefined;
let confer: ChildProcess | undefined;
let baseURL = '';
const dataDir = mkdtempSync(join(tmpdir(), 'confer-e2e-rewrite-'));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function openNewChannel(page: Page, name: string) {
  await page.getByRole('button', { name: 'New channel' }).click();
  const dialog = page.getByRole('dialog', { name: 'New channel' });
  await dialog.getByRole('textbox', { name: 'Channel name' }).fill(name);
  await dialog.getByRole('button', { name: 'Create channel' }).click();
  await expect(page.getByRole('textbox', { name: `Message ${name}` })).toBeVisible();
}

test.describe('with Azure OpenAI configured', () => {
  // a second Confer starts in beforeAll: on a busy machine that alone can take minutes
  test.describe.configure({ timeout: 240_000 });
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    emulator = spawn(
      join(root, 'node_modules/.bin/tsx'),
      [join(root, 'api/test/support/serve-azure-openai-emulator.ts')],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    const settings = await new Promise<Record<string, string>>((resolve, reject) => {
      let out = '';
      emulator!.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!) as Record<string, string>);
      });
      emulator!.once('exit', (code) => reject(new Error(`the emulator exited (${code})`)));
    });
    const port = await freePort();
    baseURL = `http://localhost:${port}`;
    confer = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
      env: { ...process.env, PORT: String(port), CONFER_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...settings },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    for (let i = 0; ; i++) {
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (i > 300 || confer.exitCode !== null) throw new Error('Confer with tone help did not start');
      await new Promise((r) => setTimeout(r, 500));
    }
  });

  test.afterAll(async () => {
    for (const child of [confer, emulator]) {
      if (!child || child.exitCode !== null) continue;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('when staff rewrite a draft as more formal and accept it, then the draft is replaced and nothing is sent until they press Send', async ({
    browser,
  }) => {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await signInStaff(page, 'Alex Morgan');
    const channel = `tone-${Date.now().toString(36)}`;
    await openNewChannel(page, channel);

    const box = page.getByRole('textbox', { name: `Message ${channel}` });
    const draft = "Hi Mrs Patel, I can't make 3 March, thanks for the £1,250.00 on M-1042.";
    const formal = 'Dear Mrs Patel, I cannot make 3 March, Thank you for the £1,250.00 on M-1042.';
    await box.fill(draft);

    // keyboard: the menu opens from the button and a style is picked with the arrow keys and Enter
    await page.getByRole('button', { name: 'Rewrite' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'More formal' })).toBeVisible();
    await page.getByRole('menuitem', { name: 'More formal' }).click();

    const panel = page.getByRole('region', { name: 'Suggested rewrite' });
    await expect(panel.getByTestId('rewrite-suggestion')).toHaveText(formal);
    await expect(panel).toContainText('Nothing is sent until you press Send.');
    await expect(box).toHaveValue(draft); // a suggestion, not yet the draft

    await panel.getByRole('button', { name: 'Accept' }).click();
    await expect(box).toHaveValue(formal);
    await expect(panel).toBeHidden();
    const messages = page.locator('li[data-message-id]');
    await expect(messages).toHaveCount(0); // accepted, not sent

    // Undo brings the author's own words back; the rewrite again, and then Send
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(box).toHaveValue(draft);
    await page.getByRole('button', { name: 'Rewrite' }).click();
    await page.getByRole('menuitem', { name: 'More formal' }).click();
    await panel.getByRole('button', { name: 'Accept' }).click();
    await expect(box).toHaveValue(formal);
    await expect(messages).toHaveCount(0);

    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(messages.filter({ hasText: formal })).toHaveCount(1);
    await expect(box).toHaveValue('');
    await context.close();
  });
});

test('when the suite server has no Azure OpenAI settings, then the composer shows no Rewrite button', async ({
  browser,
}) => {
  // the suite's own server (playwright.config.ts) starts without AZURE_OPENAI_* settings
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInStaff(page, 'Alex Morgan');
  const channel = `plain-${Date.now().toString(36)}`;
  await openNewChannel(page, channel);
  await expect(page.getByRole('textbox', { name: `Message ${channel}` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add link' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rewrite' })).toHaveCount(0);
  await context.close();
});
