import { useRef, useState, type FormEvent } from 'react';
import { Button, Field, MessageBar, MessageBarBody, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { PORTAL_LIMITS, describeError } from '@confer/ui';
import { countChars } from '../conversations/file-limits';
import { InlineLink } from '../routing/InlineLink';
import { portalClient } from '../session/portal-client';
import { t } from '../messages';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  button: { alignSelf: 'flex-start' },
});

export type FileCommentProps = { conversationId: string; documentId: string; fileName: string };

/** A comment about this file; it is posted in the conversation, linked to the file. */
export function FileComment({ conversationId, documentId, fileName }: FileCommentProps) {
  const styles = useStyles();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [posted, setPosted] = useState(false);
  const keyRef = useRef<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = body.trim();
    if (!text) {
      setError(t.files.writeYourCommentFirst);
      return;
    }
    if (countChars(text) > PORTAL_LIMITS.messageChars) {
      setError(t.files.commentTooLong(PORTAL_LIMITS.messageChars.toLocaleString()));
      return;
    }
    keyRef.current ??= crypto.randomUUID();
    setBusy(true);
    setError(null);
    try {
      await portalClient.sendMessage(
        conversationId,
        { body: text, aboutDocumentId: documentId },
        { idempotencyKey: keyRef.current },
      );
      keyRef.current = null;
      setBody('');
      setPosted(true);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-label={t.files.commentOn(fileName)}>
      <Field
        label={t.files.commentOnThisFile}
        hint={t.files.yourCommentAppearsIn}
        validationState={error ? 'error' : 'none'}
        validationMessage={error ?? undefined}
      >
        <Textarea
          value={body}
          resize="vertical"
          onChange={(_e, data) => {
            setBody(data.value);
            setPosted(false);
            keyRef.current = null;
          }}
        />
      </Field>
      <Button className={styles.button} appearance="primary" type="submit" disabled={busy}>
        {busy ? t.files.posting : t.files.postComment}
      </Button>
      <div role="status">
        {posted ? (
          <MessageBar intent="success">
            <MessageBarBody>
              {t.files.yourCommentWasAdded}{' '}
              <InlineLink to={{ name: 'conversation', conversationId, tab: 'messages' }}>{t.files.viewIt}</InlineLink>
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
    </form>
  );
}
