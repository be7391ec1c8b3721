import { useCallback } from 'react';
import { useLoader, type DeviceAlert } from '@confer/ui';
import { useApi } from '../common/use-api';
import { useLiveEvents } from './use-messaging';

/**
 * The conversation's open notices of client sign-ins from a new device or country: loaded
 * with the conversation (external ones only), added and removed live (`device.alert`,
 * `device.alerts_closed`), read again after a resync.
 */
export function useDeviceAlerts(conversationId: string, enabled: boolean) {
  const api = useApi();
  const loader = useLoader(
    (signal) => (enabled ? api.listDeviceAlerts(conversationId, { signal }).then((r) => r.items) : Promise.resolve([])),
    [api, conversationId, enabled],
  );
  const alerts: DeviceAlert[] = loader.data ?? [];
  const { setData, reload } = loader;

  const closeFor = useCallback(
    (contactId: string) => setData(alerts.filter((a) => a.contactId !== contactId)),
    [alerts, setData],
  );

  useLiveEvents((event) => {
    if (event.type === 'resync') {
      if (enabled) reload();
      return;
    }
    if (event.type === 'device.alert' && event.data.conversationId === conversationId) {
      const alert = event.data.alert;
      if (!alerts.some((a) => a.id === alert.id)) setData([alert, ...alerts]);
    } else if (event.type === 'device.alerts_closed' && event.data.conversationId === conversationId) {
      closeFor(event.data.contactId);
    }
  });

  return { alerts, closeFor };
}
