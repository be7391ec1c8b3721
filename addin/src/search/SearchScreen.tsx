import { useEffect, useRef, useState } from 'react';
import { Button, Spinner, Text, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import type { Page, SearchResult } from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import { formatActivityTime, formatFullDateTime } from '@confer/ui/format-time';
import { useApi } from '../common/use-api';
import { routeHref } from '../shell/use-hash-route';
import { useLoader } from '@confer/ui';
import { t } from '../messages';

const PAGE_SIZE = 20;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { ...typographyStyles.subtitle1, margin: 0, overflowWrap: 'anywhere', ':focus': { outlineStyle: 'none' } },
  list: {
    margin: 0,
    padding: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
  },
  item: {
    listStyleType: 'none',
    ':not(:last-child)': { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  },
  link: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground1,
    textDecorationLine: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
      borderRadius: tokens.borderRadiusMedium,
    },
  },
  top: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS, minWidth: 0 },
  title: {
    flexGrow: 1,
    minWidth: 0,
    fontWeight: tokens.fontWeightSemibold,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  quiet: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, whiteSpace: 'nowrap' },
  snippet: { fontSize: tokens.fontSizeBase300, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  mark: {
    backgroundColor: tokens.colorPaletteYellowBackground2,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderRadius: tokens.borderRadiusSmall,
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Message search results; each opens its conversation at the message. */
export function SearchScreen({ q }: { q: string }) {
  const styles = useStyles();
  const api = useApi();
  const { state, reload } = useLoader((signal) => api.searchMessages({ q, limit: PAGE_SIZE }, { signal }), [api, q]);
  const [more, setMore] = useState<{ items: SearchResult[]; nextCursor: string | null } | null>(null);
  const [moreStatus, setMoreStatus] = useState<'idle' | 'loading'>('idle');
  const [moreError, setMoreError] = useState<unknown>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), []);

  const first: Page<SearchResult> | null = state.status === 'ready' ? state.data : null;
  const items = [...(first?.items ?? []), ...(more?.items ?? [])];
  const nextCursor = more ? more.nextCursor : (first?.nextCursor ?? null);

  async function loadMore() {
    if (!nextCursor) return;
    setMoreStatus('loading');
    setMoreError(null);
    try {
      const page = await api.searchMessages({ q, before: nextCursor, limit: PAGE_SIZE });
      setMore((prev) => ({ items: [...(prev?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
    } catch (error) {
      setMoreError(error);
    } finally {
      setMoreStatus('idle');
    }
  }

  return (
    <section className={styles.root} aria-labelledby="search-heading">
      <h2 id="search-heading" ref={headingRef} tabIndex={-1} className={styles.heading}>
        {t.search.messagesMatching(q)}
      </h2>
      <div role="status">
        {state.status === 'loading' && <Spinner size="tiny" label={t.search.searching} />}
        {state.status === 'ready' && (
          <Text size={200} className={styles.muted}>
            {items.length === 0 ? t.search.noMessagesMatch(q) : t.search.resultCount(items.length, Boolean(nextCursor))}
          </Text>
        )}
      </div>
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {items.length > 0 && (
        <ol className={styles.list} aria-label={t.search.searchResults}>
          {items.map(({ message, conversation, snippet }) => (
            <li key={message.id} className={styles.item}>
              <a
                className={styles.link}
                href={routeHref({ name: 'conversation', conversationId: conversation.id, seq: message.seq })}
              >
                <span className={styles.top}>
                  <span className={styles.title}>{conversation.title}</span>
                  <time
                    className={styles.quiet}
                    dateTime={message.createdAt}
                    title={formatFullDateTime(message.createdAt)}
                  >
                    {formatActivityTime(message.createdAt)}
                  </time>
                </span>
                <span className={styles.quiet}>{message.author.name}</span>
                <span className={styles.snippet} dir="auto">
                  {snippet.map((segment, index) =>
                    segment.match ? (
                      <mark key={index} className={styles.mark}>
                        {segment.text}
                      </mark>
                    ) : (
                      <span key={index}>{segment.text}</span>
                    ),
                  )}
                </span>
              </a>
            </li>
          ))}
        </ol>
      )}
      {moreError != null && <ErrorNotice error={moreError} onRetry={() => void loadMore()} />}
      {nextCursor && state.status === 'ready' && (
        <Button onClick={() => void loadMore()} disabledFocusable={moreStatus === 'loading'}>
          {moreStatus === 'loading' ? t.search.loading : t.search.moreResults}
        </Button>
      )}
    </section>
  );
}
