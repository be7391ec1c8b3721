import { useState, useSyncExternalStore } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  readDesktopNotificationPrefs,
  subscribeDesktopNotificationPrefs,
  writeDesktopNotificationPrefs,
} from '../shell/desktop-notification-prefs';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  hint: { color: tokens.colorNeutralForeground3, paddingLeft: '44px' },
  warning: { color: tokens.colorPaletteRedForeground1 },
});

type DesktopNotificationsDialogProps = { open: boolean; onClose: () => void };

/**
 * This browser's desktop notifications: off by default. Switching them on is the one place the
 * browser's permission is asked for (never at load). Content is hidden unless chosen.
 */
export function DesktopNotificationsDialog({ open, onClose }: DesktopNotificationsDialogProps) {
  const styles = useStyles();
  const prefs = useSyncExternalStore(subscribeDesktopNotificationPrefs, readDesktopNotificationPrefs);
  const [blocked, setBlocked] = useState(false);
  const [asking, setAsking] = useState(false);
  const on = prefs.enabled && Notification.permission === 'granted';

  async function setEnabled(enabled: boolean) {
    setBlocked(false);
    if (!enabled) {
      writeDesktopNotificationPrefs({ ...prefs, enabled: false });
      return;
    }
    let permission = Notification.permission;
    if (permission === 'default') {
      setAsking(true);
      permission = await Notification.requestPermission().finally(() => setAsking(false));
    }
    if (permission === 'granted') writeDesktopNotificationPrefs({ ...prefs, enabled: true });
    else setBlocked(true);
  }

  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Desktop notifications</DialogTitle>
          <DialogContent className={styles.content}>
            <Text>
              Get a notification from this browser when a colleague sends you a direct message or a client or third
              party writes, while Confer is open in a tab.
            </Text>
            <Switch
              label="Show desktop notifications in this browser"
              checked={on}
              disabled={asking}
              onChange={(_, d) => void setEnabled(d.checked)}
            />
            {blocked && (
              <Text role="alert" className={styles.warning}>
                This browser blocks notifications from Confer. Allow them in the browser&apos;s site settings, then try
                again.
              </Text>
            )}
            <div>
              <Switch
                label="Show who wrote and the message text"
                checked={prefs.showContent}
                disabled={!on}
                onChange={(_, d) => writeDesktopNotificationPrefs({ ...prefs, showContent: d.checked })}
                aria-describedby="notification-content-hint"
              />
              <Text size={200} as="p" id="notification-content-hint" className={styles.hint}>
                Off: a notification says only that a message arrived, so nothing confidential shows on a locked, shared
                or projected screen.
              </Text>
            </div>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onClose}>
              Done
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
