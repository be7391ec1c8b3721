import { useCallback, useEffect, useRef, useState } from 'react';
import { fromLiveMessage, type PortalMessage } from '@confer/ui';
import { portalClient } from '../session/portal-client';
import { useLiveEvent, usePortal } from '../shell/portal-context';
import { mergeMessages } from './merge-messages';

export type ConversationMessages = {
  items: PortalMessage[];
  loaded: boolean;
  error: unknown;
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder: () => Promise<void>;
  /** Adds a message this screen sent (its live event may come before or after: no duplicate). */
  upsert: (message: PortalMessage) => void;
  retry: () => void;
};

/** The newest page of messages, older pages on demand, and live additions and edits. */
export function useConversationMessages(conversationId: string): ConversationMessages {
  const { session } = usePortal();
  const [items, setItems] = useState<PortalMessage[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [generation, setGeneration] = useState(0);
  const olderRef = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    portalClient.listMessages(conversationId, {}, { signal: controller.signal }).then(
      (page) => {
        if (controller.signal.aborted) return;
        // A refetch (resync) replaces what we had: edits or missed messages come in fresh.
        setItems((current) => (generation === 0 ? page.items : mergeMessages(current, page.items)));
        setCursor((current) => (generation === 0 || current === null ? page.nextCursor : current));
        setLoaded(true);
      },
      (err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      },
    );
    return () => controller.abort();
  }, [conversationId, generation]);

  const upsert = useCallback((message: PortalMessage) => {
    setItems((current) => mergeMessages(current, [message]));
  }, []);

  useLiveEvent((event) => {
    if (event.type === 'resync') setGeneration((n) => n + 1);
    if (
      (event.type === 'message.created' || event.type === 'message.edited' || event.type === 'message.pinned') &&
      event.conversationId === conversationId
    ) {
      upsert(fromLiveMessage(event.message, session.contact.id));
    }
  });

  const loadOlder = useCallback(async () => {
    if (!cursor || olderRef.current) return;
    olderRef.current = true;
    setLoadingOlder(true);
    try {
      const page = await portalClient.listMessages(conversationId, { before: cursor });
      setItems((current) => mergeMessages(current, page.items));
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    } finally {
      olderRef.current = false;
      setLoadingOlder(false);
    }
  }, [conversationId, cursor]);

  const retry = useCallback(() => setGeneration((n) => n + 1), []);

  return { items, loaded, error, hasOlder: cursor !== null, loadingOlder, loadOlder, upsert, retry };
}
