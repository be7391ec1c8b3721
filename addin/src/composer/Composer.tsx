import {
  lazy,
  Suspense,
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { Button, Text, Textarea, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useComposerActionStyles } from './composer-styles';
import { LinkRegular, SendRegular } from '@fluentui/react-icons';
import { NARROW } from '../shell/narrow-layout';
import { insertTextAtSelection } from './insert-text-at-selection';
import { useDialogState } from '../common/use-dialog-state';
import { MAX_MESSAGE_LENGTH, countCharacters, formatCount } from './count-message-characters';
import { RewriteMenu, RewritePanel, RewriteUndo, useRewrite } from './RewriteMenu';
import { t } from '../messages';

const AddLinkDialog = lazy(() => import('./AddLinkDialog').then((m) => ({ default: m.AddLinkDialog })));

type ComposerProps = {
  conversationTitle: string;
  /** When set, sending is off and this says why (e.g. "Read-only: matter closed"). */
  disabledReason: string | null;
  /** May answer later whether it was sent: the text stays until then, and after a failure. */
  onSend: (body: string) => void | Promise<boolean>;
  /** Extra controls above the send bar (e.g. "Send as SMS"). */
  options?: ReactNode;
  /** Files going with the message: the tray, the attach buttons, whether any, whether sending waits. */
  attachments?: { tray: ReactNode; tools: ReactNode; ready: boolean; blocked: boolean };
  /** Tone help ("Rewrite") is configured: `me.features.rewrite`. */
  toneHelp?: boolean;
  /** Text put into the box for the author to edit and send (nothing is sent); a new `key` puts it in again. */
  prefill?: { text: string; key: number } | null;
};

const MAX_HEIGHT_PX = 160;

const useStyles = makeStyles({
  form: {
    flexShrink: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    [NARROW]: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}` },
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  textarea: { width: '100%' },
  textareaInner: { maxHeight: `${MAX_HEIGHT_PX}px`, minHeight: '40px' },
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    [NARROW]: { gap: tokens.spacingHorizontalXXS, flexWrap: 'nowrap' },
  },
  count: {
    flexGrow: 1,
    minWidth: 0,
    textAlign: 'right',
    whiteSpace: 'nowrap',
    color: tokens.colorNeutralForeground3,
    fontVariantNumeric: 'tabular-nums',
  },
  countSeparator: { [NARROW]: { letterSpacing: '-1px' } },
  over: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  reason: { color: tokens.colorNeutralForeground2 },
});

/** Multiline message box: Enter sends, Shift+Enter starts a new line; links via a dialog. */
export function Composer({
  conversationTitle,
  disabledReason,
  onSend,
  options,
  attachments,
  toneHelp,
  prefill,
}: ComposerProps) {
  const styles = useStyles();
  const actions = useComposerActionStyles();
  const [body, setBody] = useState('');
  const linkDialog = useDialogState<{ start: number; end: number; selected: string }>();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const caretAfterRender = useRef<number | null>(null);
  const rewrite = useRewrite();
  const [bodyBeforeRewrite, setBodyBeforeRewrite] = useState<string | null>(null);
  const countId = useId();
  const reasonId = useId();
  const disabled = disabledReason !== null;
  const length = countCharacters(body);
  const over = length > MAX_MESSAGE_LENGTH;
  const canSend = !disabled && !over && !attachments?.blocked && (body.trim() !== '' || !!attachments?.ready);

  // A suggested text (e.g. "Ask the client"): into the box, caret at its end, focused.
  useEffect(() => {
    if (!prefill) return;
    caretAfterRender.current = prefill.text.length;
    setBody(prefill.text);
  }, [prefill]);

  // Grow with the text up to a limit, then scroll inside.
  useEffect(() => {
    const el = textareaRef.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
    if (caretAfterRender.current !== null) {
      el.focus();
      el.setSelectionRange(caretAfterRender.current, caretAfterRender.current);
      caretAfterRender.current = null;
    }
  }, [body]);

  function send(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend) return;
    setBodyBeforeRewrite(null);
    const sent = onSend(body);
    if (sent) void sent.then((ok) => ok && setBody((current) => (current === body ? '' : current)));
    else setBody('');
    textareaRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  }

  function openLinkDialog() {
    const el = textareaRef.current;
    const start = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? body.length;
    linkDialog.open({ start, end, selected: body.slice(start, end) });
  }

  function insertLink(markdown: string) {
    const target = linkDialog.state?.value;
    if (!target) return;
    const edit = insertTextAtSelection(body, target.start, target.end, markdown);
    caretAfterRender.current = edit.caret;
    setBody(edit.value);
    linkDialog.close();
  }

  function closeLinkDialog() {
    linkDialog.close();
    requestAnimationFrame(() => textareaRef.current?.focus());
  }

  /** A rewrite into the editor (Accept: caret at the end; Edit: at the start), undoable. */
  function takeSuggestion(text: string, caret: 'start' | 'end') {
    setBodyBeforeRewrite(body);
    caretAfterRender.current = caret === 'end' ? text.length : 0;
    setBody(text);
    rewrite.clear();
  }

  function undoRewrite() {
    if (bodyBeforeRewrite === null) return;
    caretAfterRender.current = bodyBeforeRewrite.length;
    setBody(bodyBeforeRewrite);
    setBodyBeforeRewrite(null);
  }

  function discardRewrite() {
    rewrite.clear();
    textareaRef.current?.focus();
  }

  const describedBy = [countId, disabled ? reasonId : null].filter(Boolean).join(' ');

  return (
    <>
      <form className={styles.form} onSubmit={send} aria-label={t.composer.sendAMessage}>
        {toneHelp && (
          <RewritePanel
            state={rewrite.state}
            onAccept={(text) => takeSuggestion(text, 'end')}
            onEdit={(text) => takeSuggestion(text, 'start')}
            onDiscard={discardRewrite}
          />
        )}
        {bodyBeforeRewrite !== null && (
          <RewriteUndo onUndo={undoRewrite} onDismiss={() => setBodyBeforeRewrite(null)} />
        )}
        <Textarea
          ref={textareaRef}
          className={styles.textarea}
          textarea={{ className: styles.textareaInner }}
          aria-label={t.composer.message(conversationTitle)}
          aria-describedby={describedBy}
          aria-invalid={over || undefined}
          placeholder={disabled ? t.composer.sendingIsTurnedOff : t.composer.writeAMessage}
          value={body}
          disabled={disabled}
          rows={1}
          resize="none"
          onChange={(_, d) => setBody(d.value)}
          onKeyDown={onKeyDown}
        />
        {disabled && (
          <Text size={200} id={reasonId} className={styles.reason}>
            {disabledReason}
          </Text>
        )}
        {attachments?.tray}
        {options}
        <div className={styles.bar}>
          <Button
            type="button"
            size="small"
            appearance="subtle"
            icon={<LinkRegular />}
            className={actions.action}
            aria-label={t.composer.addLink}
            title={t.composer.addLink}
            disabled={disabled}
            onClick={openLinkDialog}
          >
            <span className={actions.label}>{t.composer.addLink}</span>
          </Button>
          {attachments?.tools}
          {toneHelp && (
            <RewriteMenu text={body} disabled={disabled} onPick={(style) => void rewrite.ask(body, style)} />
          )}
          <Text size={200} id={countId} className={mergeClasses(styles.count, over && styles.over)}>
            {formatCount(length)}
            <span className={styles.countSeparator}> / </span>
            {formatCount(MAX_MESSAGE_LENGTH)}
            {over && <span role="alert">{t.composer.tooMany(formatCount(length - MAX_MESSAGE_LENGTH))}</span>}
          </Text>
          <Button type="submit" size="small" appearance="primary" icon={<SendRegular />} disabledFocusable={!canSend}>
            {t.composer.send}
          </Button>
        </div>
      </form>
      {linkDialog.state && (
        <Suspense fallback={null}>
          <AddLinkDialog
            key={linkDialog.state.key}
            open={linkDialog.state.open}
            initialText={linkDialog.state.value.selected}
            onInsert={insertLink}
            onClose={closeLinkDialog}
          />
        </Suspense>
      )}
    </>
  );
}
