import { useCallback, useState } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { Matter, Me } from '@confer/ui';
import { AppHeader } from './AppHeader';
import { MatterDetailScreen } from './MatterDetailScreen';
import { MattersScreen } from './MattersScreen';
import { StaffScreen } from './StaffScreen';
import { useApi } from './use-api';
import { useDebouncedValue } from './use-debounced-value';
import { useHashRoute } from './use-hash-route';
import { useMattersList, type StatusFilter } from './use-matters-list';

type AppShellProps = {
  me: Me;
  onSignOut: () => void;
};

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  main: {
    flexGrow: 1,
    width: '100%',
    maxWidth: '880px',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    boxSizing: 'border-box',
  },
});

export function AppShell({ me, onSignOut }: AppShellProps) {
  const styles = useStyles();
  const api = useApi();
  const route = useHashRoute();
  const isAdmin = me.staff.role === 'admin';

  // The list state lives here so search, filter and loaded pages survive a visit to a matter.
  const [search, setSearch] = useState('');
  const [statusFilter, setStatusFilter] = useState<StatusFilter>('all');
  const query = useDebouncedValue(search.trim(), 300);
  const matters = useMattersList(api, query, statusFilter);

  // When coming back from a matter, the list returns focus to that matter's row.
  const routeKey = route.name === 'matter' ? `matter:${route.matterId}` : route.name;
  const [lastRouteKey, setLastRouteKey] = useState(routeKey);
  const [returnFocusTo, setReturnFocusTo] = useState<string | null>(null);
  if (routeKey !== lastRouteKey) {
    setLastRouteKey(routeKey);
    setReturnFocusTo(route.name === 'matters' && lastRouteKey.startsWith('matter:') ? lastRouteKey.slice(7) : null);
  }

  const { replaceMatter } = matters;
  const onMatterChanged = useCallback((matter: Matter) => replaceMatter(matter), [replaceMatter]);

  let screen;
  if (route.name === 'matter') {
    screen = <MatterDetailScreen key={route.matterId} matterId={route.matterId} onMatterChanged={onMatterChanged} />;
  } else if (route.name === 'staff' && isAdmin) {
    screen = <StaffScreen currentStaffId={me.staff.id} />;
  } else {
    screen = (
      <MattersScreen
        search={search}
        onSearchChange={setSearch}
        statusFilter={statusFilter}
        onStatusFilterChange={setStatusFilter}
        query={query}
        list={matters}
        returnFocusTo={returnFocusTo}
      />
    );
  }

  return (
    <div className={styles.root}>
      <AppHeader me={me} section={route.name === 'staff' && isAdmin ? 'staff' : 'matters'} onSignOut={onSignOut} />
      <main className={styles.main}>{screen}</main>
    </div>
  );
}
