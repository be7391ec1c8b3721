import { lazy, Suspense, useEffect, useRef, type Ref } from 'react';
import { Button, Spinner, Subtitle1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorNotice } from '@confer/ui/errors';
import { AddRegular, AlertRegular } from '@fluentui/react-icons';
import type { InboxFilter } from './inbox-api';
import { InboxFilterChips } from './InboxFilterChips';
import { InboxRowItem } from './InboxRowItem';
import { useArrowKeyList } from './use-arrow-key-list';
import { useInbox } from './use-inbox';
import { useDialogState } from '../common/use-dialog-state';
import { useOffice } from '../office/use-office';
import { desktopNotificationsSupported } from '../shell/desktop-notification-prefs';
import { t } from '../messages';

const DesktopNotificationsDialog = lazy(() =>
  import('./DesktopNotificationsDialog').then((m) => ({ default: m.DesktopNotificationsDialog })),
);

type InboxSectionProps = {
  filter: InboxFilter;
  onFilterChange: (filter: InboxFilter) => void;
  /** The conversation open beside the inbox (two panes), or null. */
  currentConversationId: string | null;
  /** Opens the "New message" dialog. */
  onNewMessage: () => void;
  newMessageRef?: Ref<HTMLButtonElement>;
  /** Coming back from this conversation: its row takes focus once the rows are there. */
  returnFocusTo: string | null;
};

const EMPTY: Record<InboxFilter, string> = {
  all: t.inbox.noConversationsYetUse,
  unread: t.inbox.allCaughtUpNothing,
  clients: t.inbox.noClientConversationsYet,
  internal: t.inbox.noInternalMatterConversations,
  channels: t.inbox.youAreNotInChannels,
  dms: t.inbox.noDirectMessagesYet,
};

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  top: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  heading: { margin: 0, flexGrow: 1 },
  list: {
    margin: 0,
    padding: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
  },
  empty: { color: tokens.colorNeutralForeground3 },
  more: { alignSelf: 'center' },
});

/** The Messages inbox: every conversation I take part in, newest activity first, with filters. */
export function InboxSection({
  filter,
  onFilterChange,
  currentConversationId,
  onNewMessage,
  newMessageRef,
  returnFocusTo,
}: InboxSectionProps) {
  const styles = useStyles();
  const inbox = useInbox(filter);
  const onListKeyDown = useArrowKeyList();
  const listRef = useRef<HTMLUListElement>(null);
  const focused = useRef<string | null>(null);
  const { host } = useOffice();
  const notificationsDialog = useDialogState();
  const notificationsButton = useRef<HTMLButtonElement>(null);
  // Not in Outlook's task pane: its web view does not show browser notifications.
  const offerNotifications = !host && desktopNotificationsSupported();

  useEffect(() => {
    if (!returnFocusTo || focused.current === returnFocusTo || inbox.status !== 'ready') return;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-conversation-id="${CSS.escape(returnFocusTo)}"]`);
    if (!row) return;
    focused.current = returnFocusTo;
    row.focus();
  }, [returnFocusTo, inbox.status, inbox.rows]);

  let body;
  if (inbox.status === 'loading' && inbox.rows.length === 0)
    body = <Spinner size="tiny" label={t.inbox.loadingMessages} />;
  else if (inbox.status === 'error') body = <ErrorNotice error={inbox.error} onRetry={inbox.retry} />;
  else if (inbox.rows.length === 0) body = <Text className={styles.empty}>{EMPTY[filter]}</Text>;
  else {
    body = (
      <ul ref={listRef} role="list" aria-label={t.inbox.messages} className={styles.list} onKeyDown={onListKeyDown}>
        {inbox.rows.map((row) => (
          <InboxRowItem key={row.conversationId} row={row} current={row.conversationId === currentConversationId} />
        ))}
      </ul>
    );
  }

  return (
    <section className={styles.section} aria-labelledby="inbox-heading">
      <div className={styles.top}>
        <Subtitle1 as="h2" id="inbox-heading" className={styles.heading}>
          {t.inbox.messages}
        </Subtitle1>
        {offerNotifications && (
          <Button
            ref={notificationsButton}
            size="small"
            appearance="subtle"
            icon={<AlertRegular />}
            aria-label={t.inbox.desktopNotifications}
            title={t.inbox.desktopNotifications}
            onClick={() => notificationsDialog.open(true)}
          />
        )}
        <Button ref={newMessageRef} size="small" appearance="primary" icon={<AddRegular />} onClick={onNewMessage}>
          {t.inbox.newMessage}
        </Button>
      </div>
      <InboxFilterChips value={filter} onChange={onFilterChange} />
      {body}
      {inbox.nextCursor && inbox.status === 'ready' && (
        <Button
          className={styles.more}
          appearance="subtle"
          disabled={inbox.loadingMore}
          onClick={() => void inbox.loadMore()}
        >
          {inbox.loadingMore ? t.inbox.loadingLabel : t.inbox.showOlderConversations}
        </Button>
      )}
      {notificationsDialog.state && (
        <Suspense fallback={null}>
          <DesktopNotificationsDialog
            key={notificationsDialog.state.key}
            open={notificationsDialog.state.open}
            onClose={() => {
              notificationsDialog.close();
              requestAnimationFrame(() => notificationsButton.current?.focus());
            }}
          />
        </Suspense>
      )}
    </section>
  );
}
