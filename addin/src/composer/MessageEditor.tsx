import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Button, Text, Textarea, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { describeError } from '@confer/ui';
import { MAX_MESSAGE_LENGTH, countCharacters, formatCount } from './count-message-characters';
import { t } from '../messages';

type MessageEditorProps = {
  initialBody: string;
  onSave: (body: string) => Promise<void>;
  onCancel: () => void;
};

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  textarea: { width: '100%' },
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  count: { flexGrow: 1, color: tokens.colorNeutralForeground3 },
  over: { color: tokens.colorPaletteRedForeground1 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** Inline editor for one's own message: Enter saves, Shift+Enter adds a line, Escape cancels. */
export function MessageEditor({ initialBody, onSave, onCancel }: MessageEditorProps) {
  const styles = useStyles();
  const [body, setBody] = useState(initialBody);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const countId = useId();
  const length = countCharacters(body);
  const over = length > MAX_MESSAGE_LENGTH;
  const empty = body.trim() === '';

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  async function save() {
    if (busy || over || empty) return;
    if (body === initialBody) {
      onCancel();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSave(body);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void save();
    }
  }

  return (
    <div className={styles.root}>
      <Textarea
        ref={ref}
        className={styles.textarea}
        aria-label={t.composer.editMessage}
        aria-describedby={countId}
        aria-invalid={over || undefined}
        value={body}
        resize="vertical"
        onChange={(_, d) => setBody(d.value)}
        onKeyDown={onKeyDown}
      />
      <div className={styles.bar}>
        <Text size={200} id={countId} className={mergeClasses(styles.count, over && styles.over)}>
          {formatCount(length)} / {formatCount(MAX_MESSAGE_LENGTH)}
        </Text>
        <Button size="small" onClick={onCancel}>
          {t.composer.cancelLabel}
        </Button>
        <Button size="small" appearance="primary" disabledFocusable={busy || over || empty} onClick={() => void save()}>
          {busy ? t.composer.saving : t.composer.save}
        </Button>
      </div>
      {error != null && (
        <Text size={200} role="alert" className={styles.error}>
          {t.composer.notSaved(describeError(error))}
        </Text>
      )}
    </div>
  );
}
