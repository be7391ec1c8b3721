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
import { t } from '../messages';

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
          <DialogTitle>{t.inbox.desktopNotifications}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text>{t.inbox.getANotificationFrom}</Text>
            <Switch
              label={t.inbox.showDesktopNotificationsIn}
              checked={on}
              disabled={asking}
              onChange={(_, d) => void setEnabled(d.checked)}
            />
            {blocked && (
              <Text role="alert" className={styles.warning}>
                {t.inbox.thisBrowserBlocksNotifications}
              </Text>
            )}
            <div>
              <Switch
                label={t.inbox.showWhoWroteAnd}
                checked={prefs.showContent}
                disabled={!on}
                onChange={(_, d) => writeDesktopNotificationPrefs({ ...prefs, showContent: d.checked })}
                aria-describedby="notification-content-hint"
              />
              <Text size={200} as="p" id="notification-content-hint" className={styles.hint}>
                {t.inbox.offANotificationSays}
              </Text>
            </div>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onClose}>
              {t.inbox.done}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
