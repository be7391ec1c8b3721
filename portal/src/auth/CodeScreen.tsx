import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  Body1,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { describeError, isApiProblem, type PortalSignInGrant } from '@confer/ui';
import { portalClient } from '../session/portal-client';
import { AuthLayout } from './AuthLayout';
import { t } from '../messages';

const useStyles = makeStyles({
  text: { margin: 0 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  code: {
    '& input': {
      fontSize: tokens.fontSizeBase500,
      letterSpacing: '0.3em',
      fontVariantNumeric: 'tabular-nums',
    },
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
});

export type SignInAttempt = {
  attemptToken: string;
  firmName: string;
  contactName: string;
  conversationId: string | null;
  firstTime: boolean;
};

export type CodeScreenProps = {
  attempt: SignInAttempt;
  onSignedIn: (grant: PortalSignInGrant) => void | Promise<void>;
  /** Shown when switching firm: go back to the firm already signed in. */
  onCancel?: { label: string; run: () => void };
};

type Notice = { intent: 'error' | 'success' | 'warning'; title?: string; text: string; offerResend?: boolean };

/** The 6-digit code step: one numeric field the phone can fill from the email, Resend, Sign in. */
export function CodeScreen({ attempt, onSignedIn, onCancel }: CodeScreenProps) {
  const styles = useStyles();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [resending, setResending] = useState(false);
  const [locked, setLocked] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (locked || busy) return;
    setNotice(null);
    if (!/^\d{6}$/.test(code)) {
      setFieldError(t.auth.enterTheSixDigits);
      inputRef.current?.focus();
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      const grant = await portalClient.verifyCode(attempt.attemptToken, code);
      await onSignedIn(grant);
    } catch (error) {
      setCode('');
      if (isApiProblem(error) && error.code === 'sign_in_locked') {
        setLocked(true);
        setNotice({ intent: 'error', title: t.auth.signInIsLocked, text: describeError(error) });
      } else if (isApiProblem(error) && error.code === 'code_expired') {
        setNotice({
          intent: 'warning',
          title: t.auth.thisCodeHasExpired,
          text: describeError(error),
          offerResend: true,
        });
      } else if (isApiProblem(error) && error.code === 'wrong_code') {
        setFieldError(describeError(error));
      } else {
        setNotice({ intent: 'error', text: describeError(error) });
      }
      inputRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const resend = async () => {
    setResending(true);
    setNotice(null);
    try {
      await portalClient.resendCode(attempt.attemptToken);
      setFieldError(null);
      setNotice({ intent: 'success', text: t.auth.aNewCodeIs });
      inputRef.current?.focus();
    } catch (error) {
      if (isApiProblem(error) && error.code === 'sign_in_locked') setLocked(true);
      setNotice({ intent: 'error', text: describeError(error) });
    } finally {
      setResending(false);
    }
  };

  return (
    <AuthLayout title={t.auth.enterYourSignIn} eyebrow={attempt.firmName}>
      <Body1 as="p" className={styles.text}>
        {t.auth.weHaveEmailedYou}
      </Body1>
      <div role="status" aria-live="polite">
        {notice ? (
          <MessageBar intent={notice.intent} layout="multiline">
            <MessageBarBody>
              {notice.title ? <MessageBarTitle>{notice.title}</MessageBarTitle> : null}
              {notice.text}
            </MessageBarBody>
            {notice.offerResend && !locked ? (
              <MessageBarActions>
                <Button size="small" onClick={resend} disabled={resending}>
                  {t.auth.sendANewCode}
                </Button>
              </MessageBarActions>
            ) : null}
          </MessageBar>
        ) : null}
      </div>
      <form className={styles.form} onSubmit={submit} noValidate aria-label={t.auth.signInCode}>
        <Field
          label={t.auth.n6DigitCode}
          hint={t.auth.checkYourEmailIncluding}
          validationState={fieldError ? 'error' : 'none'}
          validationMessage={fieldError ?? undefined}
        >
          <Input
            ref={inputRef}
            className={styles.code}
            size="large"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={6}
            value={code}
            disabled={locked}
            onChange={(_e, data) => setCode(data.value.replace(/\D/g, '').slice(0, 6))}
          />
        </Field>
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" size="large" disabled={busy || locked}>
            {busy ? t.auth.checking : t.auth.signIn}
          </Button>
          <Button appearance="secondary" onClick={resend} disabled={resending || locked}>
            {resending ? t.auth.sending : t.auth.resendCode}
          </Button>
          {onCancel ? (
            <Button appearance="subtle" onClick={onCancel.run}>
              {onCancel.label}
            </Button>
          ) : null}
        </div>
      </form>
    </AuthLayout>
  );
}
