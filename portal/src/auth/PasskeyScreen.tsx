import { useState } from 'react';
import { Body1, Button, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { describeError, type PortalSignInGrant } from '@confer/ui';
import { portalClient } from '../session/portal-client';
import { isPromptDismissed, signInWithPasskey } from '../security/passkey-ceremony';
import { AuthLayout } from './AuthLayout';
import type { SignInAttempt } from './CodeScreen';
import { t } from '../messages';

const useStyles = makeStyles({
  text: { margin: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
});

/** A secure link whose contact has a passkey: the link plus the passkey replaces the code. */
export type PasskeySignIn = {
  linkToken: string;
  firmName: string;
  contactName: string;
  conversationId: string | null;
};

export type PasskeyScreenProps = {
  signIn: PasskeySignIn;
  onSignedIn: (grant: PortalSignInGrant) => void | Promise<void>;
  /** The fallback: a code was emailed for this attempt. */
  onCodeSent: (attempt: SignInAttempt) => void;
};

export function PasskeyScreen({ signIn, onSignedIn, onCodeSent }: PasskeyScreenProps) {
  const styles = useStyles();
  const [busy, setBusy] = useState<'passkey' | 'code' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const startPasskey = async () => {
    setBusy('passkey');
    setError(null);
    try {
      await onSignedIn(await signInWithPasskey(signIn.linkToken));
    } catch (e) {
      setError(isPromptDismissed(e) ? t.auth.passkeyNotUsed : describeError(e));
      setBusy(null);
    }
  };

  const emailCode = async () => {
    setBusy('code');
    setError(null);
    try {
      const opened = await portalClient.openLink(signIn.linkToken, { sendCode: true });
      if (opened.state !== 'code_sent') throw new Error(t.auth.passkeyNotUsed);
      onCodeSent({
        attemptToken: opened.attemptToken,
        firmName: opened.firmName,
        contactName: opened.contactName,
        conversationId: opened.conversationId,
        firstTime: false,
      });
    } catch (e) {
      setError(describeError(e));
      setBusy(null);
    }
  };

  return (
    <AuthLayout title={t.auth.signInWithPasskey} eyebrow={signIn.firmName}>
      <Body1 as="p" className={styles.text}>
        {t.auth.yourPasskeyConfirms}
      </Body1>
      <div role="status" aria-live="polite">
        {error ? (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      <div className={styles.actions}>
        <Button appearance="primary" size="large" onClick={startPasskey} disabled={busy !== null}>
          {busy === 'passkey' ? t.auth.waitingForPasskey : t.auth.useMyPasskey}
        </Button>
        <Button appearance="secondary" onClick={emailCode} disabled={busy !== null}>
          {busy === 'code' ? t.auth.sending : t.auth.emailMeACode}
        </Button>
      </div>
    </AuthLayout>
  );
}
