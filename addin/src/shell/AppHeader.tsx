import { useState, type FormEvent } from 'react';
import { Avatar, Button, SearchBox, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Me } from '@confer/ui';
import { AdminNavLinks } from '../admin/AdminNavLinks';
import { NARROW } from './narrow-layout';
import { UnreadBadge } from '../common/UnreadBadge';
import { navigateTo, routeHref, type Route } from './use-hash-route';
import { useMessagingSnapshot, useMessagingStore } from '../conversations/use-messaging';
import { t } from '../messages';

type AppHeaderProps = {
  me: Me;
  route: Route;
  onSignOut: () => void;
};

const useStyles = makeStyles({
  header: {
    flexShrink: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  // Two rows. Wide: firm, status, avatar, sign out / sections, search. Narrow (the task pane):
  // search, status, avatar, sign out / sections; the firm's name moves to the avatar's tooltip.
  grid: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr) auto auto auto',
    gridTemplateAreas: '"firm firm status avatar signout" "nav search search search search"',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    maxWidth: '880px',
    margin: '0 auto',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0 ${tokens.spacingHorizontalXS}`,
    [NARROW]: {
      gridTemplateAreas: '"search search status avatar signout" "nav nav nav nav nav"',
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS} 0 ${tokens.spacingHorizontalXS}`,
    },
  },
  firm: {
    gridArea: 'firm',
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    paddingLeft: tokens.spacingHorizontalS,
    // Narrow: out of sight but still the page's level-1 heading for screen readers.
    [NARROW]: {
      position: 'absolute',
      width: '1px',
      height: '1px',
      overflow: 'hidden',
      clip: 'rect(0 0 0 0)',
      whiteSpace: 'nowrap',
      padding: 0,
    },
  },
  firmName: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  product: { color: tokens.colorNeutralForeground3 },
  connection: {
    gridArea: 'status',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'nowrap',
  },
  avatar: { gridArea: 'avatar' },
  signOut: { gridArea: 'signout' },
  nav: {
    gridArea: 'nav',
    display: 'flex',
    gap: tokens.spacingHorizontalXXS,
    minWidth: 0,
    overflowX: 'auto',
    whiteSpace: 'nowrap',
  },
  navLink: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    color: tokens.colorNeutralForeground2,
    textDecorationLine: 'none',
    fontSize: tokens.fontSizeBase300,
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    ':hover': { color: tokens.colorNeutralForeground1, borderBottomColor: tokens.colorNeutralStroke1 },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      borderRadius: tokens.borderRadiusMedium,
    },
    [NARROW]: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}` },
  },
  current: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottomColor: tokens.colorCompoundBrandStroke,
    ':hover': { borderBottomColor: tokens.colorCompoundBrandStroke },
  },
  search: {
    gridArea: 'search',
    minWidth: 0,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    [NARROW]: { paddingLeft: tokens.spacingHorizontalS },
  },
  searchBox: { width: '100%', maxWidth: 'none' },
});

export function AppHeader({ me, route, onSignOut }: AppHeaderProps) {
  const styles = useStyles();
  const store = useMessagingStore();
  const { unread, connection, connectionStatus } = useMessagingSnapshot();
  const isAdmin = me.staff.role === 'admin';
  const section = route.name === 'staff' ? 'staff' : route.name === 'home' ? 'home' : null;

  // The search box shows the query of the results on screen, and is free text elsewhere.
  const routeQuery = route.name === 'search' ? route.q : '';
  const [search, setSearch] = useState(routeQuery);
  const [shownQuery, setShownQuery] = useState(routeQuery);
  if (routeQuery !== shownQuery) {
    setShownQuery(routeQuery);
    setSearch(routeQuery);
  }

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    const q = search.trim();
    if (q) navigateTo({ name: 'search', q });
  }

  return (
    <header className={styles.header}>
      <div className={styles.grid}>
        <div className={styles.firm}>
          {/* The page's one level-1 heading: the firm's Confer (screens and panes start at level 2). */}
          <Text as="h1" weight="semibold" className={styles.firmName} title={me.firm.name}>
            {me.firm.name}
          </Text>
          <Text size={100} className={styles.product}>
            {t.shell.confer}
          </Text>
        </div>
        <div role="status" className={styles.connection}>
          {connection === 'reconnecting' && <span>{t.shell.reconnecting}</span>}
          {connection === 'closed' && connectionStatus !== 401 && (
            <>
              <span>{t.shell.liveUpdatesOff}</span>
              <Button size="small" appearance="transparent" onClick={() => store.reconnect()}>
                {t.shell.retry}
              </Button>
            </>
          )}
        </div>
        <Avatar
          className={styles.avatar}
          initials={me.staff.initials}
          name={me.staff.name}
          color="colorful"
          size={28}
          aria-label={t.shell.signedInAs(me.staff.name)}
          title={t.shell.signedInAsLabel(me.staff.name, me.firm.name)}
        />
        <Button className={styles.signOut} appearance="subtle" size="small" onClick={onSignOut}>
          {t.shell.signOut}
        </Button>
        <nav className={styles.nav} aria-label={t.shell.sections}>
          <a
            href={routeHref({ name: 'home' })}
            className={mergeClasses(styles.navLink, section === 'home' && styles.current)}
            aria-current={section === 'home' ? 'page' : undefined}
          >
            {t.shell.home}
            <UnreadBadge count={unread.total} />
          </a>
          {isAdmin && (
            <a
              href={routeHref({ name: 'staff' })}
              className={mergeClasses(styles.navLink, section === 'staff' && styles.current)}
              aria-current={section === 'staff' ? 'page' : undefined}
            >
              {t.shell.staff}
            </a>
          )}
          {isAdmin && <AdminNavLinks route={route} linkClassName={styles.navLink} currentClassName={styles.current} />}
        </nav>
        <form role="search" aria-label={t.shell.messages} className={styles.search} onSubmit={submitSearch}>
          <SearchBox
            size="small"
            className={styles.searchBox}
            aria-label={t.shell.searchMessages}
            placeholder={t.shell.searchMessages}
            value={search}
            onChange={(_, data) => setSearch(data.value)}
          />
        </form>
      </div>
    </header>
  );
}
