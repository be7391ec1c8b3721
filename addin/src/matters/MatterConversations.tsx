import { lazy, Suspense, useRef } from 'react';
import { Button, Spinner, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Contact, Conversation, Matter } from '@confer/ui';
import { sortByActivity } from '../conversations/create-messaging-store';
import { ConversationRow } from '../inbox/ConversationRow';
import { ErrorNotice } from '@confer/ui/errors';
import { AddRegular } from '@fluentui/react-icons';
import { useApi } from '../common/use-api';
import { useDialogState } from '../common/use-dialog-state';
import { navigateTo } from '../shell/use-hash-route';
import { useLoader } from '@confer/ui';
import { useLiveEvents, useMessagingSnapshot, useMessagingStore } from '../conversations/use-messaging';
import { t } from '../messages';

const NewMatterConversationDialog = lazy(() =>
  import('./NewMatterConversationDialog').then((m) => ({ default: m.NewMatterConversationDialog })),
);

type MatterConversationsProps = {
  matter: Matter;
  contacts: Contact[];
  onContactUpdated: (contact: Contact) => void;
  /** Bumped by the parent when something changed conversations (e.g. an engagement ended). */
  refreshKey: number;
};

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  sectionHeading: { margin: 0 },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  top: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  groupHeading: {
    margin: 0,
    flexGrow: 1,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  list: {
    margin: 0,
    padding: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  placeholder: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalM}`,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground3,
    textAlign: 'center',
  },
});

type DialogKind = 'external_matter' | 'internal_matter';

/** A matter's external and internal conversations, with + to start either. */
export function MatterConversations({ matter, contacts, onContactUpdated, refreshKey }: MatterConversationsProps) {
  const styles = useStyles();
  const api = useApi();
  const store = useMessagingStore();
  const { unread } = useMessagingSnapshot();
  const { state, reload, setData } = useLoader(
    (signal) => api.listMatterConversations(matter.id, { signal }).then((r) => r.items),
    [api, matter.id, refreshKey],
  );
  const dialog = useDialogState<DialogKind>();
  const externalButton = useRef<HTMLButtonElement>(null);
  const internalButton = useRef<HTMLButtonElement>(null);
  const items = state.status === 'ready' ? state.data : [];

  async function refreshQuietly() {
    try {
      const { items: fresh } = await api.listMatterConversations(matter.id);
      setData(fresh);
    } catch (error) {
      console.warn('Could not refresh conversations', error);
    }
  }

  useLiveEvents((event) => {
    if (event.type === 'resync' || event.type === 'conversation.created') void refreshQuietly();
    else if (event.type === 'conversation.updated' && items.some((c) => c.id === event.data.conversationId)) {
      void refreshQuietly();
    }
  });

  function closeDialog() {
    const button = dialog.state?.value === 'external_matter' ? externalButton : internalButton;
    dialog.close();
    requestAnimationFrame(() => button.current?.focus());
  }

  function openCreated(conversation: Conversation) {
    store.upsertConversation(conversation);
    dialog.close();
    navigateTo({ name: 'conversation', conversationId: conversation.id, seq: null });
  }

  const unreadOf = (c: Conversation) => (unread.loaded ? (unread.byConversation[c.id]?.unread ?? 0) : c.unreadCount);
  const canCreate = matter.status === 'open';

  const group = (kind: 'external_matter' | 'internal_matter') => {
    const external = kind === 'external_matter';
    const list = sortByActivity(items.filter((c) => c.kind === kind));
    const headingId = external ? 'external-conversations-heading' : 'internal-conversations-heading';
    const label = external ? t.matters.externalConversations : t.matters.internalConversations;
    return (
      <div className={styles.group}>
        <div className={styles.top}>
          <h4 id={headingId} className={styles.groupHeading}>
            {external ? t.matters.externalClientsAndThird : t.matters.internalStaffOnly}
          </h4>
          {canCreate && (
            <Button
              ref={external ? externalButton : internalButton}
              size="small"
              appearance="subtle"
              icon={<AddRegular />}
              aria-label={external ? t.matters.newExternalConversation : t.matters.newInternalConversation}
              title={external ? t.matters.newExternalConversation : t.matters.newInternalConversation}
              onClick={() => dialog.open(kind)}
            />
          )}
        </div>
        {list.length === 0 ? (
          <Text size={200} className={styles.muted}>
            {external ? t.matters.noExternalConversationsYet : t.matters.noInternalConversationsYet}
          </Text>
        ) : (
          <ul role="list" aria-label={label} className={styles.list}>
            {list.map((c) => (
              <ConversationRow key={c.id} conversation={c} unread={unreadOf(c)} me={store.me} showParticipants />
            ))}
          </ul>
        )}
      </div>
    );
  };

  return (
    <section className={styles.section} aria-labelledby="conversations-heading">
      <Subtitle2 as="h3" id="conversations-heading" className={styles.sectionHeading}>
        {t.matters.conversations}
      </Subtitle2>
      {state.status === 'loading' && <Spinner size="tiny" label={t.matters.loadingConversations} />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ready' && (
        <>
          {items.length === 0 && (
            <div className={styles.placeholder}>
              <Text>{canCreate ? t.matters.conversationsYouStartFor : t.matters.thisMatterIsClosed}</Text>
            </div>
          )}
          {group('external_matter')}
          {group('internal_matter')}
        </>
      )}
      <Suspense fallback={null}>
        {dialog.state && (
          <NewMatterConversationDialog
            key={dialog.state.key}
            open={dialog.state.open}
            kind={dialog.state.value}
            matter={matter}
            contacts={contacts}
            me={store.me}
            onContactUpdated={onContactUpdated}
            onCreated={openCreated}
            onClose={closeDialog}
          />
        )}
      </Suspense>
    </section>
  );
}
