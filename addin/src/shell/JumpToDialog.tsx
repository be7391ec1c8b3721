import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import {
  Dialog,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Input,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Matter } from '@confer/ui';
import { useApi } from '../common/use-api';
import { useDebouncedValue } from '@confer/ui';
import { createInboxApi, type InboxRow } from '../inbox/inbox-api';
import { useArrowKeyList } from '../inbox/use-arrow-key-list';
import { navigateTo, routeHref, type Route } from './use-hash-route';
import { t } from '../messages';

type Result = { key: string; label: string; detail: string; route: Route };

const useStyles = makeStyles({
  surface: { maxWidth: '520px', alignSelf: 'flex-start', marginTop: '10vh' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, padding: 0, listStyleType: 'none', maxHeight: '50vh', overflowY: 'auto' },
  link: {
    display: 'flex',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecorationLine: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  detail: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, whiteSpace: 'nowrap' },
  empty: { color: tokens.colorNeutralForeground3 },
});

const matches = (text: string, q: string) => text.toLocaleLowerCase().includes(q.toLocaleLowerCase());

function conversationResult(row: InboxRow): Result {
  const detail =
    row.kind === 'channel'
      ? t.shell.channel
      : row.kind === 'direct'
        ? t.shell.directMessage
        : t.shell.matterDetail(row.matter?.title ?? t.shell.matter, row.kind === 'internal_matter');
  return {
    key: `c:${row.conversationId}`,
    label: row.title,
    detail,
    route: { name: 'conversation', conversationId: row.conversationId, seq: null },
  };
}

const matterResult = (m: Matter): Result => ({
  key: `m:${m.id}`,
  label: `${m.number} ${m.title}`,
  detail: t.shell.matter,
  route: { name: 'matter', matterId: m.id },
});

/** Ctrl/Cmd+K: type part of a conversation's or matter's name, then Enter (or pick with arrows). */
export function JumpToDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const styles = useStyles();
  const api = useApi();
  const inboxApi = useMemo(() => createInboxApi(api.request), [api]);
  const [text, setText] = useState('');
  // Conversations are filtered as you type (they are already here), matters after a pause (a
  // request each): the conversation results never change under a caret already moved onto them.
  const typed = text.trim();
  const q = useDebouncedValue(typed, 150);
  const [rows, setRows] = useState<InboxRow[]>([]);
  const [matters, setMatters] = useState<Matter[]>([]);
  const onListKeyDown = useArrowKeyList('a');

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    inboxApi.listInbox({ filter: 'all', limit: 100 }, { signal: controller.signal }).then(
      (page) => setRows(page.items),
      () => undefined,
    );
    return () => controller.abort();
  }, [open, inboxApi]);

  useEffect(() => {
    if (!open || !q) {
      setMatters([]);
      return;
    }
    const controller = new AbortController();
    api.listMatters({ q, limit: 5 }, { signal: controller.signal }).then(
      (page) => setMatters(page.items),
      () => undefined,
    );
    return () => controller.abort();
  }, [open, q, api]);

  const results = useMemo(() => {
    const conversations = rows
      .filter(
        (r) =>
          !typed || matches(r.title, typed) || (r.matter && matches(`${r.matter.number} ${r.matter.title}`, typed)),
      )
      .slice(0, 8)
      .map(conversationResult);
    return typed ? [...conversations, ...matters.map(matterResult)] : conversations;
  }, [rows, matters, typed]);

  const go = (result: Result) => {
    onClose();
    navigateTo(result.route);
  };

  const onInputKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && results[0]) {
      event.preventDefault();
      go(results[0]);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      document.querySelector<HTMLElement>('#jump-results a')?.focus();
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface className={styles.surface} aria-label={t.shell.jumpToAConversation}>
        <DialogBody>
          <DialogTitle>{t.shell.jumpTo}</DialogTitle>
          <DialogContent className={styles.content}>
            <Input
              autoFocus
              value={text}
              onChange={(_, data) => setText(data.value)}
              onKeyDown={onInputKeyDown}
              placeholder={t.shell.conversationChannelPersonOr}
              aria-label={t.shell.conversationOrMatterName}
              aria-controls="jump-results"
            />
            {results.length === 0 ? (
              <Text className={styles.empty}>{typed ? t.shell.nothingMatches : t.shell.noConversationsYet}</Text>
            ) : (
              <ul id="jump-results" className={styles.list} aria-label={t.shell.matches} onKeyDown={onListKeyDown}>
                {results.map((r) => (
                  <li key={r.key}>
                    <a
                      className={styles.link}
                      href={routeHref(r.route)}
                      onClick={(event) => {
                        event.preventDefault();
                        go(r);
                      }}
                    >
                      <span>{r.label}</span>
                      <span className={styles.detail}>{r.detail}</span>
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </DialogContent>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
