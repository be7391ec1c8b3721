import { useCallback, useState } from 'react';
import type { ApiClient, LiveMessage, Message } from '@confer/ui';

export type PinnedState = { status: 'idle' | 'loading' | 'ready' | 'error'; items: Message[]; error: unknown };

function byPinnedAtDesc(a: Message, b: Message) {
  return (b.pinnedAt ?? '').localeCompare(a.pinnedAt ?? '');
}

/** Pinned messages of a conversation, loaded on first view and kept current by live events. */
export function usePinnedMessages(api: ApiClient, conversationId: string) {
  const [state, setState] = useState<PinnedState>({ status: 'idle', items: [], error: null });

  const load = useCallback(async () => {
    setState((prev) => ({ ...prev, status: 'loading', error: null }));
    try {
      const { items } = await api.listPinnedMessages(conversationId);
      setState({ status: 'ready', items: [...items].sort(byPinnedAtDesc), error: null });
    } catch (error) {
      setState((prev) => ({ ...prev, status: 'error', error }));
    }
  }, [api, conversationId]);

  /** Applies a pin, unpin or edit of any message of this conversation. */
  const apply = useCallback((message: LiveMessage | Message) => {
    setState((prev) => {
      if (prev.status !== 'ready') return prev;
      const others = prev.items.filter((m) => m.id !== message.id);
      if (!message.pinnedAt) return others.length === prev.items.length ? prev : { ...prev, items: others };
      const previous = prev.items.find((m) => m.id === message.id);
      const merged: Message = {
        ...previous,
        ...message,
        readBy: message.readBy !== undefined ? message.readBy : (previous?.readBy ?? []),
        readCount: message.readCount ?? previous?.readCount ?? 0,
      };
      return { ...prev, items: [...others, merged].sort(byPinnedAtDesc) };
    });
  }, []);

  return { state, load, apply };
}
