import { useState } from 'react';
import { Button, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { isApiProblem, type PortalMessage, useLoader } from '@confer/ui';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '@confer/ui/errors';
import { ArrowUploadRegular, ChatRegular } from '@fluentui/react-icons';
import { Loading } from '../common/Loading';
import { Page } from '../common/Page';
import { FileDropOverlay, VisuallyHidden } from '@confer/ui/components';
import { navigate } from '../routing/navigation';
import type { ConversationTab } from '../routing/route';
import { InlineLink } from '../routing/InlineLink';
import { portalClient } from '../session/portal-client';
import { useLiveEvent, usePortal } from '../shell/portal-context';
import { ArchivedBanner } from './ArchivedBanner';
import { AcknowledgementBanner } from '../acknowledgements/AcknowledgementBanner';
import { Composer } from './Composer';
import { ConversationHeader } from './ConversationHeader';
import { EditMessageDialog } from './EditMessageDialog';
import { FilesPanel } from './FilesPanel';
import { MessageList } from './MessageList';
import { PinnedPanel } from './PinnedPanel';
import { useComposer } from './use-composer';
import { useConversationMessages } from './use-conversation-messages';
import { useMarkRead } from './use-mark-read';
import { useWindowFileDrop } from '@confer/ui';
import { t } from '../messages';

const useStyles = makeStyles({
  root: { flex: '1 1 auto', minHeight: 0, display: 'flex', flexDirection: 'column' },
  tabs: {
    flexShrink: 0,
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  panel: { flex: '1 1 auto', minHeight: 0, display: 'flex', flexDirection: 'column' },
  bar: { margin: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0` },
});

export type ConversationScreenProps = { conversationId: string; tab: ConversationTab };

export function ConversationScreen({ conversationId, tab }: ConversationScreenProps) {
  const styles = useStyles();
  const { session } = usePortal();
  const conversation = useLoader(
    (signal) => portalClient.getConversation(conversationId, { signal }),
    [conversationId],
  );
  const acknowledgements = useLoader(
    (signal) => portalClient.listAcknowledgements(conversationId, { signal }),
    [conversationId],
  );
  const messages = useConversationMessages(conversationId);
  const composer = useComposer(conversationId, messages.upsert);
  const [editing, setEditing] = useState<PortalMessage | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const { reload } = conversation;
  const reloadAcknowledgements = acknowledgements.reload;
  useLiveEvent((event) => {
    if (event.type === 'resync') reloadAcknowledgements();
    if (
      (event.type === 'acknowledgement.changed' || event.type === 'acknowledgement.reminder') &&
      event.conversationId === conversationId
    )
      reloadAcknowledgements();
    if (event.type === 'resync') reload();
    if (
      (event.type === 'conversation.updated' || event.type === 'conversation.created') &&
      event.conversationId === conversationId
    )
      reload();
    if (event.type === 'message.created' && event.conversationId === conversationId) {
      const { author } = event.message;
      if (!(author.kind === 'contact' && author.id === session.contact.id)) {
        setAnnouncement(t.conversations.newMessageFrom(author.name));
      }
    }
  });

  const data = conversation.data;
  const open = data !== undefined && data.archivedAt === null;
  const selectTab = (next: ConversationTab) =>
    navigate({ name: 'conversation', conversationId, tab: next }, { replace: true });

  const dragging = useWindowFileDrop(open, (files) => {
    composer.addFiles(files);
    if (tab !== 'messages') selectTab('messages');
  });
  useMarkRead(conversationId, messages.items.at(-1)?.seq ?? null, tab === 'messages' && messages.loaded);

  if (!data) {
    if (conversation.error) {
      const missing = isApiProblem(conversation.error) && conversation.error.status === 404;
      return (
        <Page title={missing ? t.conversations.conversationNotFound : t.conversations.messages}>
          {missing ? (
            <EmptyState icon={<ChatRegular />} title={t.conversations.thisConversationIsNot}>
              {t.conversations.itMayHaveBeen}{' '}
              <InlineLink to={{ name: 'conversations' }}>{t.conversations.seeYourConversations}</InlineLink>
            </EmptyState>
          ) : (
            <ErrorNotice
              error={conversation.error}
              action={<Button onClick={reload}>{t.conversations.tryAgain}</Button>}
            />
          )}
        </Page>
      );
    }
    return <Loading label={t.conversations.openingTheConversation} />;
  }

  return (
    <div className={styles.root}>
      <ConversationHeader conversation={data} />
      {data.archivedAt ? <ArchivedBanner conversation={data} firmName={session.firm.name} /> : null}
      <AcknowledgementBanner
        className={styles.bar}
        items={acknowledgements.data?.items ?? []}
        firmName={session.firm.name}
        onAcknowledge={(messageId) => portalClient.acknowledge(messageId)}
      />
      <TabList
        className={styles.tabs}
        selectedValue={tab}
        onTabSelect={(_e, selected) => selectTab(selected.value as ConversationTab)}
        aria-label={t.conversations.conversationViews}
      >
        <Tab id="tab-messages" value="messages">
          {t.conversations.messages}
        </Tab>
        <Tab id="tab-files" value="files">
          {t.conversations.files}
        </Tab>
        <Tab id="tab-pinned" value="pinned">
          {t.conversations.pinned}
        </Tab>
      </TabList>
      <div className={styles.panel} role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'messages' ? (
          <>
            {messages.error ? (
              <ErrorNotice
                className={styles.bar}
                error={messages.error}
                action={<Button onClick={messages.retry}>{t.conversations.tryAgain}</Button>}
              />
            ) : null}
            {messages.loaded ? (
              <MessageList
                messages={messages.items}
                hasOlder={messages.hasOlder}
                loadingOlder={messages.loadingOlder}
                onLoadOlder={() => void messages.loadOlder()}
                onEdit={open ? setEditing : undefined}
                footer={
                  messages.items.length === 0 ? (
                    <EmptyState icon={<ChatRegular />} title={t.conversations.noMessagesYet}>
                      {open ? t.conversations.writeBelowToStart : null}
                    </EmptyState>
                  ) : null
                }
              />
            ) : messages.error ? null : (
              <Loading label={t.conversations.loadingMessages} />
            )}
            {open ? <Composer composer={composer} conversationTitle={data.title} /> : null}
          </>
        ) : null}
        {tab === 'files' ? <FilesPanel conversationId={conversationId} /> : null}
        {tab === 'pinned' ? <PinnedPanel conversationId={conversationId} /> : null}
      </div>
      {dragging ? (
        <FileDropOverlay title={data.title} heading={t.conversations.dropFilesToSend} icon={<ArrowUploadRegular />} />
      ) : null}
      <EditMessageDialog message={editing} onClose={() => setEditing(null)} onSaved={messages.upsert} />
      <VisuallyHidden aria-live="polite">{announcement}</VisuallyHidden>
    </div>
  );
}
