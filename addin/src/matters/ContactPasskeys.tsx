import { useState } from 'react';
import { Button, Caption1, Spinner, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useLoader, type Contact } from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import { formatDate } from '@confer/ui/format-time';
import { useApi } from '../common/use-api';
import { t } from '../messages';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  item: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} 0`,
    ':not(:last-child)': { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  },
});

/** A contact's portal passkeys, each revocable (which also ends the contact's portal sessions). */
export function ContactPasskeys({ contact }: { contact: Contact }) {
  const styles = useStyles();
  const api = useApi();
  const passkeys = useLoader((signal) => api.listContactPasskeys(contact.id, { signal }), [api, contact.id]);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function revoke(passkeyId: string) {
    setRevoking(passkeyId);
    setError(null);
    try {
      await api.revokeContactPasskey(contact.id, passkeyId);
      passkeys.reload();
    } catch (e) {
      setError(e);
    } finally {
      setRevoking(null);
    }
  }

  const items = passkeys.data?.items;
  return (
    <section className={styles.root} aria-labelledby="contact-passkeys-heading">
      <Subtitle2 as="h3" id="contact-passkeys-heading" className={styles.heading}>
        {t.matters.portalPasskeys}
      </Subtitle2>
      {passkeys.error != null && <ErrorNotice error={passkeys.error} onRetry={passkeys.reload} />}
      {error != null && <ErrorNotice error={error} />}
      {!items && passkeys.loading && <Spinner size="tiny" label={t.matters.loadingPasskeys} />}
      {items && items.length === 0 && <Text className={styles.muted}>{t.matters.noPasskeys(contact.name)}</Text>}
      {items && items.length > 0 && (
        <>
          <Caption1 className={styles.muted}>{t.matters.revokeExplained}</Caption1>
          <ul className={styles.list} aria-labelledby="contact-passkeys-heading">
            {items.map((passkey) => {
              const added = formatDate(passkey.createdAt);
              return (
                <li key={passkey.id} className={styles.item}>
                  <Text size={200}>
                    {t.matters.passkeyLine(added, passkey.lastUsedAt ? formatDate(passkey.lastUsedAt) : null)}
                  </Text>
                  <Button
                    size="small"
                    type="button"
                    aria-label={t.matters.revokePasskey(contact.name, added)}
                    disabledFocusable={revoking !== null}
                    onClick={() => void revoke(passkey.id)}
                  >
                    {revoking === passkey.id ? t.matters.revoking : t.matters.revoke}
                  </Button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
