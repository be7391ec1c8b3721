import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  dayKeyOf,
  formatActivityTime,
  formatDate,
  formatDateOnly,
  formatDateTime,
  formatDayLabel,
  formatFullDateTime,
  formatInZone,
  formatTime,
} from '../src/format-time.js';

// A reader in New York (UTC-5 until 8 March 2026) on Wednesday 4 March 2026 at 09:30, in British English.
const reader = { now: new Date('2026-03-04T14:30:00Z'), timeZone: 'America/New_York', locale: 'en-GB' };

describe('formatDayLabel (the day dividers of both apps)', () => {
  test('when a message is from earlier today, then the divider says Today', () => {
    assert.equal(formatDayLabel('2026-03-04T05:00:00Z', reader), 'Today'); // 00:00 in New York
    assert.equal(formatDayLabel('2026-03-04T14:29:00Z', reader), 'Today');
  });

  test('when a message is from yesterday, then the divider says Yesterday', () => {
    assert.equal(formatDayLabel('2026-03-03T15:00:00Z', reader), 'Yesterday');
  });

  test('when a message is one minute before the reader’s midnight, then it is yesterday although it is today in UTC', () => {
    assert.equal(formatDayLabel('2026-03-04T04:59:00Z', reader), 'Yesterday'); // 23:59 on 3 March in New York
    assert.equal(formatDayLabel('2026-03-04T04:59:00Z', { ...reader, timeZone: 'Europe/London' }), 'Today');
    assert.notEqual(dayKeyOf('2026-03-04T04:59:00Z', reader), dayKeyOf('2026-03-04T05:00:00Z', reader));
    assert.equal(dayKeyOf('2026-03-04T04:59:00Z', reader), '2026-3-3');
    assert.equal(dayKeyOf('2026-03-04T05:00:00Z', reader), '2026-3-4');
  });

  test('when a message is from 2 to 6 days ago, then the divider names the weekday', () => {
    assert.equal(formatDayLabel('2026-03-02T15:00:00Z', reader), 'Monday');
    assert.equal(formatDayLabel('2026-02-26T15:00:00Z', reader), 'Thursday');
  });

  test('when a message is a week old or more this year, then the divider is the date without the year', () => {
    assert.equal(formatDayLabel('2026-02-25T15:00:00Z', reader), 'Wednesday 25 February');
    assert.equal(formatDayLabel('2026-01-15T15:00:00Z', reader), 'Thursday 15 January');
  });

  test('when a message is from another year, then the divider says the year', () => {
    assert.equal(formatDayLabel('2025-03-04T15:00:00Z', reader), 'Tuesday, 4 March 2025');
  });

  test('when the last week crosses New Year, then recent days are still weekdays and older ones carry the year', () => {
    const newYear = { ...reader, now: new Date('2026-01-02T15:00:00Z') };
    assert.equal(formatDayLabel('2025-12-31T15:00:00Z', newYear), 'Wednesday');
    assert.equal(formatDayLabel('2025-12-29T15:00:00Z', newYear), 'Monday');
    assert.equal(formatDayLabel('2025-12-20T15:00:00Z', newYear), 'Saturday, 20 December 2025');
  });

  test('when the clocks went forward in between, then days are counted by the calendar, not by 24 hours', () => {
    const afterDst = { ...reader, now: new Date('2026-03-09T04:30:00Z') }; // 00:30 EDT on Monday 9 March
    assert.equal(formatDayLabel('2026-03-08T04:59:00Z', afterDst), 'Saturday'); // 23:59 EST on 7 March
    assert.equal(formatDayLabel('2026-03-08T05:00:00Z', afterDst), 'Yesterday'); // 00:00 EST on 8 March
  });
});

describe('formatActivityTime (the time in inbox and conversation lists)', () => {
  test('when the activity is today, then the list shows the time of day', () => {
    assert.equal(formatActivityTime('2026-03-04T05:01:00Z', reader), '00:01');
    assert.equal(formatActivityTime('2026-03-04T14:05:00Z', reader), '09:05');
  });

  test('when the activity was yesterday, also one minute before midnight, then the list says Yesterday', () => {
    assert.equal(formatActivityTime('2026-03-03T15:00:00Z', reader), 'Yesterday');
    assert.equal(formatActivityTime('2026-03-04T04:59:00Z', reader), 'Yesterday');
  });

  test('when the activity was 2 to 6 days ago, then the list shows the short weekday', () => {
    assert.equal(formatActivityTime('2026-03-02T15:00:00Z', reader), 'Mon');
    assert.equal(formatActivityTime('2026-02-26T15:00:00Z', reader), 'Thu');
  });

  test('when the activity is older this year, then the list shows a short date', () => {
    assert.equal(formatActivityTime('2026-02-25T15:00:00Z', reader), '25 Feb');
  });

  test('when the activity is from another year, then the short date says the year', () => {
    assert.equal(formatActivityTime('2025-03-04T15:00:00Z', reader), '4 Mar 2025');
  });
});

describe('exact times and dates', () => {
  test('when a time is shown, then it is the reader’s wall clock in their zone', () => {
    assert.equal(formatTime('2026-03-04T14:05:00Z', reader), '09:05');
    assert.equal(formatTime('2026-03-04T14:05:00Z', { ...reader, locale: 'en-US' }), '9:05 AM');
    assert.equal(formatDate('2026-03-04T04:59:00Z', reader), '3 Mar 2026');
    assert.equal(formatDateTime('2026-03-04T14:05:00Z', reader), '4 Mar 2026, 09:05');
  });

  test('when a tooltip gives the full time, then it names the weekday, date, year and time', () => {
    assert.equal(formatFullDateTime('2026-03-04T04:59:00Z', reader), 'Tuesday, 3 March 2026 at 23:59');
  });

  test('when a due date is shown, then it is the same calendar day in every zone', () => {
    assert.equal(formatDateOnly('2026-03-04', { locale: 'en-GB' }), '4 Mar 2026');
    assert.equal(formatDateOnly('2026-12-31', { locale: 'en-GB' }), '31 Dec 2026');
    assert.equal(formatDateOnly('not a date', { locale: 'en-GB' }), 'not a date');
  });

  test('when an event time is shown in its own zone, then it names the zone; an unknown zone falls back to the reader’s', () => {
    assert.equal(formatInZone('2026-03-04T14:00:00Z', 'Europe/London', { locale: 'en-GB' }), 'Wed 4 Mar, 14:00 GMT');
    assert.match(formatInZone('2026-03-04T14:00:00Z', 'Nowhere/Atlantis', { locale: 'en-GB' }), /^Wed 4 Mar, \d\d:00 /);
  });
});
