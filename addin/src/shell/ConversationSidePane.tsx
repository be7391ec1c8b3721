import { useEffect, useState } from 'react';
import { Link, Spinner, Subtitle2, Tab, TabList, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Contact, Conversation, Matter } from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import { useApi } from '../common/use-api';
import { useLoader, type LoadState } from '@confer/ui';
import { useLiveEvents } from '../conversations/use-messaging';
import { participantRole } from '../conversations/participant-role';
import { ParticipantAvatar } from '../conversations/ParticipantAvatar';
import { ConversationFilesPanel } from '../files/ConversationFilesPanel';
import { ContactRow } from '../matters/ContactRow';
import { MatterDocuments } from '../matters/MatterDocuments';
import { MatterExtras } from '../extras/MatterExtras';
import { routeHref } from './use-hash-route';
import { t } from '../messages';

type SideTab = 'matter' | 'people' | 'files';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%' },
  tabs: { flexShrink: 0, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  body: {
    flex: '1 1 auto',
    minHeight: 0,
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalM,
  },
  files: { margin: `-${tokens.spacingHorizontalM}` },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  list: { margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  person: { listStyleType: 'none', display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
  loading: { padding: tokens.spacingVerticalL },
});

function People({ conversation }: { conversation: Conversation }) {
  const styles = useStyles();
  const current = conversation.participants.filter((p) => !p.leftAt);
  return (
    <section className={styles.section} aria-labelledby="side-people-heading">
      <Subtitle2 as="h3" id="side-people-heading" className={styles.heading}>
        {t.shell.people(current.length)}
      </Subtitle2>
      <ul className={styles.list}>
        {current.map((p) => (
          <li key={p.id} className={styles.person}>
            <ParticipantAvatar participant={p} />
            <Text>{p.name}</Text>
            <Text size={200} className={styles.muted}>
              {participantRole(p)}
            </Text>
          </li>
        ))}
      </ul>
    </section>
  );
}

function MatterDetails({ matterId }: { matterId: string }) {
  const styles = useStyles();
  const api = useApi();
  const { state, reload } = useLoader<{ matter: Matter; contacts: Contact[] }>(
    async (signal) => {
      const [matter, contacts] = await Promise.all([
        api.getMatter(matterId, { signal }),
        api.listMatterContacts(matterId, { signal }).then((r) => r.items),
      ]);
      return { matter, contacts };
    },
    [api, matterId],
  );
  if (state.status === 'loading') return <Spinner size="tiny" label={t.shell.loadingTheMatter} />;
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={reload} />;
  const { matter, contacts } = state.data;
  return (
    <>
      <section className={styles.section} aria-labelledby="side-matter-heading">
        <Subtitle2 as="h3" id="side-matter-heading" className={styles.heading}>
          {matter.number} · {matter.title}
        </Subtitle2>
        <Link href={routeHref({ name: 'matter', matterId: matter.id })}>{t.shell.openTheMatter}</Link>
      </section>
      <section className={styles.section} aria-labelledby="side-contacts-heading">
        <Subtitle2 as="h3" id="side-contacts-heading" className={styles.heading}>
          {t.shell.contacts}
        </Subtitle2>
        {contacts.length === 0 ? (
          <Text className={styles.muted}>{t.shell.noContactsOnThis}</Text>
        ) : (
          <ul className={styles.list} aria-label={t.shell.contacts}>
            {contacts.map((c) => (
              <ContactRow key={c.id} contact={c} />
            ))}
          </ul>
        )}
      </section>
      <MatterDocuments matter={matter} />
      <MatterExtras matter={matter} contacts={contacts} />
    </>
  );
}

/**
 * The third pane (wide windows): beside the open conversation, its matter (contacts, documents,
 * events, forms, invoices) for matter conversations, and for every conversation its people and
 * files. Kept current with the conversation's live updates.
 */
export function ConversationSidePane({ conversationId }: { conversationId: string }) {
  const styles = useStyles();
  const api = useApi();
  // Not aborted on re-render: the pane is keyed by conversation, and a late answer is still this one's.
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<LoadState<Conversation>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    api.getConversation(conversationId).then(
      (data) => live && setState({ status: 'ready', data }),
      (error: unknown) => live && setState({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [api, conversationId, attempt]);
  const reload = () => setAttempt((n) => n + 1);
  useLiveEvents((event) => {
    if (event.type === 'conversation.updated' && event.data.conversationId === conversationId) reload();
  });
  const matterId = state.status === 'ready' ? state.data.matterId : null;
  const [chosen, setChosen] = useState<SideTab | null>(null);
  const tab: SideTab = chosen === 'matter' && !matterId ? 'people' : (chosen ?? (matterId ? 'matter' : 'people'));

  if (state.status === 'loading')
    return <Spinner className={styles.loading} size="tiny" label={t.shell.loadingDetails} />;
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={reload} />;
  const conversation = state.data;

  return (
    <div className={styles.root}>
      <TabList
        className={styles.tabs}
        size="small"
        aria-label={t.shell.details}
        selectedValue={tab}
        onTabSelect={(_, d) => setChosen(d.value as SideTab)}
      >
        {matterId && (
          <Tab value="matter" id="side-tab-matter" aria-controls="side-panel">
            {t.shell.matter}
          </Tab>
        )}
        <Tab value="people" id="side-tab-people" aria-controls="side-panel">
          {t.shell.peopleLabel}
        </Tab>
        <Tab value="files" id="side-tab-files" aria-controls="side-panel">
          {t.shell.files}
        </Tab>
      </TabList>
      <div role="tabpanel" id="side-panel" aria-labelledby={`side-tab-${tab}`} className={styles.body}>
        {tab === 'matter' && matterId && <MatterDetails matterId={matterId} />}
        {tab === 'people' && <People conversation={conversation} />}
        {tab === 'files' && (
          <div className={styles.files}>
            <ConversationFilesPanel conversation={conversation} readOnly messages={[]} />
          </div>
        )}
      </div>
    </div>
  );
}
