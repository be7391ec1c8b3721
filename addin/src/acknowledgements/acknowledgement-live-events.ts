import { useEffect, useRef } from 'react';
import type { AcknowledgementLiveEvent } from './parse-acknowledgement-event';
import { createEventHub } from '../shell/create-event-hub';

/** MessagingProvider publishes the acknowledge-by events here. */
export const acknowledgementLiveEvents = createEventHub<AcknowledgementLiveEvent>();

/** Calls `handler` for every acknowledge-by event, always with the latest render's handler. */
export function useAcknowledgementLiveEvents(handler: (event: AcknowledgementLiveEvent) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => acknowledgementLiveEvents.subscribe((event) => latest.current(event)), []);
}
