import { useRef, useState, type FormEvent } from 'react';
import { Button, Field, MessageBar, MessageBarBody, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { PORTAL_LIMITS, describeError } from '@confer/ui';
import { countChars } from '../conversations/file-limits';
import { InlineLink } from '../routing/InlineLink';
import { portalClient } from '../session/portal-client';

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
      setError('Write your comment first.');
      return;
    }
    if (countChars(text) > PORTAL_LIMITS.messageChars) {
      setError(`A comment can have at most ${PORTAL_LIMITS.messageChars.toLocaleString()} characters.`);
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
    <form className={styles.form} onSubmit={submit} aria-label={`Comment on ${fileName}`}>
      <Field
        label="Comment on this file"
        hint="Your comment appears in the conversation, linked to this file."
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
        {busy ? 'Posting…' : 'Post comment'}
      </Button>
      <div role="status">
        {posted ? (
          <MessageBar intent="success">
            <MessageBarBody>
              Your comment was added to the conversation.{' '}
              <InlineLink to={{ name: 'conversation', conversationId, tab: 'messages' }}>View it</InlineLink>
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
    </form>
  );
}
