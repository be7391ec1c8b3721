import { useRef, useState, type FormEvent } from 'react';
import { Button, Field, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { Message } from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import { MessageText } from '@confer/ui/message-text';
import { useApi } from '../common/use-api';
import { formatFullDateTime } from '@confer/ui/format-time';
import { t } from '../messages';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { listStyleType: 'none' },
  meta: { color: tokens.colorNeutralForeground3 },
  button: { alignSelf: 'flex-start' },
});

/**
 * Comments on a file: those already made where the staff member may read them, and (opened from
 * a conversation) a box whose comment is posted in that conversation, linked to the file.
 */
export function FileComments({
  documentId,
  fileName,
  comments,
  conversationId,
}: {
  documentId: string;
  fileName: string;
  comments: Message[];
  conversationId?: string;
}) {
  const styles = useStyles();
  const api = useApi();
  const [posted, setPosted] = useState<Message[]>([]);
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const keyRef = useRef<string | null>(null);
  const all = [...comments, ...posted.filter((p) => !comments.some((c) => c.id === p.id))];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!conversationId || !/\S/u.test(body)) return;
    keyRef.current ??= crypto.randomUUID();
    setBusy(true);
    setError(null);
    try {
      const message = await api.sendMessage(
        conversationId,
        { body, aboutDocumentId: documentId },
        { idempotencyKey: keyRef.current },
      );
      keyRef.current = null;
      setBody('');
      setPosted((current) => [...current, message]);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.section} aria-label={t.files.comments}>
      <Text weight="semibold">{t.files.comments}</Text>
      {all.length === 0 ? <Text className={styles.meta}>{t.files.noCommentsOnThis}</Text> : null}
      <ul className={styles.list}>
        {all.map((c) => (
          <li key={c.id} className={styles.item}>
            <Text size={200} className={styles.meta}>
              {c.author.name} · {formatFullDateTime(c.createdAt)}
            </Text>
            <MessageText body={c.body} />
          </li>
        ))}
      </ul>
      {conversationId ? (
        <form className={styles.section} onSubmit={(e) => void submit(e)} aria-label={t.files.commentOn(fileName)}>
          <Field label={t.files.commentOnThisFile} hint={t.files.yourCommentIsPosted}>
            <Textarea
              value={body}
              resize="vertical"
              onChange={(_e, data) => {
                setBody(data.value);
                keyRef.current = null;
              }}
            />
          </Field>
          {error != null && <ErrorNotice error={error} />}
          <Button className={styles.button} type="submit" disabled={busy || !/\S/u.test(body)}>
            {busy ? t.files.posting : t.files.postComment}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
