import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findHardCodedStringsUnder } from '../test-support/find-hard-coded-strings.js';

const uiRoot = fileURLToPath(new URL('..', import.meta.url));

test('when the shared components are scanned, then none holds a hard-coded word (they come from ui/src/messages/en.ts)', () => {
  const found = findHardCodedStringsUnder(uiRoot, ['src']);
  assert.deepEqual(
    found.map((f) => `${f.file}:${f.line} ${f.text}`),
    [],
  );
});
