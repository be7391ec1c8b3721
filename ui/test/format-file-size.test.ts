import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatFileSize } from '../src/files/format-file-size.js';

test('sizes read the same in both apps: bytes spelled out, then KB, MB and GB of 1,024', () => {
  assert.equal(formatFileSize(0), '0 bytes');
  assert.equal(formatFileSize(1), '1 byte');
  assert.equal(formatFileSize(1023), '1,023 bytes');
  assert.equal(formatFileSize(1024), '1 KB');
  assert.equal(formatFileSize(3000), '2.9 KB');
  assert.equal(formatFileSize(12_345), '12 KB');
  assert.equal(formatFileSize(100 * 1024 * 1024), '100 MB');
  assert.equal(formatFileSize(3.45 * 1024 * 1024), '3.5 MB');
  assert.equal(formatFileSize(1.2 * 1024 ** 3), '1.2 GB');
});

test('a size just under the next unit says the next unit, not 1024 of this one', () => {
  assert.equal(formatFileSize(1024 * 1024 - 1), '1 MB');
});
