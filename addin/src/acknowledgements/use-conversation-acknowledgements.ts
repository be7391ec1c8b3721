import { useCallback, useEffect, useState } from 'react';
import type { Acknowledgement } from '@confer/ui';
import { useAcknowledgementLiveEvents } from './acknowledgement-live-events';
import { useAcknowledgementsApi } from './use-acknowledgements-api';

/**
 * A conversation's marked messages by id, read again whenever one is made or acknowledged.
 * Only conversations with clients (`enabled`) can have any: others ask nothing.
 */
export function useConversationAcknowledgements(
  conversationId: string,
  enabled: boolean,
): ReadonlyMap<string, Acknowledgement> {
  const api = useAcknowledgementsApi();
  const [items, setItems] = useState<ReadonlyMap<string, Acknowledgement>>(new Map());
  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const list = await api.listAcknowledgements(conversationId, { signal });
        setItems(new Map(list.items.map((a) => [a.messageId, a])));
      } catch (error) {
        if (!signal?.aborted) console.warn('Could not load acknowledgements', error);
      }
    },
    [api, conversationId],
  );
  useEffect(() => {
    setItems(new Map());
    if (!enabled) return;
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load, enabled]);
  useAcknowledgementLiveEvents((event) => {
    if (enabled && event.conversationId === conversationId) void load();
  });
  return items;
}
