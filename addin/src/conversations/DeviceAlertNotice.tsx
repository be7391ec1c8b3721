import { useState } from 'react';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { DeviceAlert } from '@confer/ui';
import { formatFullDateTime } from '@confer/ui/format-time';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { t } from '../messages';

type DeviceAlertNoticeProps = {
  alert: DeviceAlert;
  /** Earlier unanswered sign-ins of the same client from new devices or countries (not shown separately). */
  earlier?: number;
  /** Puts a short question to the client in the composer (nothing is sent). */
  onAsk: (alert: DeviceAlert) => void;
  /** Ends every portal session of the contact; resolves once done. */
  onEndSessions: (alert: DeviceAlert) => Promise<void>;
};

const useStyles = makeStyles({
  detail: { display: 'block', color: tokens.colorNeutralForeground2 },
});

/** The country's name in the reader's language (the code itself if the browser does not know it). */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(undefined, { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function titleOf(alert: DeviceAlert): string {
  if (alert.newDevice && alert.newCountry) return t.conversations.signedInFromNewDeviceAndCountry(alert.contactName);
  if (alert.newCountry) return t.conversations.signedInFromNewCountry(alert.contactName);
  return t.conversations.signedInFromNewDevice(alert.contactName);
}

/** Where and when, as staff read it: "Safari on iOS · France · 4 December 2026 at 10:15". */
export function describeSignIn(alert: DeviceAlert): string {
  return [alert.device, alert.country ? countryName(alert.country) : null, formatFullDateTime(alert.at)]
    .filter(Boolean)
    .join(' · ');
}

/**
 * In the conversation, for staff only: a client or third party signed in from a device or a
 * country not seen for them before. "Ask the client" fills the composer; "End their sessions"
 * asks first, then signs them out everywhere.
 */
export function DeviceAlertNotice({ alert, earlier = 0, onAsk, onEndSessions }: DeviceAlertNoticeProps) {
  const styles = useStyles();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <MessageBar intent="warning" layout="multiline" aria-live="polite">
        <MessageBarBody>
          <MessageBarTitle>{titleOf(alert)}</MessageBarTitle>
          <span className={styles.detail}>{describeSignIn(alert)}</span>
          {earlier > 0 ? <span className={styles.detail}>{t.conversations.earlierNewSignIns(earlier)}</span> : null}
          {t.conversations.ifThisWasNotThem}
        </MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={() => onAsk(alert)}>
            {t.conversations.askTheClient}
          </Button>
          <Button size="small" onClick={() => setConfirming(true)}>
            {t.conversations.endTheirSessions}
          </Button>
        </MessageBarActions>
      </MessageBar>
      <ConfirmDialog
        open={confirming}
        title={t.conversations.endSessionsOf(alert.contactName)}
        body={t.conversations.endSessionsBody}
        confirmLabel={t.conversations.endSessions}
        busyLabel={t.conversations.endingSessions}
        cancelLabel={t.conversations.notNow}
        onConfirm={async () => {
          await onEndSessions(alert);
          setConfirming(false);
        }}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
