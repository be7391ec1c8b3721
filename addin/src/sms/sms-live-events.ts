import { useEffect, useRef } from 'react';
import type { SmsLiveEvent } from '@confer/ui';
import { createEventHub } from '../shell/create-event-hub';

/**
 * `message.sms` events from the staff event stream (MessagingProvider publishes them here):
 * a text of a message changed status. Kept apart from the messaging store's typed events.
 */
export const smsLiveEvents = createEventHub<SmsLiveEvent>();

/** Calls `handler` for every `message.sms` event, always with the latest render's handler. */
export function useSmsLiveEvents(handler: (event: SmsLiveEvent) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => smsLiveEvents.subscribe((event) => latest.current(event)), []);
}
