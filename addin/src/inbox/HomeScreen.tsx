import { lazy, Suspense, useEffect, useRef, type RefObject } from 'react';
import { Button, Link, Spinner, Subtitle1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Conversation } from '@confer/ui';
import { ConversationRow } from './ConversationRow';
import type { InboxFilter } from './inbox-api';
import { InboxSection } from './InboxSection';
import { AcknowledgementTasks } from '../acknowledgements/AcknowledgementTasks';
import { ErrorNotice } from '@confer/ui/errors';
import { AddRegular } from '@fluentui/react-icons';
import { MattersScreen, type MattersScreenProps } from '../matters/MattersScreen';
import { useDialogState } from '../common/use-dialog-state';
import { navigateTo, routeHref } from '../shell/use-hash-route';
import { useMessagingSnapshot, useMessagingStore } from '../conversations/use-messaging';
import { t } from '../messages';

// Loaded on the click, keeping the task pane's first download small.
const NewMessageDialog = lazy(() => import('./NewMessageDialog').then((m) => ({ default: m.NewMessageDialog })));
const CreateChannelDialog = lazy(() =>
  import('./CreateChannelDialog').then((m) => ({ default: m.CreateChannelDialog })),
);

type HomeScreenProps = {
  mattersScreen: MattersScreenProps;
  inboxFilter: InboxFilter;
  onInboxFilterChange: (filter: InboxFilter) => void;
  /** The conversation open beside Home in the two-pane layout, or null. */
  currentConversationId: string | null;
  /** Conversation whose row should take focus (coming back from it). */
  returnFocusTo: string | null;
};

const RECENT_CHANNELS = 10;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
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
});

export function HomeScreen({
  mattersScreen,
  returnFocusTo,
  inboxFilter,
  onInboxFilterChange,
  currentConversationId,
}: HomeScreenProps) {
  const styles = useStyles();
  const store = useMessagingStore();
  const { lists, unread } = useMessagingSnapshot();
  const messageDialog = useDialogState();
  const channelDialog = useDialogState();
  const messageButton = useRef<HTMLButtonElement>(null);
  const channelButton = useRef<HTMLButtonElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  // Lists are kept live by the store; a quiet refresh on arrival catches anything missed.
  useEffect(() => {
    if (store.getSnapshot().lists.status === 'ready') void store.refreshLists();
  }, [store]);

  useEffect(() => {
    if (!returnFocusTo || lists.status !== 'ready') return;
    rootRef.current?.querySelector<HTMLElement>(`[data-conversation-id="${CSS.escape(returnFocusTo)}"]`)?.focus();
  }, [returnFocusTo, lists.status]);

  const unreadOf = (c: Conversation) => (unread.loaded ? (unread.byConversation[c.id]?.unread ?? 0) : c.unreadCount);

  function closeDialog(close: () => void, focus: RefObject<HTMLButtonElement | null>) {
    close();
    requestAnimationFrame(() => focus.current?.focus());
  }

  function openCreated(close: () => void, conversation: Conversation) {
    store.upsertConversation(conversation);
    close();
    navigateTo({ name: 'conversation', conversationId: conversation.id, seq: null });
  }

  const me = store.me;
  const listsBody = (items: Conversation[], label: string, emptyText: string) => {
    if (lists.status === 'loading' && items.length === 0) return <Spinner size="tiny" label={t.inbox.loading(label)} />;
    if (lists.status === 'error') return <ErrorNotice error={lists.error} onRetry={() => void store.refreshLists()} />;
    if (items.length === 0) return <Text className={styles.empty}>{emptyText}</Text>;
    return (
      <ul role="list" aria-label={label} className={styles.list}>
        {items.map((c) => (
          <ConversationRow key={c.id} conversation={c} unread={unreadOf(c)} me={me} />
        ))}
      </ul>
    );
  };

  return (
    <div className={styles.root} ref={rootRef}>
      <AcknowledgementTasks />
      <InboxSection
        filter={inboxFilter}
        onFilterChange={onInboxFilterChange}
        currentConversationId={currentConversationId}
        onNewMessage={() => messageDialog.open(true)}
        newMessageRef={messageButton}
        returnFocusTo={returnFocusTo}
      />

      <section className={styles.section} aria-labelledby="channels-heading">
        <div className={styles.top}>
          <Subtitle1 as="h2" id="channels-heading" className={styles.heading}>
            {t.inbox.channels}
          </Subtitle1>
          <Link href={routeHref({ name: 'channels' })}>{t.inbox.browseChannels}</Link>
          <Button
            ref={channelButton}
            size="small"
            appearance="subtle"
            icon={<AddRegular />}
            aria-label={t.inbox.newChannel}
            title={t.inbox.newChannel}
            onClick={() => channelDialog.open(true)}
          />
        </div>
        {listsBody(lists.channels.slice(0, RECENT_CHANNELS), t.inbox.channelsHeading, t.inbox.youAreNotIn)}
      </section>

      <MattersScreen {...mattersScreen} />

      <Suspense fallback={null}>
        {messageDialog.state && (
          <NewMessageDialog
            key={messageDialog.state.key}
            open={messageDialog.state.open}
            me={me}
            onClose={() => closeDialog(messageDialog.close, messageButton)}
            onCreated={(c) => openCreated(messageDialog.close, c)}
          />
        )}
        {channelDialog.state && (
          <CreateChannelDialog
            key={channelDialog.state.key}
            open={channelDialog.state.open}
            me={me}
            onClose={() => closeDialog(channelDialog.close, channelButton)}
            onCreated={(c) => openCreated(channelDialog.close, c)}
          />
        )}
      </Suspense>
    </div>
  );
}
