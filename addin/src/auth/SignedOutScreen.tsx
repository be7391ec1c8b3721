import {
  Body1,
  Button,
  MessageBar,
  MessageBarBody,
  Text,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { AuthConfig } from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import { LockClosedRegular } from '@fluentui/react-icons';
import { t } from '../messages';

type SignedOutScreenProps = {
  config: AuthConfig;
  notice?: string | undefined;
  /** A sign-in is under way (a Microsoft popup or dialog is open). */
  busy?: boolean;
  /** The last sign-in attempt failed. */
  error?: unknown;
  onSignIn: () => void;
};

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    gap: tokens.spacingVerticalL,
    minHeight: '100vh',
    maxWidth: '420px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalL}`,
    boxSizing: 'border-box',
  },
  brand: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorBrandForeground1,
    fontSize: tokens.fontSizeHero700,
  },
  heading: { margin: 0 },
  hint: { color: tokens.colorNeutralForeground3 },
});

export function SignedOutScreen({ config, notice, busy = false, error = null, onSignIn }: SignedOutScreenProps) {
  const styles = useStyles();
  const embedded = config.mode === 'embedded' && Boolean(config.devSignInUrl);
  const microsoft = !embedded && Boolean(config.entra);

  return (
    <main className={styles.root} aria-labelledby="signed-out-heading">
      <div className={styles.brand}>
        <LockClosedRegular />
        <Title2 as="h1" id="signed-out-heading" className={styles.heading}>
          {t.auth.confer}
        </Title2>
      </div>
      <Body1>{t.auth.secureClientConversationsFor}</Body1>
      {notice && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {embedded ? (
        <>
          <Button appearance="primary" size="large" onClick={onSignIn}>
            {t.auth.signIn}
          </Button>
          <Text size={200} className={styles.hint}>
            {t.auth.developmentSignInYou}
          </Text>
        </>
      ) : microsoft ? (
        <>
          <Button
            appearance="primary"
            size="large"
            disabledFocusable={busy}
            onClick={onSignIn}
            aria-describedby="microsoft-sign-in-note"
          >
            {busy ? t.auth.signingIn : t.auth.signInWithMicrosoft}
          </Button>
          <Text id="microsoft-sign-in-note" size={200} className={styles.hint}>
            {t.auth.useYourFirmsMicrosoft}
          </Text>
          {error != null && <ErrorNotice error={error} />}
        </>
      ) : (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{t.auth.signInIsNot}</MessageBarBody>
        </MessageBar>
      )}
    </main>
  );
}
