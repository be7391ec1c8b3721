import { useState } from 'react';
import { Button, Link, Spinner, Subtitle1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Conversation, EmailContext } from '@confer/ui';
import { ConversationRow } from '../inbox/ConversationRow';
import { ErrorNotice } from '@confer/ui/errors';
import { useOffice } from '../office/use-office';
import type { ReadMailItem } from '../office/office-host';
import { useApi } from '../common/use-api';
import { navigateTo, routeHref } from '../shell/use-hash-route';
import { useLoader } from '@confer/ui';
import { useMessagingSnapshot, useMessagingStore } from '../conversations/use-messaging';
import { peopleOfReadItem } from './email-addresses';
import { MatterChoice } from './MatterChoice';
import { listNames, reachable } from './share-plan';
import { useMailItem } from './use-mail-item';
import { useMatterChoice } from './use-matter-choice';
import { fill } from '@confer/ui/messages';
import { t } from '../messages';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow4,
  },
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  list: {
    margin: 0,
    padding: 0,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** Home in the task pane: the open email's people, their matters and those matters' conversations. */
export function EmailContextPanel() {
  const styles = useStyles();
  const { host } = useOffice();
  const { state } = useMailItem(host);

  let body;
  if (state.status === 'loading') body = <Spinner size="tiny" label={t.outlook.readingTheEmail} />;
  else if (state.status === 'error') body = <ErrorNotice error={state.error} />;
  else if (!state.item) body = <Text className={styles.muted}>{t.outlook.selectAnEmailTo}</Text>;
  else if (state.item.mode === 'compose') {
    body = (
      <>
        <Text>{t.outlook.shareFilesWithThis}</Text>
        <div className={styles.actions}>
          <Button appearance="primary" onClick={() => navigateTo({ name: 'outlook-share-files' })}>
            {t.outlook.shareFilesViaSecure}
          </Button>
        </div>
      </>
    );
  } else {
    body = <ReadEmailContext key={state.item.threadId ?? 'no-thread'} item={state.item} />;
  }

  return (
    <section className={styles.section} aria-labelledby="this-email-heading">
      <Subtitle1 as="h2" id="this-email-heading" className={styles.heading}>
        {t.outlook.thisEmail}
      </Subtitle1>
      {body}
    </section>
  );
}

function ReadEmailContext({ item }: { item: ReadMailItem }) {
  const styles = useStyles();
  const api = useApi();
  const store = useMessagingStore();
  const { settings } = useOffice();
  const people = peopleOfReadItem(item, store.me.staff.email);
  const key = people.map((p) => p.email).join(',');
  const { state, reload } = useLoader<EmailContext>(
    (signal) =>
      people.length > 0
        ? api.getEmailContext(
            people.map((p) => p.email),
            { signal },
          )
        : Promise.resolve({ contacts: [], unknownEmails: [], matters: [] }),
    [api, key],
  );
  const context = state.status === 'ready' ? state.data : null;
  const candidates = context?.matters.map((m) => m.matter) ?? [];
  const choice = useMatterChoice(settings, item.threadId, candidates);
  const shareable = item.attachments.filter((a) => !a.isInline).length;

  if (state.status === 'loading') return <Spinner size="tiny" label={t.outlook.findingMatters} />;
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={reload} />;
  const ctx = state.data;
  const known = ctx.contacts.map((c) => c.name);

  return (
    <>
      {known.length > 0 ? (
        <Text>{fill(t.outlook.withNames, { names: <strong>{listNames(known)}</strong> })}</Text>
      ) : (
        <Text className={styles.muted}>{t.outlook.noOneOnThis}</Text>
      )}
      {ctx.unknownEmails.length > 0 && known.length > 0 && (
        <Text size={200} className={styles.muted}>
          {t.outlook.notContacts(ctx.unknownEmails.join(', '))}
        </Text>
      )}
      {ctx.matters.length === 0 && known.length > 0 && <Text className={styles.muted}>{t.outlook.theyAreNotOn}</Text>}
      <MatterChoice matters={candidates} matterId={choice.matterId} onChoose={choice.choose} />
      {choice.matter && (
        <MatterConversationsForEmail entry={ctx.matters.find((m) => m.matter.id === choice.matterId)!} context={ctx} />
      )}
      {shareable > 0 && (
        <div className={styles.actions}>
          <Button onClick={() => navigateTo({ name: 'outlook-share-attachments' })}>
            {t.outlook.shareAttachments(shareable)}
          </Button>
        </div>
      )}
    </>
  );
}

function MatterConversationsForEmail({
  entry,
  context,
}: {
  entry: EmailContext['matters'][number];
  context: EmailContext;
}) {
  const styles = useStyles();
  const api = useApi();
  const store = useMessagingStore();
  const { unread } = useMessagingSnapshot();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { matter, conversations } = entry;
  const contacts = context.contacts.filter((c) => entry.contactIds.includes(c.id) && reachable(c));
  const names = listNames(contacts.map((c) => c.name));
  const sorted = [...conversations].sort(
    (a, b) =>
      Number(b.kind === 'external_matter') - Number(a.kind === 'external_matter') ||
      (b.lastMessageAt ?? b.createdAt).localeCompare(a.lastMessageAt ?? a.createdAt),
  );
  const unreadOf = (c: Conversation) => (unread.loaded ? (unread.byConversation[c.id]?.unread ?? 0) : c.unreadCount);

  async function start() {
    setBusy(true);
    setError(null);
    try {
      const created = await api.createConversation({
        kind: 'external_matter',
        matterId: matter.id,
        contactIds: contacts.map((c) => c.id),
        requireMfa: true,
      });
      store.upsertConversation(created);
      navigateTo({ name: 'conversation', conversationId: created.id, seq: null });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <>
      <Link href={routeHref({ name: 'matter', matterId: matter.id })}>{t.outlook.openMatter(matter.number)}</Link>
      {sorted.length > 0 ? (
        <ul role="list" aria-label={t.outlook.conversationsOf(matter.number)} className={styles.list}>
          {sorted.map((c) => (
            <ConversationRow key={c.id} conversation={c} unread={unreadOf(c)} me={store.me} showParticipants />
          ))}
        </ul>
      ) : (
        <Text className={styles.muted}>{t.outlook.noConversationsOnThis}</Text>
      )}
      {matter.status === 'open' && contacts.length > 0 && (
        <div className={styles.actions}>
          <Button appearance="primary" disabledFocusable={busy} onClick={() => void start()}>
            {busy ? t.outlook.starting : t.outlook.startAConversationWith(names)}
          </Button>
        </div>
      )}
      {error != null && <ErrorNotice error={error} />}
    </>
  );
}
