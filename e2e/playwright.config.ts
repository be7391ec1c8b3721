import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3917);
const e2eDir = fileURLToPath(new URL('.', import.meta.url));
// A fresh data directory (and database: embedded, or a new one on TEST_DATABASE_URL's server)
// per run, so the seed is always the starting point.
const dataDir = join(tmpdir(), `confer-e2e-${Date.now()}`);

export default defineConfig({
  testDir: 'tests',
  workers: 1,
  retries: 0,
  reporter: 'list',
  forbidOnly: Boolean(process.env.CI),
  // whole flows with several browsers: a busy 2-core machine runs one in up to a minute
  timeout: 120_000,
  expect: { timeout: 10_000 },
  use: {
    ...devices['Desktop Chrome'],
    // two panes (900–1279 px): the specs that need the third pane or the task pane set their size
    viewport: { width: 1200, height: 720 },
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'node start-confer.mjs',
    cwd: e2eDir,
    env: {
      PORT: String(port),
      CONFER_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    url: `http://127.0.0.1:${port}/readyz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
