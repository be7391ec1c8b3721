import { useEffect } from 'react';
import { Button, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Message } from '@confer/ui';
import { MessageText } from '@confer/ui/message-text';
import { ErrorNotice } from '@confer/ui/errors';
import { formatDayLabel, formatFullDateTime, formatTime } from '@confer/ui/format-time';
import { routeHref } from '../shell/use-hash-route';
import type { PinnedState } from './use-pinned-messages';
import { t } from '../messages';

type PinnedPanelProps = {
  conversationId: string;
  state: PinnedState;
  readOnly: boolean;
  onLoad: () => void;
  onUnpin: (message: Message) => Promise<void>;
};

const useStyles = makeStyles({
  root: { padding: tokens.spacingHorizontalM, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow2,
  },
  meta: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  quiet: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  empty: { color: tokens.colorNeutralForeground3 },
});

/** The Pinned tab: pinned messages, newest pin first, each linking back to its place. */
export function PinnedPanel({ conversationId, state, readOnly, onLoad, onUnpin }: PinnedPanelProps) {
  const styles = useStyles();

  useEffect(() => {
    if (state.status === 'idle') onLoad();
  }, [state.status, onLoad]);

  if (state.status === 'idle' || state.status === 'loading') {
    return (
      <div className={styles.root}>
        <Spinner size="small" label={t.conversations.loadingPinnedMessages} />
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className={styles.root}>
        <ErrorNotice error={state.error} onRetry={onLoad} />
      </div>
    );
  }
  return (
    <div className={styles.root}>
      {state.items.length === 0 ? (
        <Text className={styles.empty}>{t.conversations.nothingIsPinnedYet}</Text>
      ) : (
        <ol className={styles.list} aria-label={t.conversations.pinnedMessages}>
          {state.items.map((message) => (
            <li key={message.id} className={styles.item}>
              <div className={styles.meta}>
                <Text weight="semibold">{message.author.name}</Text>
                <time
                  className={styles.quiet}
                  dateTime={message.createdAt}
                  title={formatFullDateTime(message.createdAt)}
                >
                  {formatDayLabel(message.createdAt)}, {formatTime(message.createdAt)}
                </time>
                {message.pinnedBy && (
                  <span className={styles.quiet}>{t.conversations.pinnedByLabel(message.pinnedBy.name)}</span>
                )}
              </div>
              <MessageText body={message.body} />
              <div className={styles.actions}>
                <Button
                  size="small"
                  as="a"
                  href={routeHref({ name: 'conversation', conversationId, seq: message.seq })}
                  aria-label={t.conversations.showMessageFromIn(message.author.name)}
                >
                  {t.conversations.showInConversation}
                </Button>
                {!readOnly && (
                  <Button
                    size="small"
                    appearance="subtle"
                    aria-label={t.conversations.unpinMessageFrom(message.author.name)}
                    onClick={() => void onUnpin(message).catch((e: unknown) => console.warn('Unpin failed', e))}
                  >
                    {t.conversations.unpin}
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
