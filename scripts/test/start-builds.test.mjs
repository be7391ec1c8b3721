// `npm start` on a first run builds the staff app and the portal quietly: this runs those builds
// exactly as scripts/start.mjs does (same npm arguments), but into a temporary directory so the
// apps in addin/dist and portal/dist stay as they are, and checks what a user would read.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildArgs, firstRunBuilds } from '../start-builds.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const webApps = firstRunBuilds({ serving: true }).filter((b) => b.workspace === 'addin' || b.workspace === 'portal');

test('npm start builds both web apps when they are missing', () => {
  assert.deepEqual(
    webApps.map((b) => b.workspace),
    ['addin', 'portal'],
  );
});

for (const build of webApps) {
  test(`when npm start builds ${build.name} on a first run, then it prints no bundle listing and no office.js warning, at most two lines`, (t) => {
    const outDir = mkdtempSync(join(tmpdir(), `confer-${build.workspace}-build-`));
    try {
      const started = Date.now();
      const result = spawnSync(npm, buildArgs(build, ['--outDir', outDir]), {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      });
      const output = `${result.stdout}${result.stderr}`;
      assert.equal(result.status, 0, `the build failed:\n${output}`);
      assert.ok(existsSync(join(outDir, 'index.html')), 'the build wrote its pages');
      const lines = output.split('\n').filter((line) => line.trim() !== '');
      t.diagnostic(`${build.name}: ${lines.length} lines in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      assert.doesNotMatch(output, /\bkB\b|gzip:/, 'no bundle listing');
      assert.doesNotMatch(output, /office\.js|can't be bundled/i, 'no office.js bundling warning');
      assert.ok(lines.length <= 2, `at most two lines, got ${lines.length}:\n${output}`);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
}
