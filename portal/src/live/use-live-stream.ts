import { useEffect, useRef } from 'react';
import { PORTAL_API_PREFIX, PORTAL_EVENT_TYPES, isApiProblem, parsePortalEvent } from '@confer/ui';
import { portalClient } from '../session/portal-client';
import type { LiveHub } from './live-hub';

const maxRetryMs = 30_000;

/**
 * Holds the portal's event stream open while signed in. `EventSource` sends the session
 * cookie and, when it reconnects by itself, `Last-Event-ID`, so nothing is missed. When the
 * browser gives up (the server refused the stream), the session is checked: signed out is
 * reported through the client's not-signed-in handler; otherwise a new stream is opened after
 * a backoff, and screens are told to refetch (`resync`) because that stream starts from now.
 */
export function useLiveStream(hub: LiveHub, onAccessEnded: (reason?: 'sessions_ended') => void) {
  const endedRef = useRef(onAccessEnded);
  useEffect(() => {
    endedRef.current = onAccessEnded;
  });

  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    let failures = 0;
    let resyncOnOpen = false;

    const stop = () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      source?.close();
      source = null;
    };

    const retryLater = () => {
      if (stopped) return;
      const delay = Math.min(maxRetryMs, 1000 * 2 ** Math.min(failures, 5)) * (0.5 + Math.random() * 0.5);
      failures += 1;
      timer = setTimeout(connect, delay);
    };

    function connect() {
      timer = null;
      if (stopped) return;
      const stream = new EventSource(`${PORTAL_API_PREFIX}/events`);
      source = stream;
      stream.onopen = () => {
        failures = 0;
        if (resyncOnOpen) {
          resyncOnOpen = false;
          hub.emit({ type: 'resync' });
        }
      };
      for (const type of PORTAL_EVENT_TYPES) {
        stream.addEventListener(type, (event) => {
          const parsed = parsePortalEvent(type, (event as MessageEvent<string>).data);
          if (!parsed || stopped) return;
          if (parsed.type === 'contact.disabled') {
            stop();
            endedRef.current(parsed.reason);
            return;
          }
          hub.emit(parsed);
        });
      }
      stream.onerror = () => {
        if (stopped || stream.readyState !== EventSource.CLOSED) return; // the browser reconnects by itself
        stream.close();
        source = null;
        resyncOnOpen = true;
        portalClient.getSession().then(retryLater, (error: unknown) => {
          // 401 not_signed_in has already been reported by the client; anything else: try again later.
          if (!(isApiProblem(error) && error.status === 401)) retryLater();
        });
      };
    }

    connect();
    return stop;
  }, [hub]);
}
