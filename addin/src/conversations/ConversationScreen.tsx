import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Button,
  Link,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { isApiProblem, type Conversation, type Message, useLoader } from '@confer/ui';
import { isOwnMessage } from './collect-read-receipts';
import { Composer } from '../composer/Composer';
import { ErrorNotice } from '@confer/ui/errors';
import { formatActivityTime, formatFullDateTime } from '@confer/ui/format-time';
import { ChevronLeftRegular, MoreHorizontalRegular, ShieldRegular } from '@fluentui/react-icons';
import { MessageList } from './MessageList';
import { ParticipantList } from './ParticipantList';
import { PinnedPanel } from './PinnedPanel';
import { useApi } from '../common/use-api';
import { useConversationMessages } from './use-conversation-messages';
import { useDialogState } from '../common/use-dialog-state';
import { navigateTo, routeHref } from '../shell/use-hash-route';
import { useMarkRead } from './use-mark-read';
import { useLiveEvents, useMessagingStore } from './use-messaging';
import { usePinnedMessages } from './use-pinned-messages';
import { NARROW } from '../shell/narrow-layout';
import { VisuallyHidden } from '@confer/ui/components';
import { SmsConversationContext } from '../sms/sms-conversation-context';
import { AcknowledgeByOption } from '../acknowledgements/AcknowledgeByOption';
import { AcknowledgementsContext } from '../acknowledgements/acknowledgements-context';
import { useAcknowledgeByOption } from '../acknowledgements/use-acknowledge-by-option';
import { useConversationAcknowledgements } from '../acknowledgements/use-conversation-acknowledgements';
import { SmsToggle } from '../sms/SmsToggle';
import { useSmsOption } from '../sms/use-sms-option';
import { useAttachments } from '../composer/use-attachments';
import { buildComposerAttachments } from '../composer/build-composer-attachments';
import { ConversationFilesPanel } from '../files/ConversationFilesPanel';
import { useNewRecipientsGuard } from './use-new-recipients-guard';
import { useDeviceAlerts } from './use-device-alerts';
import { latestDeviceAlerts } from './latest-device-alerts';
import { DeviceAlertNotice, describeSignIn } from './DeviceAlertNotice';
import { t } from '../messages';

const RevisionHistoryDialog = lazy(() =>
  import('./RevisionHistoryDialog').then((m) => ({ default: m.RevisionHistoryDialog })),
);
const ManageParticipantsDialog = lazy(() =>
  import('./ManageParticipantsDialog').then((m) => ({ default: m.ManageParticipantsDialog })),
);
const RenameConversationDialog = lazy(() =>
  import('./RenameConversationDialog').then((m) => ({ default: m.RenameConversationDialog })),
);

type ConversationScreenProps = {
  conversationId: string;
  /** Open around this message and highlight it (from search or a pinned message). */
  highlightSeq: number | null;
};

type TabValue = 'messages' | 'files' | 'pinned';

const KIND_LABEL: Record<Conversation['kind'], string> = {
  external_matter: t.conversations.externalConversation,
  internal_matter: t.conversations.internalConversation,
  direct: t.conversations.directMessage,
  channel: t.conversations.channel,
};

const useStyles = makeStyles({
  root: {
    flex: '1 1 auto',
    minHeight: 0,
    display: 'flex',
    flexDirection: 'column',
    width: '100%',
    maxWidth: '880px',
    margin: '0 auto',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  loading: {
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  // Wide: back link / title and options / subtitle / participants. Narrow (the task pane): an
  // icon back link, the title on one line and options / participants and a one-line subtitle.
  header: {
    flexShrink: 0,
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    gridTemplateAreas: '"back back" "title menu" "subtitle subtitle" "people people"',
    alignItems: 'center',
    rowGap: tokens.spacingVerticalXS,
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0`,
    [NARROW]: {
      gridTemplateColumns: 'auto minmax(0, 1fr) auto',
      gridTemplateAreas: '"back title menu" "people subtitle subtitle"',
      rowGap: tokens.spacingVerticalXXS,
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS} 0`,
    },
  },
  back: {
    gridArea: 'back',
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    justifySelf: 'start',
    [NARROW]: { minWidth: '24px', minHeight: '24px', justifyContent: 'center' },
  },
  backLabel: {
    [NARROW]: {
      position: 'absolute',
      width: '1px',
      height: '1px',
      overflow: 'hidden',
      clip: 'rect(0 0 0 0)',
      whiteSpace: 'nowrap',
    },
  },
  menu: { gridArea: 'menu' },
  heading: {
    ...typographyStyles.subtitle1,
    gridArea: 'title',
    margin: 0,
    minWidth: 0,
    overflowWrap: 'anywhere',
    ':focus': { outlineStyle: 'none' },
    [NARROW]: {
      ...typographyStyles.body1Strong,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
    },
  },
  subtitle: {
    gridArea: 'subtitle',
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXS,
    minWidth: 0,
    color: tokens.colorNeutralForeground3,
    [NARROW]: { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  },
  people: { gridArea: 'people', minWidth: 0 },
  banner: { flexShrink: 0, padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM} 0` },
  tabs: { flexShrink: 0, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  panel: { flex: '1 1 auto', minHeight: 0, display: 'flex', flexDirection: 'column' },
  scrollPanel: { flex: '1 1 auto', minHeight: 0, overflowY: 'auto', backgroundColor: tokens.colorNeutralBackground2 },
  // `hidden` alone loses to the display set by the panel classes.
  hiddenPanel: { display: 'none' },
  join: {
    flexShrink: 0,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  joinText: { flexGrow: 1 },
});

function readOnlyReason(conversation: Conversation): string | null {
  if (conversation.archivedAt) {
    return conversation.archivedReason === 'engagement_ended'
      ? t.conversations.readOnlyEngagementEnded
      : conversation.archivedReason === 'matter_closed'
        ? t.conversations.readOnlyMatterClosed
        : t.conversations.readOnlyThisConversation;
  }
  if (!conversation.joined) return t.conversations.youAreNotA;
  return null;
}

/** The subtitle in words (its tooltip, where the narrow layout cuts it short). */
function subtitleText(conversation: Conversation): string {
  return [
    KIND_LABEL[conversation.kind],
    conversation.matter ? `${conversation.matter.number} ${conversation.matter.title}` : null,
    conversation.kind === 'external_matter' && conversation.requireMfa ? t.conversations.twoFactorSignIn : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

function archivedExplanation(conversation: Conversation): string {
  const since = conversation.archivedAt ? formatActivityTime(conversation.archivedAt) : null;
  switch (conversation.archivedReason) {
    case 'matter_closed':
      return t.conversations.readOnlySinceMatterClosed(since);
    case 'engagement_ended':
      return t.conversations.readOnlySinceEngagementEnded(since);
    default:
      return t.conversations.readOnlySinceArchived(since);
  }
}

export function ConversationScreen({ conversationId, highlightSeq }: ConversationScreenProps) {
  const styles = useStyles();
  const api = useApi();
  const store = useMessagingStore();
  const me = store.me;
  const {
    state: loaded,
    reload,
    setData,
  } = useLoader((signal) => api.getConversation(conversationId, { signal }), [api, conversationId]);
  const conversation = loaded.status === 'ready' ? loaded.data : null;
  const [tab, setTab] = useState<TabValue>('messages');
  const [endVisible, setEndVisible] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const revisions = useDialogState<{ message: Message; returnFocusTo: HTMLElement | null }>();
  const managing = useDialogState();
  const renaming = useDialogState();
  const [actionError, setActionError] = useState<unknown>(null);
  const [joining, setJoining] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const refetchConversation = useCallback(async () => {
    try {
      const fresh = await api.getConversation(conversationId);
      setData(fresh);
    } catch (error) {
      console.warn('Could not refresh the conversation', error);
    }
  }, [api, conversationId, setData]);

  const messages = useConversationMessages({
    api,
    conversationId,
    aroundSeq: highlightSeq,
    onSendFailed: (error) => {
      setAnnouncement(t.conversations.aMessageWasNot);
      if (isApiProblem(error) && error.code === 'conversation_archived') void refetchConversation();
    },
  });
  const pinned = usePinnedMessages(api, conversationId);
  const sms = useSmsOption(conversation, !conversation || readOnlyReason(conversation) !== null);
  const smsContext = useMemo(() => ({ canText: sms.available }), [sms.available]);
  const acknowledgeBy = useAcknowledgeByOption(
    conversation?.kind === 'external_matter' && readOnlyReason(conversation) === null,
  );
  const acknowledgements = useConversationAcknowledgements(conversationId, conversation?.kind === 'external_matter');
  const attachments = useAttachments({
    conversationId,
    dropEnabled: !!conversation && readOnlyReason(conversation) === null && tab === 'messages',
    onSent: (message) => messages.receive(message, true),
  });
  const viewer = conversation?.participants.find((p) => p.kind === 'staff' && p.staffId === me.staff.id && !p.leftAt);

  // Keep Home's lists and unread counts in step with what this screen learns.
  useEffect(() => {
    if (conversation) store.upsertConversation(conversation);
  }, [store, conversation]);

  useEffect(() => {
    store.setActiveConversation(conversationId);
    return () => store.setActiveConversation(null);
  }, [store, conversationId]);

  const ready = conversation !== null;
  useEffect(() => {
    if (ready && highlightSeq == null) headingRef.current?.focus();
  }, [ready, highlightSeq]);

  useLiveEvents((event) => {
    if (event.type === 'resync') {
      void refetchConversation();
      void messages.refreshLatest();
      if (pinned.state.status !== 'idle') void pinned.load();
      return;
    }
    if (event.type === 'form.submitted' || event.data.conversationId !== conversationId) return;
    switch (event.type) {
      case 'message.created': {
        const { message } = event.data;
        const mine = isOwnMessage(message, me, viewer?.id);
        messages.receive(message, mine);
        if (!mine) setAnnouncement(`${message.author.name}: ${message.body.slice(0, 160)}`);
        break;
      }
      case 'message.edited':
      case 'message.pinned':
        messages.update(event.data.message);
        pinned.apply(event.data.message);
        break;
      case 'read.updated':
        messages.markReadBy(event.data.participantId, event.data.lastReadSeq, event.data.previousReadSeq);
        if (conversation && !conversation.participants.some((p) => p.id === event.data.participantId)) {
          void refetchConversation(); // someone new: fetch their name and initials
        }
        break;
      case 'conversation.updated':
        void refetchConversation();
        break;
      default:
        break;
    }
  });

  const newestSeq = messages.state.messages.at(-1)?.seq ?? null;
  const newestLoadedAt = messages.state.messages.at(-1)?.createdAt ?? null;
  const lastMessageAt = [newestLoadedAt, conversation?.lastMessageAt ?? null].reduce<string | null>(
    (a, b) => (a === null || (b !== null && Date.parse(b) > Date.parse(a)) ? b : a),
    null,
  );
  const recipientsGuard = useNewRecipientsGuard(conversation, lastMessageAt);
  const deviceAlerts = useDeviceAlerts(conversationId, conversation?.kind === 'external_matter');
  const [prefill, setPrefill] = useState<{ text: string; key: number } | null>(null);
  useMarkRead({
    conversationId,
    newestSeq,
    endVisible: endVisible && tab === 'messages',
    enabled: !!conversation?.joined && messages.state.status === 'ready',
    onCounts: (counts) => {
      if (conversation) {
        store.applyUnreadCounts(conversationId, counts, { matterId: conversation.matterId, kind: conversation.kind });
      }
    },
  });

  const { update: updateMessage } = messages;
  const { apply: applyPinned } = pinned;
  const handleActionError = useCallback(
    (error: unknown) => {
      if (isApiProblem(error) && error.code === 'conversation_archived') void refetchConversation();
      throw error;
    },
    [refetchConversation],
  );

  const edit = useCallback(
    async (message: Message, body: string) => {
      const updated = await api.editMessage(message.id, { body }).catch(handleActionError);
      updateMessage(updated);
      applyPinned(updated);
      setAnnouncement(t.conversations.messageEdited);
    },
    [api, updateMessage, applyPinned, handleActionError],
  );

  const togglePin = useCallback(
    async (message: Message) => {
      const updated = await (message.pinnedAt ? api.unpinMessage(message.id) : api.pinMessage(message.id)).catch(
        handleActionError,
      );
      updateMessage(updated);
      applyPinned(updated);
      setAnnouncement(updated.pinnedAt ? t.conversations.messagePinned : t.conversations.messageUnpinned);
    },
    [api, updateMessage, applyPinned, handleActionError],
  );

  const { open: openRevisions } = revisions;
  const showRevisions = useCallback(
    (message: Message, returnFocusTo: HTMLElement | null) => openRevisions({ message, returnFocusTo }),
    [openRevisions],
  );
  const loadReaders = useCallback(async (message: Message) => (await api.getReaders(message.id)).items, [api]);

  async function joinOrLeave(action: 'join' | 'leave') {
    setJoining(true);
    setActionError(null);
    try {
      const updated =
        action === 'join' ? await api.joinConversation(conversationId) : await api.leaveConversation(conversationId);
      store.upsertConversation(updated);
      if (action === 'leave') navigateTo({ name: 'home' });
      else setData(updated);
    } catch (error) {
      setActionError(error);
    } finally {
      setJoining(false);
    }
  }

  const back = conversation?.matter ? (
    <Link href={routeHref({ name: 'matter', matterId: conversation.matter.id })} className={styles.back}>
      <ChevronLeftRegular />
      <span className={styles.backLabel}>{t.conversations.backTo(conversation.matter.number)}</span>
    </Link>
  ) : (
    <Link href={routeHref({ name: 'home' })} className={styles.back}>
      <ChevronLeftRegular />
      <span className={styles.backLabel}>{t.conversations.backToHome}</span>
    </Link>
  );

  if (loaded.status === 'loading') {
    return (
      <div className={styles.root}>
        <div className={styles.loading}>
          {back}
          <Spinner label={t.conversations.loadingConversation} />
        </div>
      </div>
    );
  }
  if (loaded.status === 'error' || !conversation) {
    return (
      <div className={styles.root}>
        <div className={styles.loading}>
          {back}
          <ErrorNotice error={loaded.status === 'error' ? loaded.error : null} onRetry={reload} />
        </div>
      </div>
    );
  }

  const reason = readOnlyReason(conversation);
  const readOnly = reason !== null;
  // Anyone who may see a channel or matter conversation may join it (direct messages: only their people).
  const canJoin = !conversation.joined && conversation.kind !== 'direct' && !conversation.archivedAt;
  const noun = conversation.kind === 'channel' ? 'channel' : 'conversation';
  const canManage = conversation.joined && conversation.kind !== 'direct' && !conversation.archivedAt;
  const applyChange = (updated: Conversation) => {
    setData(updated);
    store.upsertConversation(updated);
  };

  return (
    <article className={styles.root} aria-labelledby="conversation-heading">
      <header className={styles.header}>
        {back}
        <h2
          id="conversation-heading"
          ref={headingRef}
          tabIndex={-1}
          className={styles.heading}
          title={conversation.title}
        >
          {conversation.title}
        </h2>
        {conversation.joined && conversation.kind !== 'direct' && (
          <div className={styles.menu}>
            <Menu positioning="below-end">
              <MenuTrigger disableButtonEnhancement>
                <Button
                  size="small"
                  appearance="subtle"
                  icon={<MoreHorizontalRegular />}
                  aria-label={
                    conversation.kind === 'channel'
                      ? t.conversations.channelOptions
                      : t.conversations.conversationOptions
                  }
                />
              </MenuTrigger>
              <MenuPopover>
                <MenuList>
                  {canManage && (
                    <MenuItem onClick={() => managing.open(true)}>{t.conversations.manageParticipants}</MenuItem>
                  )}
                  {canManage && <MenuItem onClick={() => renaming.open(true)}>{t.conversations.rename(noun)}</MenuItem>}
                  <MenuItem onClick={() => void joinOrLeave('leave')}>{t.conversations.leave(noun)}</MenuItem>
                </MenuList>
              </MenuPopover>
            </Menu>
          </div>
        )}
        <Text size={200} className={styles.subtitle} title={subtitleText(conversation)}>
          <span>{KIND_LABEL[conversation.kind]}</span>
          {conversation.matter && (
            <>
              {' '}
              <span>
                · {conversation.matter.number} {conversation.matter.title}
              </span>
            </>
          )}
          {conversation.kind === 'external_matter' && conversation.requireMfa && (
            <>
              {' '}
              <span>
                · <ShieldRegular />
                {t.conversations.twoFactorSignInSuffix}
              </span>
            </>
          )}
        </Text>
        <div className={styles.people}>
          <ParticipantList participants={conversation.participants} />
        </div>
      </header>

      {conversation.archivedAt && (
        <div className={styles.banner}>
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody title={conversation.archivedAt ? formatFullDateTime(conversation.archivedAt) : undefined}>
              {archivedExplanation(conversation)}
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
      {actionError != null && (
        <div className={styles.banner}>
          <ErrorNotice error={actionError} />
        </div>
      )}
      {latestDeviceAlerts(deviceAlerts.alerts).map(({ alert, earlier }) => (
        <div className={styles.banner} key={alert.id}>
          <DeviceAlertNotice
            alert={alert}
            earlier={earlier}
            onAsk={(asked) => {
              setTab('messages');
              setPrefill({ text: t.conversations.askWasItYou(describeSignIn(asked)), key: Date.now() });
            }}
            onEndSessions={async (ended) => {
              const result = await api.endContactSessions(ended.contactId);
              deviceAlerts.closeFor(ended.contactId);
              setAnnouncement(t.conversations.sessionsEnded(ended.contactName, result.sessionsEnded));
            }}
          />
        </div>
      ))}

      <TabList
        className={styles.tabs}
        size="small"
        selectedValue={tab}
        onTabSelect={(_, data) => setTab(data.value as TabValue)}
        aria-label={t.conversations.conversationViews}
      >
        <Tab value="messages" id="tab-messages" aria-controls="panel-messages">
          {t.conversations.messages}
        </Tab>
        <Tab value="files" id="tab-files" aria-controls="panel-files">
          {t.conversations.files}
        </Tab>
        <Tab value="pinned" id="tab-pinned" aria-controls="panel-pinned">
          {t.conversations.pinned}
        </Tab>
      </TabList>

      <div
        role="tabpanel"
        id="panel-messages"
        aria-labelledby="tab-messages"
        hidden={tab !== 'messages'}
        className={mergeClasses(styles.panel, tab !== 'messages' && styles.hiddenPanel)}
      >
        <SmsConversationContext.Provider value={smsContext}>
          <AcknowledgementsContext.Provider value={acknowledgements}>
            <MessageList
              state={messages.state}
              conversation={conversation}
              me={me}
              viewerParticipantId={viewer?.id}
              highlightSeq={highlightSeq}
              readOnly={readOnly}
              onReload={messages.reload}
              onLoadOlder={() => void messages.loadOlder()}
              onJumpToLatest={messages.jumpToLatest}
              onRetry={messages.retry}
              onDiscard={messages.discard}
              onEdit={edit}
              onTogglePin={togglePin}
              onShowRevisions={showRevisions}
              onLoadReaders={loadReaders}
              onEndVisibleChange={setEndVisible}
            />
          </AcknowledgementsContext.Provider>
        </SmsConversationContext.Provider>
        {canJoin ? (
          <div className={styles.join}>
            <Text className={styles.joinText}>
              {conversation.kind === 'channel' ? t.conversations.joinThisChannelTo : t.conversations.youCanReadThis}
            </Text>
            <Button appearance="primary" disabledFocusable={joining} onClick={() => void joinOrLeave('join')}>
              {joining ? t.conversations.joining : t.conversations.join(noun)}
            </Button>
          </div>
        ) : (
          <Composer
            conversationTitle={conversation.title}
            disabledReason={reason}
            toneHelp={me.features.rewrite}
            prefill={prefill}
            onSend={async (body) => {
              if (acknowledgeBy.invalid) return false;
              if (!(await recipientsGuard.confirmBeforeSend())) return false;
              if (attachments.hasAny) {
                const sent = await attachments.send(body, { sendAsSms: sms.enabled });
                if (sent) sms.setEnabled(false);
                return sent;
              }
              messages.send(body, { sendAsSms: sms.enabled, acknowledgeBy: acknowledgeBy.value() });
              sms.setEnabled(false);
              acknowledgeBy.reset();
              return true;
            }}
            options={
              <>
                {recipientsGuard.notice}
                <SmsToggle option={sms} disabled={readOnly} />
                <AcknowledgeByOption option={acknowledgeBy} disabled={readOnly || attachments.hasAny} />
              </>
            }
            attachments={buildComposerAttachments(attachments, {
              conversationTitle: conversation.title,
              matterId: conversation.matterId,
              disabled: readOnly,
            })}
          />
        )}
        {recipientsGuard.dialog}
      </div>
      <div
        role="tabpanel"
        id="panel-files"
        aria-labelledby="tab-files"
        hidden={tab !== 'files'}
        className={mergeClasses(styles.scrollPanel, tab !== 'files' && styles.hiddenPanel)}
      >
        {tab === 'files' && (
          <ConversationFilesPanel conversation={conversation} readOnly={readOnly} messages={messages.state.messages} />
        )}
      </div>
      <div
        role="tabpanel"
        id="panel-pinned"
        aria-labelledby="tab-pinned"
        hidden={tab !== 'pinned'}
        className={mergeClasses(styles.scrollPanel, tab !== 'pinned' && styles.hiddenPanel)}
      >
        {tab === 'pinned' && (
          <PinnedPanel
            conversationId={conversationId}
            state={pinned.state}
            readOnly={readOnly}
            onLoad={() => void pinned.load()}
            onUnpin={togglePin}
          />
        )}
      </div>

      <VisuallyHidden>
        <span role="status" aria-live="polite">
          {announcement}
        </span>
      </VisuallyHidden>

      {managing.state && (
        <Suspense fallback={null}>
          <ManageParticipantsDialog
            key={managing.state.key}
            open={managing.state.open}
            conversation={conversation}
            me={me}
            onChanged={applyChange}
            onClose={managing.close}
          />
        </Suspense>
      )}
      {renaming.state && (
        <Suspense fallback={null}>
          <RenameConversationDialog
            key={renaming.state.key}
            open={renaming.state.open}
            conversation={conversation}
            onRenamed={(updated) => {
              applyChange(updated);
              renaming.close();
              setAnnouncement(t.conversations.renamedTo(updated.title));
            }}
            onClose={renaming.close}
          />
        </Suspense>
      )}
      {revisions.state && (
        <Suspense fallback={null}>
          <RevisionHistoryDialog
            key={revisions.state.key}
            open={revisions.state.open}
            message={revisions.state.value.message}
            onClose={() => {
              const target = revisions.state?.value.returnFocusTo;
              revisions.close();
              requestAnimationFrame(() => target?.focus());
            }}
          />
        </Suspense>
      )}
    </article>
  );
}
