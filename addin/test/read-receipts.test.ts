// Read receipts in the staff app: initials in small conversations, "Seen by N" in large ones,
// kept current by live read.updated events.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { READERS_LISTED_UP_TO, type Message, type Participant } from '@confer/ui';
import { summarizeReadReceipts } from '../src/conversations/collect-read-receipts.ts';

const staff = (n: number): Participant => ({
  id: `p${n}`,
  kind: 'staff',
  staffId: `s${n}`,
  contactId: null,
  name: `Person ${n}`,
  initials: `P${n}`,
  contactKind: null,
  joinedAt: '2026-01-01T00:00:00Z',
  leftAt: null,
});
const people = (count: number) => Array.from({ length: count }, (_, n) => staff(n));
const message = (extra: Partial<Message> = {}): Pick<Message, 'seq' | 'author' | 'readBy' | 'readCount'> => ({
  seq: 100,
  author: { kind: 'staff', id: 's0', name: 'Person 0', initials: 'P0' },
  readBy: [],
  readCount: 0,
  ...extra,
});

describe('summarizeReadReceipts', () => {
  test('when the conversation is small, then readers are named, without the author or the viewer', () => {
    const summary = summarizeReadReceipts(
      message({ readBy: [{ participantId: 'p1', name: 'Person 1', initials: 'P1' }], readCount: 1 }),
      people(READERS_LISTED_UP_TO),
      { positions: { p0: 120, p2: 100, p3: 99, p4: 150 }, from: {} },
      'p4',
    );
    assert.deepEqual(summary, {
      kind: 'names',
      receipts: [
        { participantId: 'p1', name: 'Person 1', initials: 'P1' },
        { participantId: 'p2', name: 'Person 2', initials: 'P2' },
      ],
    });
  });

  test('when the conversation is large, then it counts: the server count plus reads heard of since, once each', () => {
    const summary = summarizeReadReceipts(
      message({ readBy: null, readCount: 7 }),
      people(READERS_LISTED_UP_TO + 1),
      {
        // p1 read past it since loading; p2 had already (counted by the server); p3 not yet;
        // p0 wrote it; p5 was heard of only now, coming from below it
        positions: { p0: 130, p1: 100, p2: 140, p3: 99, p5: 101 },
        from: { p0: 90, p1: 40, p2: 120, p3: 10, p5: 99 },
      },
      'p9',
    );
    assert.deepEqual(summary, { kind: 'count', count: 9 });
  });

  test('when a live message arrives in a large conversation, then it starts from nobody', () => {
    const summary = summarizeReadReceipts(
      { seq: 200, author: { kind: 'staff', id: 's0', name: 'Person 0', initials: 'P0' } },
      people(50),
      { positions: { p1: 150 }, from: { p1: 150 } },
      undefined,
    );
    assert.deepEqual(summary, { kind: 'count', count: 0 });
  });
});
