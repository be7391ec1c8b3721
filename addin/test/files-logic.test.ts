// Pure file logic of the staff app: what goes with the next message, the per-send limits said
// before sending, document sources and share states (sizes: ui/test/format-file-size.test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addAttachments, addDocuments, checkAttachmentLimits, countFiles } from '../src/composer/attachment-list.ts';
import { describeShareState, documentSourceLabel } from '../src/files/document-source-label.ts';
import { planSends } from '../src/outlook/share-plan.ts';

const LIMITS = { maxFiles: 130, maxBytes: 100 * 1024 * 1024 };
const file = (name: string, size: number) => new File([new Uint8Array(size)], name);

describe('attachments', () => {
  test('files are added in order with distinct keys, the same file twice included', () => {
    const a = file('a.pdf', 3);
    const first = addAttachments([], [a, file('b.txt', 1)]);
    const second = addAttachments(first, [a]);
    assert.deepEqual(
      second.map((i) => i.file.name),
      ['a.pdf', 'b.txt', 'a.pdf'],
    );
    assert.equal(new Set(second.map((i) => i.key)).size, 3);
    assert.equal(second[0], first[0], 'items already there are kept as they are');
  });

  test('a matter document picked again is not added twice', () => {
    const picked = addDocuments(
      [{ id: 'd1', name: 'Lease.pdf', size: 10 }],
      [
        { id: 'd2', name: 'Plan.pdf', size: 5 },
        { id: 'd1', name: 'Lease.pdf', size: 10 },
        { id: 'd2', name: 'Plan.pdf', size: 5 },
      ],
    );
    assert.deepEqual(
      picked.map((d) => d.id),
      ['d1', 'd2'],
    );
  });
});

describe('per-send limits', () => {
  test('130 files and exactly 100 MB pass', () => {
    assert.equal(checkAttachmentLimits(new Array<number>(130).fill(1), LIMITS), null);
    assert.equal(checkAttachmentLimits([60 * 1024 * 1024, 40 * 1024 * 1024], LIMITS), null);
    assert.equal(checkAttachmentLimits([], LIMITS), null);
  });

  test('131 files are refused, saying how many to remove', () => {
    const message = checkAttachmentLimits(new Array<number>(131).fill(1), LIMITS);
    assert.match(message ?? '', /up to 130 files; 131 are selected\. Remove 1,/);
  });

  test('one byte over 100 MB is refused with the total', () => {
    const message = checkAttachmentLimits([100 * 1024 * 1024, 1], LIMITS);
    assert.match(message ?? '', /A message can carry up to 100 MB; these files add up to 100\.0 MB/);
    assert.match(checkAttachmentLimits([150 * 1024 * 1024], LIMITS, 'upload') ?? '', /An? upload .*150\.0 MB/);
  });

  test('when a deployment allows 5 files and 5 MB (its /me answer), then the sixth file and the sixth MB are refused, and sends split there', () => {
    const deployment = { maxFiles: 5, maxBytes: 5 * 1024 * 1024 };
    assert.equal(checkAttachmentLimits(new Array<number>(5).fill(1), deployment), null);
    assert.match(
      checkAttachmentLimits(new Array<number>(6).fill(1), deployment) ?? '',
      /up to 5 files; 6 are selected/,
    );
    assert.match(checkAttachmentLimits([5 * 1024 * 1024, 1], deployment) ?? '', /can carry up to 5 MB/);
    const files = new Array(7).fill(0).map((_, i) => ({ name: `f${i}`, size: 1024 * 1024 }));
    const { batches, tooLarge } = planSends([...files, { name: 'big', size: 6 * 1024 * 1024 }], deployment);
    assert.deepEqual(
      batches.map((b) => b.length),
      [5, 2],
    );
    assert.deepEqual(
      tooLarge.map((f) => f.name),
      ['big'],
    );
  });

  test('file counts read naturally', () => {
    assert.equal(countFiles(1), '1 file');
    assert.equal(countFiles(3), '3 files');
    assert.equal(countFiles(1300), '1,300 files');
  });
});

describe('sources and shares', () => {
  test('every document source has a label', () => {
    assert.deepEqual((['staff', 'outlook', 'portal', 'export'] as const).map(documentSourceLabel), [
      'Staff',
      'Outlook',
      'Portal',
      'Export',
    ]);
  });

  test('a live share says when its document was updated; a revoked one says access was removed', () => {
    const format = (iso: string) => `<${iso}>`;
    const document = { updatedAt: '2026-05-03T14:05:00Z' };
    assert.equal(describeShareState({ revokedAt: null, document }, format), 'Shared · updated <2026-05-03T14:05:00Z>');
    assert.equal(describeShareState({ revokedAt: '2026-05-04T09:00:00Z', document }, format), 'Access removed');
  });
});
