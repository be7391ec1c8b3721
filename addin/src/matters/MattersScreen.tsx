import { useEffect, useRef } from 'react';
import {
  Button,
  SearchBox,
  Select,
  Spinner,
  Subtitle1,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { ErrorNotice } from '@confer/ui/errors';
import { MatterRow } from './MatterRow';
import type { StatusFilter, useMattersList } from './use-matters-list';
import { t } from '../messages';

export type MattersScreenProps = {
  search: string;
  onSearchChange: (value: string) => void;
  statusFilter: StatusFilter;
  onStatusFilterChange: (value: StatusFilter) => void;
  /** The debounced, trimmed search the list was loaded for. */
  query: string;
  list: ReturnType<typeof useMattersList>;
  returnFocusTo: string | null;
  /** Unread messages per matter id, over all its conversations. */
  unreadByMatter: Record<string, number>;
};

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  search: { flexGrow: 1, minWidth: 0, maxWidth: 'none' },
  status: { flexShrink: 0, width: '128px' },
  summary: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minHeight: '20px',
    color: tokens.colorNeutralForeground3,
  },
  list: {
    margin: 0,
    padding: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
  },
  stale: { opacity: 0.6 },
  empty: {
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalM}`,
    textAlign: 'center',
    color: tokens.colorNeutralForeground3,
  },
});

function summarize(count: number, hasMore: boolean, query: string): string {
  const shown = t.matters.matterCount(count, hasMore);
  return query ? t.matters.matching(shown, query) : shown;
}

export function MattersScreen(props: MattersScreenProps) {
  const { search, onSearchChange, statusFilter, onStatusFilterChange, query, list, returnFocusTo, unreadByMatter } =
    props;
  const styles = useStyles();
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!returnFocusTo) return;
    const link = listRef.current?.querySelector<HTMLElement>(`[data-matter-id="${CSS.escape(returnFocusTo)}"]`);
    link?.focus();
  }, [returnFocusTo]);

  const loading = list.status === 'loading';
  const showEmpty = list.status === 'ready' && list.items.length === 0 && !list.error;

  return (
    <section className={styles.root} aria-labelledby="matters-heading">
      <Subtitle1 as="h2" id="matters-heading" className={styles.heading}>
        {t.matters.matters}
      </Subtitle1>
      <div className={styles.toolbar} role="search">
        <SearchBox
          className={styles.search}
          aria-label={t.matters.searchMatters}
          placeholder={t.matters.numberOrTitle}
          value={search}
          onChange={(_, data) => onSearchChange(data.value)}
        />
        <Select
          className={styles.status}
          aria-label={t.matters.status}
          value={statusFilter}
          onChange={(_, data) => onStatusFilterChange(data.value as StatusFilter)}
        >
          <option value="all">{t.matters.allStatuses}</option>
          <option value="open">{t.matters.open}</option>
          <option value="closed">{t.matters.closed}</option>
        </Select>
      </div>

      <div className={styles.summary} role="status">
        {loading ? (
          <Spinner size="extra-tiny" label={t.matters.loadingMatters} />
        ) : list.status !== 'error' ? (
          <Text size={200}>{summarize(list.items.length, Boolean(list.nextCursor), query)}</Text>
        ) : null}
      </div>

      {list.status === 'error' ? (
        <ErrorNotice error={list.error} onRetry={list.retry} />
      ) : showEmpty ? (
        <Text className={styles.empty}>{query ? t.matters.noMattersMatch(query) : t.matters.noMattersToShow}</Text>
      ) : (
        list.items.length > 0 && (
          <ul
            ref={listRef}
            role="list"
            aria-label={t.matters.matters}
            aria-busy={loading}
            className={mergeClasses(styles.list, loading && styles.stale)}
          >
            {list.items.map((matter) => (
              <MatterRow key={matter.id} matter={matter} unread={unreadByMatter[matter.id] ?? 0} />
            ))}
          </ul>
        )
      )}

      {list.status !== 'error' && list.error != null && <ErrorNotice error={list.error} onRetry={list.loadMore} />}

      {list.nextCursor && list.status !== 'error' && (
        <Button onClick={list.loadMore} disabledFocusable={list.status !== 'ready'}>
          {list.status === 'loading-more' ? t.matters.loading : t.matters.loadMoreMatters}
        </Button>
      )}
    </section>
  );
}
