import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient, Matter, MatterStatus } from '@confer/ui';

export type StatusFilter = MatterStatus | 'all';

export type MattersListState = {
  items: Matter[];
  nextCursor: string | null;
  status: 'loading' | 'ready' | 'loading-more' | 'error';
  error: unknown;
};

const PAGE_SIZE = 25;

/** Paged matters for a search + status filter, with "load more" and in-place updates. */
export function useMattersList(api: ApiClient, q: string, statusFilter: StatusFilter) {
  const [state, setState] = useState<MattersListState>({
    items: [],
    nextCursor: null,
    status: 'loading',
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  const moreController = useRef<AbortController | null>(null);
  const status = statusFilter === 'all' ? undefined : statusFilter;

  useEffect(() => {
    const controller = new AbortController();
    moreController.current?.abort();
    setState((prev) => ({ ...prev, status: 'loading', error: null }));
    api.listMatters({ q: q || undefined, status, limit: PAGE_SIZE }, { signal: controller.signal }).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState({ items: page.items, nextCursor: page.nextCursor, status: 'ready', error: null });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ items: [], nextCursor: null, status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [api, q, status, attempt]);

  const loadMore = useCallback(() => {
    const cursor = state.nextCursor;
    if (!cursor || state.status !== 'ready') return;
    const controller = new AbortController();
    moreController.current = controller;
    setState((prev) => ({ ...prev, status: 'loading-more', error: null }));
    api
      .listMatters({ q: q || undefined, status, before: cursor, limit: PAGE_SIZE }, { signal: controller.signal })
      .then(
        (page) => {
          if (controller.signal.aborted) return;
          setState((prev) => {
            const seen = new Set(prev.items.map((m) => m.id));
            const fresh = page.items.filter((m) => !seen.has(m.id));
            return { items: [...prev.items, ...fresh], nextCursor: page.nextCursor, status: 'ready', error: null };
          });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          // Keep what we have; surface the error next to the "Load more" button.
          setState((prev) => ({ ...prev, status: 'ready', error }));
        },
      );
  }, [api, q, status, state.nextCursor, state.status]);

  const replaceMatter = useCallback((matter: Matter) => {
    setState((prev) => ({ ...prev, items: prev.items.map((m) => (m.id === matter.id ? matter : m)) }));
  }, []);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return { ...state, loadMore, replaceMatter, retry };
}
