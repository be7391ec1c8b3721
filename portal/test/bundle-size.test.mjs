// The portal's first download: the scripts and style sheets its entry page loads before
// anything is clicked (entry, modulepreload chunks and CSS, gzip) stay within 200 KB.
// Runs on the build in portal/dist (`npm test` builds first); skipped when there is none.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const LIMIT = 200 * 1024;

function initialAssets(page) {
  const html = readFileSync(join(dist, page), 'utf8');
  return [...new Set([...html.matchAll(/(?:src|href)="\/portal\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]))];
}

test(
  'when the portal page is first opened, then its scripts and CSS are at most 200 KB gzip',
  { skip: !existsSync(join(dist, 'index.html')) && 'no build' },
  (t) => {
    const assets = initialAssets('index.html');
    assert.ok(
      assets.some((a) => a.endsWith('.js')),
      'the entry page loads a script',
    );
    let total = 0;
    for (const asset of assets) total += gzipSync(readFileSync(join(dist, asset)), { level: 9 }).length;
    t.diagnostic(`index.html: ${assets.length} files, ${(total / 1024).toFixed(1)} KB gzip`);
    assert.ok(total <= LIMIT, `${(total / 1024).toFixed(1)} KB gzip is over the 200 KB budget`);
  },
);
