import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { Button, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Conversation, Me, Message, ReadReceipt } from '@confer/ui';
import { isOwnMessage, summarizeReadReceipts } from './collect-read-receipts';
import { ErrorNotice } from '@confer/ui/errors';
import { groupMessagesByDay } from './group-messages-by-day';
import { MessageItem } from './MessageItem';
import { PendingMessageItem } from './PendingMessageItem';
import type { MessagesState } from './use-conversation-messages';
import { t } from '../messages';

type MessageListProps = {
  state: MessagesState;
  conversation: Conversation;
  me: Me;
  viewerParticipantId: string | undefined;
  highlightSeq: number | null;
  readOnly: boolean;
  onReload: () => void;
  onLoadOlder: () => void;
  onJumpToLatest: () => void;
  onRetry: (key: string) => void;
  onDiscard: (key: string) => void;
  onEdit: (message: Message, body: string) => Promise<void>;
  onTogglePin: (message: Message) => Promise<void>;
  onShowRevisions: (message: Message, returnFocusTo: HTMLElement | null) => void;
  /** Who has read a message, by name (behind "Seen by N" in large conversations). */
  onLoadReaders: (message: Message) => Promise<ReadReceipt[]>;
  /** Whether the end of the list (the newest message) is scrolled into view. */
  onEndVisibleChange: (visible: boolean) => void;
};

const NEAR_BOTTOM_PX = 80;
const CONTINUATION_MS = 5 * 60_000;

const useStyles = makeStyles({
  scroller: {
    flex: '1 1 auto',
    minHeight: 0,
    overflowY: 'auto',
    // Scrolling is managed here (stay at the bottom, keep position when older messages load).
    overflowAnchor: 'none',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXS}`,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  older: { display: 'flex', justifyContent: 'center', padding: tokens.spacingVerticalS },
  day: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    margin: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalXS}`,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    '::before': {
      content: '""',
      flexGrow: 1,
      borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
    '::after': {
      content: '""',
      flexGrow: 1,
      borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
  },
  list: { margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  empty: {
    display: 'block',
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalM}`,
    textAlign: 'center',
    color: tokens.colorNeutralForeground3,
  },
  end: { height: '1px' },
  gap: { display: 'flex', justifyContent: 'center', padding: tokens.spacingVerticalS },
});

/** The scrollable message history: day separators, paging, sending states and read receipts. */
export function MessageList(props: MessageListProps) {
  const { state, conversation, me, viewerParticipantId, highlightSeq, readOnly } = props;
  const styles = useStyles();
  const scrollRef = useRef<HTMLDivElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const nearBottom = useRef(true);
  const previous = useRef<{ firstKey?: string; lastKey?: string; scrollHeight: number } | null>(null);
  const initialScrollDone = useRef(false);
  const endVisible = useRef(props.onEndVisibleChange);
  useEffect(() => {
    endVisible.current = props.onEndVisibleChange;
  });

  const groups = useMemo(() => groupMessagesByDay(state.messages, state.pending), [state.messages, state.pending]);
  const entries = groups.flatMap((g) => g.entries);
  const firstKey = entries[0]?.key;
  const lastEntry = entries.at(-1);
  const lastKey = lastEntry?.key;

  // Keep the reader's place: bottom on open (or the search hit), steady when older messages
  // arrive above, and follow new messages only when already at the bottom or when I sent them.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || state.status !== 'ready') return;
    const before = previous.current;
    if (!initialScrollDone.current) {
      initialScrollDone.current = true;
      const target =
        highlightSeq != null ? el.querySelector<HTMLElement>(`[data-seq="${CSS.escape(String(highlightSeq))}"]`) : null;
      if (target) {
        target.scrollIntoView({ block: 'center' });
        target.focus({ preventScroll: true });
        nearBottom.current = false;
      } else {
        el.scrollTop = el.scrollHeight;
      }
    } else if (before) {
      if (before.firstKey !== firstKey && before.lastKey === lastKey) {
        el.scrollTop += el.scrollHeight - before.scrollHeight;
      } else if (before.lastKey !== lastKey) {
        const mineAtEnd =
          lastEntry?.kind === 'pending' || (lastEntry?.kind === 'message' && isOwnMessage(lastEntry.message, me));
        if (nearBottom.current || mineAtEnd) el.scrollTop = el.scrollHeight;
      }
    }
    previous.current = { firstKey, lastKey, scrollHeight: el.scrollHeight };
  });

  // The composer growing or the pane resizing should not unstick the view from the bottom.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (nearBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [state.status]);

  useEffect(() => {
    const root = scrollRef.current;
    const end = endRef.current;
    if (!root || !end) return;
    const observer = new IntersectionObserver(
      (records) => {
        const record = records.at(-1);
        if (record) endVisible.current(record.isIntersecting);
      },
      { root, threshold: 0 },
    );
    observer.observe(end);
    return () => {
      observer.disconnect();
      endVisible.current(false);
    };
  }, [state.status]);

  function onScroll() {
    const el = scrollRef.current;
    if (el) nearBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
  }

  if (state.status === 'loading') {
    return (
      <div className={styles.scroller}>
        <Spinner size="small" label={t.conversations.loadingMessages} />
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className={styles.scroller}>
        <ErrorNotice error={state.error} onRetry={props.onReload} />
      </div>
    );
  }

  return (
    <div
      ref={scrollRef}
      className={styles.scroller}
      onScroll={onScroll}
      tabIndex={0}
      role="region"
      aria-label={t.conversations.messagesIn(conversation.title)}
    >
      {state.olderCursor && (
        <div className={styles.older}>
          <Button size="small" onClick={props.onLoadOlder} disabledFocusable={state.olderStatus === 'loading'}>
            {state.olderStatus === 'loading' ? t.conversations.loading : t.conversations.loadOlderMessages}
          </Button>
        </div>
      )}
      {state.olderStatus === 'error' && <ErrorNotice error={state.olderError} onRetry={props.onLoadOlder} />}

      {entries.length === 0 ? (
        <Text className={styles.empty}>{t.conversations.noMessagesYet}</Text>
      ) : (
        groups.map((group) => (
          <div key={group.key}>
            <h3 className={styles.day}>{group.label}</h3>
            <ol className={styles.list} aria-label={t.conversations.messagesLabel(group.label)}>
              {group.entries.map((entry, index) => {
                const previous = group.entries[index - 1];
                return entry.kind === 'message' ? (
                  <MessageItem
                    key={entry.key}
                    message={entry.message}
                    mine={isOwnMessage(entry.message, me, viewerParticipantId)}
                    receipts={summarizeReadReceipts(
                      entry.message,
                      conversation.participants,
                      { positions: state.readPositions, from: state.readFrom },
                      viewerParticipantId,
                    )}
                    onLoadReaders={props.onLoadReaders}
                    highlighted={entry.message.seq === highlightSeq}
                    continued={
                      previous?.kind === 'message' &&
                      !previous.message.notice &&
                      entry.message.seq !== highlightSeq &&
                      previous.message.author.kind === entry.message.author.kind &&
                      previous.message.author.id === entry.message.author.id &&
                      Date.parse(entry.createdAt) - Date.parse(previous.createdAt) < CONTINUATION_MS
                    }
                    readOnly={readOnly}
                    onEdit={props.onEdit}
                    onTogglePin={props.onTogglePin}
                    onShowRevisions={props.onShowRevisions}
                  />
                ) : (
                  <PendingMessageItem
                    key={entry.key}
                    pending={entry.pending}
                    me={me}
                    onRetry={props.onRetry}
                    onDiscard={props.onDiscard}
                  />
                );
              })}
            </ol>
          </div>
        ))
      )}
      {state.hasGapAfter && (
        <div className={styles.gap}>
          <Button size="small" appearance="primary" onClick={props.onJumpToLatest}>
            {t.conversations.showNewestMessages}
          </Button>
        </div>
      )}
      <div ref={endRef} className={styles.end} aria-hidden="true" />
    </div>
  );
}
