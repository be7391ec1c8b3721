import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../common/use-api';
import { useLiveEvents } from '../conversations/use-messaging';
import { createInboxApi, type InboxFilter, type InboxRow } from './inbox-api';

const PAGE = 30;
const MAX_REFRESH = 100;
/**
 * Events after which the inbox asks again for its first rows (order, last line, counts). Not
 * `channel.activity`: it is about channels the reader may not be in, and the inbox lists only
 * conversations they take part in (whose messages reach them as `message.created`).
 */
const REFRESH_ON = new Set([
  'message.created',
  'message.edited',
  'unread.changed',
  'conversation.created',
  'conversation.updated',
  'resync',
]);

export type InboxState = {
  status: 'loading' | 'ready' | 'error';
  error: unknown;
  rows: InboxRow[];
  nextCursor: string | null;
  loadingMore: boolean;
};

/**
 * The Messages inbox for one filter: the first page, further pages on request, and a quiet
 * re-read of the loaded rows whenever a live event says something changed (new message,
 * read elsewhere, rename…), so rows move to the top and counts follow without a reload.
 */
export function useInbox(filter: InboxFilter) {
  const api = useApi();
  const inboxApi = useMemo(() => createInboxApi(api.request), [api]);
  const [state, setState] = useState<InboxState>({
    status: 'loading',
    error: null,
    rows: [],
    nextCursor: null,
    loadingMore: false,
  });
  const request = useRef(0);
  const loaded = useRef(PAGE);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(
    async (quiet: boolean, signal?: AbortSignal) => {
      const mine = ++request.current;
      if (!quiet) setState((s) => ({ ...s, status: 'loading', error: null }));
      try {
        const page = await inboxApi.listInbox({ filter, limit: Math.min(MAX_REFRESH, loaded.current) }, { signal });
        if (mine !== request.current) return;
        setState({ status: 'ready', error: null, rows: page.items, nextCursor: page.nextCursor, loadingMore: false });
      } catch (error) {
        if (signal?.aborted || mine !== request.current) return;
        if (quiet) console.warn('Could not refresh the inbox', error);
        else setState((s) => ({ ...s, status: 'error', error, loadingMore: false }));
      }
    },
    [inboxApi, filter],
  );

  useEffect(() => {
    loaded.current = PAGE;
    const controller = new AbortController();
    void load(false, controller.signal);
    return () => controller.abort();
  }, [load]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  useLiveEvents((event) => {
    if (!REFRESH_ON.has(event.type)) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void load(true);
    }, 150);
  });

  const loadMore = useCallback(async () => {
    const cursor = state.nextCursor;
    if (!cursor || state.loadingMore) return;
    const mine = ++request.current;
    setState((s) => ({ ...s, loadingMore: true }));
    try {
      const page = await inboxApi.listInbox({ filter, before: cursor, limit: PAGE });
      if (mine !== request.current) return;
      setState((s) => {
        const seen = new Set(s.rows.map((r) => r.conversationId));
        const rows = [...s.rows, ...page.items.filter((r) => !seen.has(r.conversationId))];
        loaded.current = rows.length;
        return { ...s, rows, nextCursor: page.nextCursor, loadingMore: false };
      });
    } catch (error) {
      if (mine === request.current) setState((s) => ({ ...s, loadingMore: false, error }));
    }
  }, [inboxApi, filter, state.nextCursor, state.loadingMore]);

  return { ...state, retry: () => void load(false), loadMore };
}
