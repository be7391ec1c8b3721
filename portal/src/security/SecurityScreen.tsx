import { useState } from 'react';
import { Body1, Button, Caption1, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { describeError, useLoader, type Passkey } from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import { formatDate } from '@confer/ui/format-time';
import { KeyRegular } from '@fluentui/react-icons';
import { EmptyState } from '../common/EmptyState';
import { ListSection } from '../common/ListSection';
import { Loading } from '../common/Loading';
import { Page } from '../common/Page';
import { portalClient } from '../session/portal-client';
import { usePortal } from '../shell/portal-context';
import { t } from '../messages';
import { addPasskeyOnThisDevice, browserHasWebAuthn, isPromptDismissed } from './passkey-ceremony';

const useStyles = makeStyles({
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
  add: { alignSelf: 'flex-start' },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
  },
  text: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0 },
  meta: { color: tokens.colorNeutralForeground3 },
});

/** The client's passkeys at this firm: add one on this device, see when each was used, remove one. */
export function SecurityScreen() {
  const styles = useStyles();
  const { session } = usePortal();
  const passkeys = useLoader((signal) => portalClient.listPasskeys({ signal }), [session.firm.id]);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const items = passkeys.data?.items;

  const run = async (key: string, action: () => Promise<unknown>, success: string | null) => {
    setBusy(key);
    setNotice(null);
    try {
      await action();
      if (success) setNotice({ intent: 'success', text: success });
      passkeys.reload();
    } catch (error) {
      setNotice({
        intent: 'error',
        text: isPromptDismissed(error) ? t.security.passkeyNotAdded : describeError(error),
      });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page title={t.security.passkeys}>
      <Body1 as="p" className={styles.intro}>
        {t.security.passkeysExplained}
      </Body1>
      <div role="status" aria-live="polite">
        {notice ? (
          <MessageBar intent={notice.intent} layout="multiline">
            <MessageBarBody>{notice.text}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      {browserHasWebAuthn() && session.scopeConversationId === null ? (
        <Button
          className={styles.add}
          appearance="primary"
          icon={<KeyRegular />}
          disabled={busy !== null}
          onClick={() => void run('add', addPasskeyOnThisDevice, t.security.passkeyAdded)}
        >
          {busy === 'add' ? t.security.adding : t.security.addAPasskey}
        </Button>
      ) : null}
      {passkeys.error ? <ErrorNotice error={passkeys.error} onRetry={passkeys.reload} /> : null}
      {!items && passkeys.loading ? <Loading label={t.security.loadingPasskeys} /> : null}
      {items ? (
        <ListSection<Passkey>
          id="passkeys-heading"
          heading={t.security.yourPasskeys}
          nameList
          items={items}
          keyOf={(p) => p.id}
          empty={
            <EmptyState icon={<KeyRegular />} title={t.security.noPasskeysYet}>
              {t.security.addOneToSkip}
            </EmptyState>
          }
          renderItem={(passkey) => (
            <div className={styles.row}>
              <div className={styles.text}>
                <Body1>{t.security.addedOn(formatDate(passkey.createdAt))}</Body1>
                <Caption1 className={styles.meta}>
                  {passkey.lastUsedAt ? t.security.lastUsed(formatDate(passkey.lastUsedAt)) : t.security.neverUsed}
                </Caption1>
                {passkey.synced ? <Caption1 className={styles.meta}>{t.security.synced}</Caption1> : null}
              </div>
              <Button
                aria-label={t.security.removeAdded(formatDate(passkey.createdAt))}
                disabled={busy !== null}
                onClick={() => void run(passkey.id, () => portalClient.removePasskey(passkey.id), null)}
              >
                {t.security.remove}
              </Button>
            </div>
          )}
        />
      ) : null}
    </Page>
  );
}
