import type { DeviceAlert } from '@confer/ui';

export type TLatestDeviceAlert = { alert: DeviceAlert; earlier: number };

/**
 * One notice per client: their latest sign-in from a new device or country, with how many
 * earlier ones are still unanswered (a client who signs in from many browsers must not bury
 * the conversation under a stack of warnings). Newest client first.
 */
export function latestDeviceAlerts(alerts: readonly DeviceAlert[]): TLatestDeviceAlert[] {
  const byContact = new Map<string, TLatestDeviceAlert>();
  const newestFirst = [...alerts].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  for (const alert of newestFirst) {
    const seen = byContact.get(alert.contactId);
    if (seen) seen.earlier += 1;
    else byContact.set(alert.contactId, { alert, earlier: 0 });
  }
  return [...byContact.values()];
}
