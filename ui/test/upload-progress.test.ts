import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressPerFile } from '../src/upload-progress.js';

test('files fill in order: the first completes before the second starts', () => {
  assert.deepEqual(progressPerFile([100, 200, 100], 0), [0, 0, 0]);
  assert.deepEqual(progressPerFile([100, 200, 100], 50), [0.5, 0, 0]);
  assert.deepEqual(progressPerFile([100, 200, 100], 200), [1, 0.5, 0]);
  assert.deepEqual(progressPerFile([100, 200, 100], 400), [1, 1, 1]);
});

test('multipart overhead is spread over the files, so every bar reaches 100 % at the end', () => {
  const sizes = [100, 100];
  assert.deepEqual(progressPerFile(sizes, 240, 240), [1, 1]);
  assert.deepEqual(progressPerFile(sizes, 120, 240), [1, 0]);
  assert.deepEqual(progressPerFile(sizes, 60, 240), [0.5, 0]);
});

test('an empty file counts as done once the bytes before it are sent', () => {
  assert.deepEqual(progressPerFile([0, 10], 0), [1, 0]);
  assert.deepEqual(progressPerFile([], 10), []);
});
