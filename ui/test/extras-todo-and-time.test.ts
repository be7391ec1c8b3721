import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatEventTime } from '../src/extras/format-event-time.js';
import { groupTodoItems } from '../src/extras/group-todo-items.js';
import { utcToZonedLocal, zoneOffsetMinutes, zonedLocalToUtc } from '../src/extras/zoned-time.js';

const format = {
  money: (amount: string, currency: string) => `${currency} ${amount}`,
  date: (d: string) => d,
  dateTime: (iso: string, zone: string) => `${iso} ${zone}`,
};
const matter = { number: '2026-0001', title: 'Quay Street' };

describe('groupTodoItems', () => {
  test('forms, then invoices (overdue first), then events (soonest first); empty groups left out', () => {
    const groups = groupTodoItems(
      {
        formsToComplete: [
          { id: 'f2', title: 'B form', matter, status: 'draft' },
          { id: 'f1', title: 'Z form', matter, status: 'sent' },
        ],
        outstandingInvoices: [
          { id: 'i1', number: 'INV-1', amount: '10.00', currency: 'GBP', dueDate: '2026-05-01', overdue: false },
          { id: 'i2', number: 'INV-2', amount: '20.00', currency: 'EUR', dueDate: '2026-06-01', overdue: true },
        ],
        upcomingEvents: [
          {
            id: 'e2',
            title: 'Later',
            startsAt: '2026-05-02T10:00:00Z',
            endsAt: '2026-05-02T11:00:00Z',
            timeZone: 'UTC',
          },
          {
            id: 'e1',
            title: 'Sooner',
            startsAt: '2026-05-01T10:00:00Z',
            endsAt: '2026-05-01T11:00:00Z',
            timeZone: 'UTC',
          },
        ],
      },
      format,
    );
    assert.deepEqual(
      groups.map((g) => [g.kind, g.items.map((i) => i.id)]),
      [
        ['form', ['f1', 'f2']],
        ['invoice', ['i2', 'i1']],
        ['event', ['e1', 'e2']],
      ],
    );
    assert.equal(groups[0]!.items[0]!.detail, 'Not started · Matter 2026-0001');
    assert.equal(groups[1]!.items[0]!.title, 'Invoice INV-2 · EUR 20.00');
    assert.equal(groups[1]!.items[0]!.detail, 'Overdue: was due 2026-06-01');
    assert.equal(groups[1]!.items[0]!.urgent, true);
  });

  test('an older server without the new lists gives no groups', () => {
    assert.deepEqual(groupTodoItems({}, format), []);
  });
});

describe('zoned times', () => {
  test('wall-clock time in a zone converts to UTC and back, across summer time', () => {
    assert.equal(zonedLocalToUtc('2026-01-15T14:30', 'Europe/London'), '2026-01-15T14:30:00.000Z');
    assert.equal(zonedLocalToUtc('2026-07-15T14:30', 'Europe/London'), '2026-07-15T13:30:00.000Z');
    assert.equal(zonedLocalToUtc('2026-07-15T09:00', 'America/New_York'), '2026-07-15T13:00:00.000Z');
    assert.equal(utcToZonedLocal('2026-07-15T13:30:00.000Z', 'Europe/London'), '2026-07-15T14:30');
    assert.equal(utcToZonedLocal('2026-01-01T00:15:00.000Z', 'Asia/Kolkata'), '2026-01-01T05:45');
    assert.equal(zoneOffsetMinutes(new Date('2026-07-15T12:00:00Z'), 'Europe/London'), 60);
    assert.equal(zonedLocalToUtc('not a time', 'UTC'), null);
  });

  test('a time skipped by the spring clock change moves forward', () => {
    // London skips 01:00–02:00 on 29 March 2026.
    assert.equal(zonedLocalToUtc('2026-03-29T01:30', 'Europe/London'), '2026-03-29T01:30:00.000Z');
  });
});

describe('formatEventTime', () => {
  const event = { startsAt: '2026-07-15T13:00:00Z', endsAt: '2026-07-15T14:00:00Z', timeZone: 'Europe/London' };

  test('shows the event’s zone, and the viewer’s own time when it differs', () => {
    const text = formatEventTime(event, 'America/New_York', 'en-GB');
    assert.equal(text.inEventZone, 'Wed, 15 Jul 2026, 14:00 – 15:00 BST');
    assert.equal(text.inViewerZone, 'Wed, 15 Jul 2026, 9:00 – 10:00 GMT-4');
  });

  test('no second line when the viewer’s clock reads the same', () => {
    assert.equal(formatEventTime(event, 'Europe/London', 'en-GB').inViewerZone, null);
    assert.equal(formatEventTime(event, 'Europe/Jersey', 'en-GB').inViewerZone, null);
  });
});
