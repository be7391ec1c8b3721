import { useState, type FormEvent } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { describeError, isApiProblem } from '@confer/ui';
import { portalClient } from '../session/portal-client';
import { t } from '../messages';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  button: { alignSelf: 'flex-start' },
});

/** Ask for a new secure link by email. The answer is the same whether or not the email is known. */
export function RequestLinkForm() {
  const styles = useStyles();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSent(null);
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setError(t.auth.enterYourEmail);
      return;
    }
    setBusy(true);
    try {
      const answer = await portalClient.requestLink(email.trim());
      setSent(answer.message);
    } catch (err) {
      setError(isApiProblem(err) && err.errors.length > 0 ? t.auth.enterAValidEmail : describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label={t.auth.askForANew}>
      <Field
        label={t.auth.yourEmailAddress}
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
        {busy ? t.auth.sending : t.auth.sendMeANew}
      </Button>
      <div role="status">
        {sent ? (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>{sent}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
    </form>
  );
}
