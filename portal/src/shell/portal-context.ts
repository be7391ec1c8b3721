import { createContext, useContext, useEffect, useRef } from 'react';
import type { PortalConversation, PortalItems, PortalLiveEvent, PortalSession } from '@confer/ui';
import type { Loader } from '@confer/ui';
import type { LiveHub } from '../live/live-hub';

export type PortalContextValue = {
  session: PortalSession;
  live: LiveHub;
  /** The contact's conversations, kept fresh from the event stream (badges, list, headers). */
  conversations: Loader<PortalItems<PortalConversation>>;
};

export const PortalContext = createContext<PortalContextValue | null>(null);

export function usePortal(): PortalContextValue {
  const value = useContext(PortalContext);
  if (!value) throw new Error('usePortal must be used inside the signed-in portal');
  return value;
}

/** Calls `listener` for every live event while mounted (always the latest listener). */
export function useLiveEvent(listener: (event: PortalLiveEvent) => void) {
  const { live } = usePortal();
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => live.subscribe((event) => ref.current(event)), [live]);
}
