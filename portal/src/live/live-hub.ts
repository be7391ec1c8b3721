import type { PortalLiveEvent } from '@confer/ui';

export type LiveListener = (event: PortalLiveEvent) => void;

export type LiveHub = {
  subscribe: (listener: LiveListener) => () => void;
  emit: (event: PortalLiveEvent) => void;
};

/** Fans the one event stream out to whichever screens are listening. */
export function createLiveHub(): LiveHub {
  const listeners = new Set<LiveListener>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const listener of [...listeners]) listener(event);
    },
  };
}
