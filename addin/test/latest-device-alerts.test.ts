// The conversation's new-device notices: one per client, the latest, with the earlier ones counted.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DeviceAlert } from '@confer/ui';
import { latestDeviceAlerts } from '../src/conversations/latest-device-alerts.ts';

const alert = (id: string, contactId: string, at: string): DeviceAlert => ({
  id,
  contactId,
  contactName: contactId === 'jordan' ? 'Jordan Ellis' : 'Sam Ellis',
  at,
  country: 'FR',
  device: 'Safari on iOS',
  newCountry: false,
  newDevice: true,
});

describe('latestDeviceAlerts', () => {
  test('when a client signed in from several new browsers, then one notice shows the latest and counts the rest', () => {
    const shown = latestDeviceAlerts([
      alert('a1', 'jordan', '2026-12-04T09:00:00Z'),
      alert('s1', 'sam', '2026-12-04T10:00:00Z'),
      alert('a3', 'jordan', '2026-12-04T11:00:00Z'),
      alert('a2', 'jordan', '2026-12-04T10:30:00Z'),
    ]);
    assert.deepEqual(
      shown.map((s) => [s.alert.id, s.earlier]),
      [
        ['a3', 2],
        ['s1', 0],
      ],
    );
  });

  test('when there are no alerts, then there is no notice', () => {
    assert.deepEqual(latestDeviceAlerts([]), []);
  });
});
