// The task pane's first download: the JavaScript its page loads before anything is clicked
// (entry and preloaded chunks, gzip) stays within 250 KB, and MSAL is not part of it.
// Runs on the build in addin/dist (`npm test` builds first); skipped when there is none.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const LIMIT = 250 * 1024;

function initialScripts(page) {
  const html = readFileSync(join(dist, page), 'utf8');
  return [...new Set([...html.matchAll(/(?:src|href)="\/addin\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]))];
}

for (const page of ['taskpane.html', 'index.html']) {
  test(
    `${page}: initial JavaScript at most 250 KB gzip, without MSAL`,
    { skip: !existsSync(join(dist, page)) && 'no build' },
    (t) => {
      const scripts = initialScripts(page);
      assert.ok(scripts.length > 0);
      let total = 0;
      for (const script of scripts) {
        const source = readFileSync(join(dist, script));
        total += gzipSync(source, { level: 9 }).length;
        assert.doesNotMatch(source.toString('utf8'), /msal\.js\.browser/, `${script} has no MSAL`);
      }
      t.diagnostic(`${page}: ${scripts.length} scripts, ${(total / 1024).toFixed(1)} KB gzip`);
      assert.ok(total <= LIMIT, `${(total / 1024).toFixed(1)} KB gzip is over the 250 KB budget`);
    },
  );
}
