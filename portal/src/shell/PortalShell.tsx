import { useEffect, useMemo, useRef, useState } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { PortalSession } from '@confer/ui';
import { useLoader } from '@confer/ui';
import { createLiveHub } from '../live/live-hub';
import { useLiveStream } from '../live/use-live-stream';
import { useRoute } from '../routing/navigation';
import type { Route } from '../routing/route';
import { portalClient } from '../session/portal-client';
import { TodoScreen } from '../todo/TodoScreen';
import { ConversationsScreen } from '../conversations/ConversationsScreen';
import { ConversationScreen } from '../conversations/ConversationScreen';
import { FileViewScreen } from '../files/FileViewScreen';
import { DocumentsScreen } from '../docs/DocumentsScreen';
import { FormsScreen } from '../forms/FormsScreen';
import { FormScreen } from '../forms/FormScreen';
import { EventsScreen } from '../events/EventsScreen';
import { BillingScreen } from '../billing/BillingScreen';
import { PasskeyOffer } from '../security/PasskeyOffer';
import { SecurityScreen } from '../security/SecurityScreen';
import { NotificationChoicesScreen } from '../settings/NotificationChoicesScreen';
import { ErrorNotice } from '@confer/ui/errors';
import { PortalHeader } from './PortalHeader';
import { SectionNav } from './SectionNav';
import { PortalContext, type PortalContextValue } from './portal-context';
import { t } from '../messages';

const useStyles = makeStyles({
  root: {
    height: '100%',
    display: 'grid',
    gridTemplateRows: 'auto auto 1fr auto',
    gridTemplateColumns: '100%',
    gridTemplateAreas: '"header" "notice" "main" "nav"',
    backgroundColor: tokens.colorNeutralBackground1,
    '@media (min-width: 768px)': {
      gridTemplateColumns: '220px minmax(0, 1fr)',
      gridTemplateRows: 'auto auto 1fr',
      gridTemplateAreas: '"header header" "nav notice" "nav main"',
    },
  },
  skip: {
    position: 'absolute',
    left: tokens.spacingHorizontalS,
    top: '-100px',
    zIndex: 10,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForeground1,
    ':focus': { top: tokens.spacingVerticalS },
  },
  notice: { gridArea: 'notice', padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0` },
  main: {
    gridArea: 'main',
    minHeight: 0,
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    overflow: 'hidden',
    ':focus': { outline: 'none' },
  },
});

export type PortalShellProps = {
  session: PortalSession;
  onSignOut: () => Promise<void>;
  onSwitchFirm: (firmId: string) => Promise<void>;
  /** The contact's access ended, or (`sessions_ended`) staff signed them out everywhere. */
  onAccessEnded: (reason?: 'sessions_ended') => void;
  /** Signed in with the emailed code just now: offer to add a passkey (on a device that can hold one). */
  offerPasskey?: boolean;
};

function sectionOf(route: Route) {
  if (route.name === 'todo') return 'todo';
  if (route.name === 'documents' || route.name === 'forms' || route.name === 'form') return 'documents';
  if (route.name === 'events' || route.name === 'billing') return route.name;
  if (route.name === 'security') return null;
  if (route.name === 'notifications') return null;
  return 'conversations';
}

function titleOf(route: Route): string {
  switch (route.name) {
    case 'todo':
      return t.shell.toDo;
    case 'documents':
      return t.shell.documents;
    case 'file':
    case 'document':
      return t.shell.file;
    case 'forms':
      return t.shell.forms;
    case 'form':
      return t.shell.form;
    case 'events':
      return t.shell.events;
    case 'billing':
      return t.shell.billing;
    case 'security':
      return t.security.passkeys;
    case 'notifications':
      return t.shell.notifications;
    default:
      return t.shell.messages;
  }
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'todo':
      return <TodoScreen />;
    case 'conversations':
      return <ConversationsScreen />;
    case 'conversation':
      return <ConversationScreen key={route.conversationId} conversationId={route.conversationId} tab={route.tab} />;
    case 'file':
      return <FileViewScreen conversationId={route.conversationId} versionId={route.versionId} />;
    case 'document':
      return <FileViewScreen conversationId={route.conversationId} documentId={route.documentId} />;
    case 'documents':
      return <DocumentsScreen />;
    case 'forms':
      return <FormsScreen />;
    case 'form':
      return <FormScreen key={route.requestId} requestId={route.requestId} />;
    case 'events':
      return <EventsScreen />;
    case 'billing':
      return <BillingScreen />;
    case 'security':
      return <SecurityScreen />;
    case 'notifications':
      return <NotificationChoicesScreen />;
  }
}

/** The signed-in portal: header, sections, the current screen, and the live event stream. */
export function PortalShell({
  session,
  onSignOut,
  onSwitchFirm,
  onAccessEnded,
  offerPasskey = false,
}: PortalShellProps) {
  const styles = useStyles();
  const route = useRoute();
  const live = useMemo(() => createLiveHub(), []);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const conversations = useLoader((signal) => portalClient.listConversations({ signal }), [session.firm.id]);
  const { reload } = conversations;

  useLiveStream(live, onAccessEnded);
  useEffect(
    () =>
      live.subscribe((event) => {
        if (event.type !== 'files.changed' && event.type !== 'contact.disabled') reload();
      }),
    [live, reload],
  );

  const value = useMemo<PortalContextValue>(() => ({ session, live, conversations }), [session, live, conversations]);
  const unread = (conversations.data?.items ?? []).reduce((sum, c) => sum + c.unreadCount, 0);

  // Each screen gets a title, and focus moves to its heading after in-portal navigation.
  const mainRef = useRef<HTMLElement>(null);
  const routeKey = `${route.name}:${'conversationId' in route ? route.conversationId : ''}:${'versionId' in route ? route.versionId : ''}:${'documentId' in route ? route.documentId : ''}:${'requestId' in route ? route.requestId : ''}`;
  const firstRender = useRef(true);
  useEffect(() => {
    document.title = t.shell.documentTitle(titleOf(route), session.firm.name);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const heading = mainRef.current?.querySelector<HTMLElement>('h2');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  }, [routeKey, session.firm.name]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setActionError(null);
    try {
      await action();
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  };

  // Files dropped outside a conversation must not make the browser open them in place of the portal.
  useEffect(() => {
    const block = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    window.addEventListener('dragover', block);
    window.addEventListener('drop', block);
    return () => {
      window.removeEventListener('dragover', block);
      window.removeEventListener('drop', block);
    };
  }, []);

  return (
    <PortalContext.Provider value={value}>
      <div className={styles.root}>
        <a className={styles.skip} href="#main">
          {t.shell.skipToContent}
        </a>
        <PortalHeader
          session={session}
          busy={busy}
          onSignOut={() => void run(onSignOut)}
          onSwitchFirm={(firmId) => void run(() => onSwitchFirm(firmId))}
        />
        {actionError || offerPasskey ? (
          <div className={styles.notice}>
            {actionError ? <ErrorNotice error={actionError} /> : null}
            {offerPasskey ? <PasskeyOffer /> : null}
          </div>
        ) : null}
        <SectionNav current={sectionOf(route)} unread={unread} />
        <main id="main" ref={mainRef} tabIndex={-1} className={styles.main}>
          <Screen route={route} />
        </main>
      </div>
    </PortalContext.Provider>
  );
}
