import { useEffect, useRef, useState, type ReactNode } from 'react';
import { openEventStream, type Me } from '@confer/ui';
import { createMessagingStore } from './create-messaging-store';
import { parseLiveEvent } from '../shell/parse-live-event';
import { parseSmsEvent } from '../sms/parse-sms-event';
import { smsLiveEvents } from '../sms/sms-live-events';
import { acknowledgementLiveEvents } from '../acknowledgements/acknowledgement-live-events';
import { parseAcknowledgementEvent } from '../acknowledgements/parse-acknowledgement-event';
import { useApi } from '../common/use-api';
import { MessagingContext } from './use-messaging';
import { t } from '../messages';

type MessagingProviderProps = {
  me: Me;
  getToken: () => Promise<string | null>;
  /** The live connection was refused with 401: the token is gone or expired. */
  onSessionExpired: () => void;
  children: ReactNode;
};

/** Owns the messaging store and the live event connection for the signed-in session. */
export function MessagingProvider({ me, getToken, onSessionExpired, children }: MessagingProviderProps) {
  const api = useApi();
  const [store] = useState(() => createMessagingStore(api, me));
  const [connectAttempt, setConnectAttempt] = useState(0);
  const sessionExpired = useRef(onSessionExpired);
  useEffect(() => {
    sessionExpired.current = onSessionExpired;
  });

  useEffect(() => {
    store.start();
    return () => store.dispose();
  }, [store]);

  useEffect(() => {
    const stream = openEventStream({
      url: '/api/v1/events',
      getToken,
      onEvent: (raw) => {
        const event = parseLiveEvent(raw);
        if (event) store.handleEvent(event);
        const smsEvent = parseSmsEvent(raw);
        if (smsEvent) smsLiveEvents.publish(smsEvent);
        const acknowledgementEvent = parseAcknowledgementEvent(raw);
        if (acknowledgementEvent) acknowledgementLiveEvents.publish(acknowledgementEvent);
      },
      onStateChange: (state, detail) => {
        store.setConnection(state, detail.status ?? null);
        if (state === 'closed' && detail.status === 401) sessionExpired.current();
      },
    });
    return () => stream.close();
  }, [store, getToken, connectAttempt]);

  // A manual reconnect (the header's Retry) and an automatic one when the browser comes back online.
  useEffect(() => store.setReconnectHandler(() => setConnectAttempt((n) => n + 1)), [store]);
  useEffect(() => {
    const onOnline = () => {
      if (store.getSnapshot().connection === 'closed') setConnectAttempt((n) => n + 1);
    };
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [store]);

  // The unread total in the tab / task pane title.
  useEffect(() => {
    const apply = () => {
      const total = store.getSnapshot().unread.total;
      document.title = t.conversations.documentTitle(total);
    };
    apply();
    const unsubscribe = store.subscribe(apply);
    return () => {
      unsubscribe();
      document.title = t.conversations.documentTitle(0);
    };
  }, [store]);

  return <MessagingContext.Provider value={store}>{children}</MessagingContext.Provider>;
}
