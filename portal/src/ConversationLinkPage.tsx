import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import {
  Body1,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { describeError, isApiProblem } from '@confer/ui';
import { AuthLayout } from './auth/AuthLayout';
import { navigate } from './routing/navigation';
import { portalClient } from './session/portal-client';
import { t } from './messages';

/**
 * `/portal/#conversation=<id>`: the link staff put into an email from Outlook instead of
 * attachments. It grants nothing by itself. Signed in already: straight to the conversation.
 * Otherwise the recipient enters their email address and, if they take part in that
 * conversation, gets their personal secure link by email (POST /auth/request-link with the
 * conversation), which leads into it after the one-time code.
 */
export function takeConversationLink(location: Location, history: History): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const id = params.get('conversation')?.trim();
  if (!id || params.has('link')) return null;
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  return /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  text: { margin: 0 },
  button: { alignSelf: 'flex-start' },
  starting: { display: 'flex', height: '100%', alignItems: 'center', justifyContent: 'center' },
});

type Phase = 'checking' | 'ask' | 'portal';

export function ConversationLinkPage({ conversationId, children }: { conversationId: string; children: ReactNode }) {
  const styles = useStyles();
  const [phase, setPhase] = useState<Phase>('checking');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    portalClient.getSession().then(
      () => {
        if (!active) return;
        navigate({ name: 'conversation', conversationId, tab: 'messages' }, { replace: true });
        setPhase('portal');
      },
      () => active && setPhase('ask'),
    );
    return () => {
      active = false;
    };
  }, [conversationId]);

  if (phase === 'portal') return <>{children}</>;
  if (phase === 'checking') {
    return (
      <div className={styles.starting}>
        <Spinner label={t.app.openingYourSecurePortal} />
      </div>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setError(t.app.enterTheEmailSentTo);
      return;
    }
    setBusy(true);
    try {
      await portalClient.request('POST', '/auth/request-link', { body: { email: email.trim(), conversationId } });
      setSent(true);
    } catch (err) {
      setError(isApiProblem(err) && err.errors.length > 0 ? t.app.enterAValidEmail : describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title={t.app.openTheFilesShared}>
      <Body1 as="p" className={styles.text}>
        {t.app.yourLawFirmShared}
      </Body1>
      {sent ? (
        <div role="status">
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>{t.app.ifThisAddressReceived}</MessageBarBody>
          </MessageBar>
        </div>
      ) : (
        <form className={styles.form} onSubmit={submit} noValidate aria-label={t.app.getYourSecureLink}>
          <Field
            label={t.app.yourEmailAddress}
            required
            validationState={error ? 'error' : 'none'}
            validationMessage={error ?? undefined}
          >
            <Input
              type="email"
              name="email"
              autoComplete="email"
              inputMode="email"
              value={email}
              onChange={(_e, data) => setEmail(data.value)}
            />
          </Field>
          <Button className={styles.button} appearance="primary" type="submit" disabled={busy}>
            {busy ? t.app.sending : t.app.emailMeMySecure}
          </Button>
        </form>
      )}
    </AuthLayout>
  );
}
