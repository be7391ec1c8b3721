import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodePreviewText, isPrintable, previewKindOf } from '../src/files/file-preview.js';

test('PDFs and images are shown and printable; text files by name are shown as text; others only download', () => {
  assert.equal(previewKindOf({ name: 'Lease.pdf', contentType: 'application/pdf' }), 'pdf');
  assert.equal(previewKindOf({ name: 'plan.png', contentType: 'image/png' }), 'image');
  assert.equal(previewKindOf({ name: 'notes.txt', contentType: 'application/octet-stream', size: 10 }), 'text');
  assert.equal(previewKindOf({ name: 'export.csv', contentType: 'text/csv' }), 'text');
  assert.equal(previewKindOf({ name: 'notes.txt', contentType: 'application/octet-stream', size: 5_000_000 }), null);
  assert.equal(previewKindOf({ name: 'deed.docx', contentType: 'application/zip' }), null);
  assert.equal(previewKindOf({ name: 'page.html', contentType: 'application/octet-stream' }), null);
  assert.equal(isPrintable('pdf'), true);
  assert.equal(isPrintable('text'), false);
});

test('only UTF-8 text without NUL bytes is shown as text', () => {
  assert.equal(decodePreviewText(new TextEncoder().encode('\uFEFFCompletion: 14 March\n')), 'Completion: 14 March\n');
  assert.equal(decodePreviewText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00])), null);
  assert.equal(decodePreviewText(new Uint8Array([0xff, 0xfe, 0x41])), null);
});
