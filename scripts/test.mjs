#!/usr/bin/env node
// `npm test`: builds the product, runs the API component tests (PGlite, or PostgreSQL when
// TEST_DATABASE_URL is set; Azurite started by the test setup), the front-end unit and React
// component tests (node:test; Vitest in jsdom), the start script's quiet builds, then the browser tests in
// headless Chromium when one is found. CONFER_REQUIRE_E2E=1 turns a missing Chromium into a
// failure instead of a skip.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (args, env = {}) =>
  spawnSync(npm, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

const results = [];
const step = (name, args, env) => {
  console.log(`\n=== ${name} ===`);
  const status = run(args, env);
  results.push({ name, ok: status === 0 });
  return status === 0;
};

if (!step('build', ['run', 'build'])) {
  console.error('Build failed: tests not run.');
  process.exit(1);
}
const database = process.env.TEST_DATABASE_URL ? 'PostgreSQL (TEST_DATABASE_URL)' : 'PGlite';
step(`API tests on ${database}`, ['test', '-w', 'api']);
step('UI unit tests (node:test)', ['test', '-w', 'ui']);
step('Add-in unit and component tests (node:test: Office wrapper, manifest; Vitest: components)', [
  'test',
  '-w',
  'addin',
]);
step('Portal component tests (Vitest) and first-download budget (node:test)', ['test', '-w', 'portal']);
step("npm start's first-run builds are quiet (node:test)", ['run', 'test:scripts']);

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(chromium)) {
  step('browser tests (Playwright, headless Chromium)', ['test', '-w', 'e2e'], { CHROMIUM_PATH: chromium });
} else if (process.env.CONFER_REQUIRE_E2E === '1') {
  console.error(`\nFAILED browser tests: no Chromium at ${chromium} and CONFER_REQUIRE_E2E=1`);
  results.push({ name: 'browser tests', ok: false });
} else {
  console.warn(
    `\n${'!'.repeat(72)}\nSKIPPED browser tests: no Chromium (looked for ${chromium}; set CHROMIUM_PATH)\n${'!'.repeat(72)}`,
  );
}

const failed = results.filter((r) => !r.ok);
console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name}`);
console.log(`${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length === 0 ? 0 : 1);
