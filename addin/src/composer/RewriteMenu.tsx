import { useContext, useEffect, useRef, useState } from 'react';
import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Schema } from '@confer/ui';
import { messageFor } from '@confer/ui/errors';
import { ApiContext } from '../common/use-api';
import { useComposerActionStyles } from './composer-styles';
import { t } from '../messages';

type RewriteStyle = Schema<'RewriteStyle'>;
type RewriteSuggestion = Schema<'RewriteSuggestion'>;

/** The API's bound on what one rewrite takes (POST /compose/rewrite). */
const MAX_REWRITE_LENGTH = 4000;

const styleLabels: Record<RewriteStyle, string> = {
  clearer: t.composer.clearer,
  formal: t.composer.moreFormal,
  shorter: t.composer.shorter,
  plain: t.composer.plainEnglishForA,
};

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke2}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  heading: { fontWeight: tokens.fontWeightSemibold, ':focus-visible': { outlineOffset: '2px' } },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: '160px', overflowY: 'auto' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  error: { color: tokens.colorPaletteRedForeground1 },
  undo: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
  },
});

export type RewriteState = {
  status: 'idle' | 'asking' | 'ready' | 'failed';
  style?: RewriteStyle;
  suggestion?: string;
  error?: string;
};

/**
 * Tone help: asks the API for a rewrite of the draft and holds the suggestion until the author
 * accepts, edits or discards it. Nothing here sends: the suggestion only ever reaches the editor.
 */
export function useRewrite() {
  const api = useContext(ApiContext);
  const [state, setState] = useState<RewriteState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  async function ask(text: string, style: RewriteStyle) {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setState({ status: 'asking', style });
    try {
      if (!api) throw new Error(t.composer.notSignedIn);
      const answer = await api.request<RewriteSuggestion>('POST', '/compose/rewrite', {
        body: { text, style },
        signal: abort.signal,
      });
      if (!abort.signal.aborted) setState({ status: 'ready', style, suggestion: answer.suggestion });
    } catch (error) {
      if (!abort.signal.aborted) setState({ status: 'failed', style, error: messageFor(error) });
    }
  }

  function clear() {
    controller.current?.abort();
    setState({ status: 'idle' });
  }

  return { state, ask, clear };
}

type RewriteMenuProps = {
  text: string;
  disabled: boolean;
  onPick: (style: RewriteStyle) => void;
};

/** "Rewrite" in the composer bar: a menu of the four styles (arrow keys, Enter, Escape). */
export function RewriteMenu({ text, disabled, onPick }: RewriteMenuProps) {
  const actions = useComposerActionStyles();
  const empty = text.trim() === '';
  const tooLong = text.length > MAX_REWRITE_LENGTH;
  const title = empty
    ? t.composer.writeADraftFirst
    : tooLong
      ? t.composer.rewriteLimit(MAX_REWRITE_LENGTH.toLocaleString('en-GB'))
      : t.composer.suggestARewriteOf;
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button
          type="button"
          size="small"
          appearance="subtle"
          className={actions.action}
          title={title}
          disabledFocusable={disabled || empty || tooLong}
        >
          {t.composer.rewrite}
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList aria-label={t.composer.rewriteStyle}>
          {(Object.keys(styleLabels) as RewriteStyle[]).map((style) => (
            <MenuItem key={style} onClick={() => onPick(style)}>
              {styleLabels[style]}
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

type RewritePanelProps = {
  state: RewriteState;
  onAccept: (suggestion: string) => void;
  onEdit: (suggestion: string) => void;
  onDiscard: () => void;
};

/** The suggestion, with Accept (replaces the draft), Edit (into the editor) and Discard. Never sends. */
export function RewritePanel({ state, onAccept, onEdit, onDiscard }: RewritePanelProps) {
  const styles = useStyles();
  const headingRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status === 'ready' || state.status === 'failed') headingRef.current?.focus();
  }, [state.status]);
  if (state.status === 'idle') return null;
  const label = state.style ? styleLabels[state.style] : '';
  return (
    <div
      className={styles.panel}
      role="region"
      aria-label={t.composer.suggestedRewrite}
      aria-busy={state.status === 'asking' || undefined}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onDiscard();
        }
      }}
    >
      <div ref={headingRef} tabIndex={-1} className={styles.heading}>
        {t.composer.suggestedRewriteTitle(label)}
      </div>
      {state.status === 'asking' && <Spinner size="tiny" label={t.composer.rewritingYourDraft} />}
      {state.status === 'failed' && (
        <Text role="alert" className={styles.error}>
          {state.error}
        </Text>
      )}
      {state.status === 'ready' && (
        <Text className={styles.text} data-testid="rewrite-suggestion">
          {state.suggestion}
        </Text>
      )}
      <Text size={200}>{t.composer.nothingIsSentUntil}</Text>
      <div className={styles.actions}>
        {state.status === 'ready' && (
          <>
            <Button size="small" appearance="primary" onClick={() => onAccept(state.suggestion!)}>
              {t.composer.accept}
            </Button>
            <Button size="small" onClick={() => onEdit(state.suggestion!)}>
              {t.composer.edit}
            </Button>
          </>
        )}
        <Button size="small" appearance="subtle" onClick={onDiscard}>
          {t.composer.discard}
        </Button>
      </div>
    </div>
  );
}

/** After a rewrite replaced the draft: the way back to the author's own words. */
export function RewriteUndo({ onUndo, onDismiss }: { onUndo: () => void; onDismiss: () => void }) {
  const styles = useStyles();
  return (
    <div className={styles.undo} role="status">
      <Text size={200}>{t.composer.draftReplacedByThe}</Text>
      <Button size="small" appearance="subtle" onClick={onUndo}>
        {t.composer.undo}
      </Button>
      <Button size="small" appearance="subtle" onClick={onDismiss} aria-label={t.composer.keepTheRewrite}>
        {t.composer.keep}
      </Button>
    </div>
  );
}
