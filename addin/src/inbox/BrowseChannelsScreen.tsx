import { useEffect, useRef, useState } from 'react';
import {
  Badge,
  Button,
  Link,
  SearchBox,
  Spinner,
  Text,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import type { Conversation } from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import { formatActivityTime } from '@confer/ui/format-time';
import { ChevronLeftRegular, NumberSymbolRegular } from '@fluentui/react-icons';
import { useApi } from '../common/use-api';
import { useDebouncedValue, useLoader } from '@confer/ui';
import { routeHref } from '../shell/use-hash-route';
import { useMessagingStore } from '../conversations/use-messaging';
import { t } from '../messages';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  back: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS, alignSelf: 'flex-start' },
  heading: { ...typographyStyles.subtitle1, margin: 0, ':focus': { outlineStyle: 'none' } },
  search: { maxWidth: 'none' },
  list: {
    margin: 0,
    padding: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
  },
  item: {
    listStyleType: 'none',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    ':not(:last-child)': { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  },
  icon: { color: tokens.colorNeutralForeground3, display: 'flex' },
  info: { flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column' },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  meta: { color: tokens.colorNeutralForeground3 },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Every channel of the firm, most recently active first, with join / leave. */
export function BrowseChannelsScreen() {
  const styles = useStyles();
  const api = useApi();
  const store = useMessagingStore();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const { state, reload, setData } = useLoader(
    (signal) => api.listChannels({ q: q || undefined, limit: 50 }, { signal }).then((r) => r.items),
    [api, q],
  );
  const [busyId, setBusyId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), []);

  async function toggle(channel: Conversation) {
    setBusyId(channel.id);
    setActionError(null);
    try {
      const result = channel.joined ? await api.leaveConversation(channel.id) : await api.joinConversation(channel.id);
      if (state.status === 'ready') setData(state.data.map((c) => (c.id === result.id ? result : c)));
      store.upsertConversation(result);
      setNotice(result.joined ? t.inbox.youJoined(result.title) : t.inbox.youLeft(result.title));
    } catch (error) {
      setActionError(error);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section className={styles.root} aria-labelledby="browse-heading">
      <Link href={routeHref({ name: 'home' })} className={styles.back}>
        <ChevronLeftRegular />
        {t.inbox.backToHome}
      </Link>
      <h2 id="browse-heading" ref={headingRef} tabIndex={-1} className={styles.heading}>
        {t.inbox.browseChannels}
      </h2>
      <div role="search">
        <SearchBox
          className={styles.search}
          aria-label={t.inbox.searchChannels}
          placeholder={t.inbox.channelName}
          value={search}
          onChange={(_, d) => setSearch(d.value)}
        />
      </div>
      <div role="status">{notice && <Text size={200}>{notice}</Text>}</div>
      {actionError != null && <ErrorNotice error={actionError} />}
      {state.status === 'loading' && <Spinner size="tiny" label={t.inbox.loadingChannels} />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ready' &&
        (state.data.length === 0 ? (
          <Text className={styles.muted}>{q ? t.inbox.noChannelsMatch(q) : t.inbox.thereAreNoChannels}</Text>
        ) : (
          <ul role="list" aria-label={t.inbox.allChannels} className={styles.list}>
            {state.data.map((channel) => {
              const members = channel.participants.filter((p) => !p.leftAt).length;
              return (
                <li key={channel.id} className={styles.item}>
                  <span className={styles.icon}>
                    <NumberSymbolRegular />
                  </span>
                  <div className={styles.info}>
                    {channel.joined ? (
                      <Link
                        className={styles.name}
                        href={routeHref({ name: 'conversation', conversationId: channel.id, seq: null })}
                      >
                        {channel.title}
                      </Link>
                    ) : (
                      <Text weight="semibold" className={styles.name}>
                        {channel.title}
                      </Text>
                    )}
                    <Text size={200} className={styles.meta}>
                      {members === 1 ? t.inbox.n1Member : t.inbox.members(members)}
                      {channel.lastMessageAt ? t.inbox.active(formatActivityTime(channel.lastMessageAt)) : ''}
                    </Text>
                  </div>
                  {channel.joined && (
                    <Badge size="small" appearance="tint" color="success">
                      {t.inbox.joined}
                    </Badge>
                  )}
                  <Button
                    size="small"
                    appearance={channel.joined ? 'secondary' : 'primary'}
                    disabledFocusable={busyId === channel.id}
                    aria-label={
                      channel.joined ? t.inbox.leaveChannel(channel.title) : t.inbox.joinChannel(channel.title)
                    }
                    onClick={() => void toggle(channel)}
                  >
                    {channel.joined ? t.inbox.leave : t.inbox.join}
                  </Button>
                </li>
              );
            })}
          </ul>
        ))}
    </section>
  );
}
