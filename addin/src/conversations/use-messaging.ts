import { createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import type { LiveEvent } from '@confer/ui';
import type { MessagingSnapshot, MessagingStore } from './create-messaging-store';

export const MessagingContext = createContext<MessagingStore | null>(null);

export function useMessagingStore(): MessagingStore {
  const store = useContext(MessagingContext);
  if (!store) throw new Error('useMessagingStore must be used inside <MessagingProvider>');
  return store;
}

/** The current messaging state; re-renders when it changes. */
export function useMessagingSnapshot(): MessagingSnapshot {
  const store = useMessagingStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** Calls `handler` for every live event, always with the latest render's handler. */
export function useLiveEvents(handler: (event: LiveEvent) => void): void {
  const store = useMessagingStore();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => store.events.subscribe((event) => latest.current(event)), [store]);
}

/** Unread messages per matter, summed over its conversations. */
export function sumUnreadByMatter(snapshot: MessagingSnapshot): Record<string, number> {
  const byMatter: Record<string, number> = {};
  for (const entry of Object.values(snapshot.unread.byConversation)) {
    if (!entry.matterId || entry.unread <= 0) continue;
    byMatter[entry.matterId] = (byMatter[entry.matterId] ?? 0) + entry.unread;
  }
  return byMatter;
}
