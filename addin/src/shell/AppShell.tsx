import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Spinner, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Matter, Me } from '@confer/ui';
import { AppHeader } from './AppHeader';
import { FileViewerHost } from '../files/FileViewerHost';
import { HomeScreen } from '../inbox/HomeScreen';
import { MatterDetailScreen } from '../matters/MatterDetailScreen';
import { MessagingProvider } from '../conversations/MessagingProvider';
import { useOffice } from '../office/use-office';
import { useApi } from '../common/use-api';
import { useDebouncedValue } from '@confer/ui';
import { routeKey, useHashRoute } from './use-hash-route';
import { useMattersList, type StatusFilter } from '../matters/use-matters-list';
import { sumUnreadByMatter, useMessagingSnapshot } from '../conversations/use-messaging';
import type { InboxFilter } from '../inbox/inbox-api';
import { useAppShortcuts } from './use-app-shortcuts';
import { useMediaQuery } from '@confer/ui/theme';
import { THREE_PANES, TWO_PANES } from './narrow-layout';
import { useDesktopNotifications } from './use-desktop-notifications';
import { t } from '../messages';

// Screens after Home load on demand, keeping the task pane's first download small; the
// conversation screen is fetched in the background once Home has rendered.
const importConversationScreen = () => import('../conversations/ConversationScreen');
const ConversationScreen = lazy(() => importConversationScreen().then((m) => ({ default: m.ConversationScreen })));
const SearchScreen = lazy(() => import('../search/SearchScreen').then((m) => ({ default: m.SearchScreen })));
const BrowseChannelsScreen = lazy(() =>
  import('../inbox/BrowseChannelsScreen').then((m) => ({ default: m.BrowseChannelsScreen })),
);
const StaffScreen = lazy(() => import('../admin/StaffScreen').then((m) => ({ default: m.StaffScreen })));
const FirmSettingsScreen = lazy(() =>
  import('../admin/FirmSettingsScreen').then((m) => ({ default: m.FirmSettingsScreen })),
);
const UnroutedTextsScreen = lazy(() =>
  import('../admin/UnroutedTextsScreen').then((m) => ({ default: m.UnroutedTextsScreen })),
);
const ConversationSidePane = lazy(() =>
  import('./ConversationSidePane').then((m) => ({ default: m.ConversationSidePane })),
);
const JumpToDialog = lazy(() => import('./JumpToDialog').then((m) => ({ default: m.JumpToDialog })));
// Outlook only (the task pane): loaded when Office is there, never in the browser app.
const EmailContextPanel = lazy(() =>
  import('../outlook/EmailContextPanel').then((m) => ({ default: m.EmailContextPanel })),
);
const ShareAttachmentsScreen = lazy(() =>
  import('../outlook/ShareAttachmentsScreen').then((m) => ({ default: m.ShareAttachmentsScreen })),
);
const ShareFilesScreen = lazy(() =>
  import('../outlook/ShareFilesScreen').then((m) => ({ default: m.ShareFilesScreen })),
);

function prefetchWhenIdle(load: () => Promise<unknown>): () => void {
  const run = () => void load().catch(() => undefined);
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(run, { timeout: 3000 });
    return () => window.cancelIdleCallback(handle);
  }
  const timer = setTimeout(run, 1500);
  return () => clearTimeout(timer);
}

type AppShellProps = {
  me: Me;
  /** The bearer token for the live connection (the same source as the API client's). */
  getToken: () => Promise<string | null>;
  onSignOut: () => void;
  onSessionExpired: () => void;
};

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    height: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  main: {
    flex: '1 1 auto',
    minHeight: 0,
    overflowY: 'auto',
  },
  page: {
    width: '100%',
    maxWidth: '880px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    boxSizing: 'border-box',
  },
  loading: { padding: tokens.spacingVerticalXL },
  // The conversation screen scrolls its own message list and keeps the composer in view.
  fill: {
    display: 'flex',
    flexDirection: 'column',
    overflowY: 'hidden',
  },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  // Two panes (wide windows): Home on the left, the open conversation on the right.
  panes: {
    display: 'grid',
    gridTemplateColumns: 'minmax(340px, 420px) minmax(0, 1fr)',
    gridTemplateRows: 'minmax(0, 1fr)',
    overflowY: 'hidden',
  },
  // Three panes (from 1280 px): the inbox, the conversation, and its matter, people and files.
  threePanes: { gridTemplateColumns: 'minmax(320px, 380px) minmax(0, 1fr) minmax(300px, 380px)' },
  sidePane: {
    minHeight: 0,
    minWidth: 0,
    overflowY: 'hidden',
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  listPane: {
    overflowY: 'auto',
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  detailPane: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    minWidth: 0,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  placeholder: {
    margin: 'auto',
    padding: tokens.spacingHorizontalXL,
    color: tokens.colorNeutralForeground3,
  },
});

export function AppShell({ me, getToken, onSignOut, onSessionExpired }: AppShellProps) {
  return (
    <MessagingProvider me={me} getToken={getToken} onSessionExpired={onSessionExpired}>
      <SignedInApp me={me} onSignOut={onSignOut} />
    </MessagingProvider>
  );
}

function SignedInApp({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const styles = useStyles();
  const api = useApi();
  const route = useHashRoute();
  const { host } = useOffice();
  const snapshot = useMessagingSnapshot();
  const unreadByMatter = useMemo(() => sumUnreadByMatter(snapshot), [snapshot]);
  const isAdmin = me.staff.role === 'admin';

  // The list state lives here so search, filter and loaded pages survive a visit to a matter.
  const [search, setSearch] = useState('');
  const [statusFilter, setStatusFilter] = useState<StatusFilter>('all');
  const query = useDebouncedValue(search.trim(), 300);
  const matters = useMattersList(api, query, statusFilter);

  // When coming back from a matter or conversation, Home returns focus to its row.
  const key = routeKey(route);
  const [lastKey, setLastKey] = useState(key);
  const [returnFocusTo, setReturnFocusTo] = useState<string | null>(null);
  if (key !== lastKey) {
    setLastKey(key);
    setReturnFocusTo(route.name === 'home' && lastKey.includes(':') ? lastKey : null);
  }

  useEffect(() => prefetchWhenIdle(importConversationScreen), []);

  const [inboxFilter, setInboxFilter] = useState<InboxFilter>('all');
  const [jumpOpen, setJumpOpen] = useState(false);
  const [jumpKey, setJumpKey] = useState(0);
  const openJump = useCallback(() => {
    setJumpKey((k) => k + 1);
    setJumpOpen(true);
  }, []);
  useAppShortcuts(route, openJump);
  const wide = useMediaQuery(TWO_PANES);
  const twoPanes = wide && !host && (route.name === 'home' || route.name === 'conversation');
  const threePanes = useMediaQuery(THREE_PANES) && twoPanes && route.name === 'conversation';
  useDesktopNotifications(me, route.name === 'conversation' ? route.conversationId : null);

  const { replaceMatter } = matters;
  const onMatterChanged = useCallback((matter: Matter) => replaceMatter(matter), [replaceMatter]);

  const home = (
    <HomeScreen
      mattersScreen={{
        search,
        onSearchChange: setSearch,
        statusFilter,
        onStatusFilterChange: setStatusFilter,
        query,
        list: matters,
        returnFocusTo: returnFocusTo?.startsWith('matter:') ? returnFocusTo.slice('matter:'.length) : null,
        unreadByMatter,
      }}
      returnFocusTo={returnFocusTo?.startsWith('conversation:') ? returnFocusTo.slice('conversation:'.length) : null}
      inboxFilter={inboxFilter}
      onInboxFilterChange={setInboxFilter}
      currentConversationId={route.name === 'conversation' ? route.conversationId : null}
    />
  );
  // In Outlook, Home starts with the open email's matters and conversations.
  const homeScreen = host ? (
    <div className={styles.stack}>
      <EmailContextPanel />
      {home}
    </div>
  ) : (
    home
  );

  let screen;
  const fill = route.name === 'conversation';
  if (route.name === 'matter') {
    screen = <MatterDetailScreen key={route.matterId} matterId={route.matterId} onMatterChanged={onMatterChanged} />;
  } else if (route.name === 'conversation') {
    screen = (
      <ConversationScreen
        key={`${route.conversationId}:${route.seq ?? ''}`}
        conversationId={route.conversationId}
        highlightSeq={route.seq}
      />
    );
  } else if (route.name === 'channels') {
    screen = <BrowseChannelsScreen />;
  } else if (route.name === 'search') {
    screen = <SearchScreen key={route.q} q={route.q} />;
  } else if (route.name === 'staff' && isAdmin) {
    screen = <StaffScreen currentStaffId={me.staff.id} />;
  } else if (route.name === 'settings' && isAdmin) {
    screen = <FirmSettingsScreen />;
  } else if (route.name === 'unrouted-texts' && isAdmin) {
    screen = <UnroutedTextsScreen />;
  } else if (route.name === 'outlook-share-attachments') {
    screen = <ShareAttachmentsScreen />;
  } else if (route.name === 'outlook-share-files') {
    screen = <ShareFilesScreen />;
  } else {
    screen = homeScreen;
  }
  return (
    <div className={styles.root}>
      <AppHeader me={me} route={route} onSignOut={onSignOut} />
      {twoPanes ? (
        <main className={mergeClasses(styles.main, styles.panes, threePanes && styles.threePanes)} id="main">
          <div className={styles.listPane}>
            <div className={styles.page}>{homeScreen}</div>
          </div>
          {route.name === 'conversation' ? (
            <section className={styles.detailPane} aria-label={t.shell.openConversation}>
              <FileViewerHost>
                <Suspense fallback={<Spinner className={styles.loading} label={t.shell.loading} />}>{screen}</Suspense>
              </FileViewerHost>
            </section>
          ) : (
            <div className={styles.detailPane}>
              <p className={styles.placeholder}>{t.shell.chooseAConversationTo}</p>
            </div>
          )}
          {threePanes && route.name === 'conversation' && (
            <aside className={styles.sidePane} aria-label={t.shell.conversationDetails}>
              <FileViewerHost>
                <Suspense fallback={<Spinner className={styles.loading} size="tiny" label={t.shell.openingDetails} />}>
                  <ConversationSidePane key={route.conversationId} conversationId={route.conversationId} />
                </Suspense>
              </FileViewerHost>
            </aside>
          )}
        </main>
      ) : (
        <main className={mergeClasses(styles.main, fill && styles.fill)} id="main">
          <FileViewerHost>
            <Suspense fallback={<Spinner className={styles.loading} label={t.shell.loading} />}>
              {fill ? screen : <div className={styles.page}>{screen}</div>}
            </Suspense>
          </FileViewerHost>
        </main>
      )}
      <Suspense fallback={null}>
        {jumpKey > 0 && <JumpToDialog key={jumpKey} open={jumpOpen} onClose={() => setJumpOpen(false)} />}
      </Suspense>
    </div>
  );
}
