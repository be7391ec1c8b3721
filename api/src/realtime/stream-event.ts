import type { TEventTarget, TPosition, TStoredEvent } from './events-repository.js';

/** Sent by the stream itself, never stored (see the protocol notes in events-routes.ts). */
export const readyEventType = 'ready';
export const resyncEventType = 'resync';

/**
 * Hints: events that only say "something moved elsewhere" (a channel the reader may not be in
 * had activity). They go to many streams, so a stream receives them at most once per hint
 * interval, together with its next other event when that comes first (see event-hub.ts).
 */
export const hintEventTypes: ReadonlySet<string> = new Set(['channel.activity']);
export const hintIntervalMs = 1000;

/** After these are delivered, the addressee's open streams are closed. */
const closingTypes: Record<TEventTarget['audience'], string> = {
  staff: 'staff.disabled',
  contact: 'contact.disabled',
};

/** The SSE block of one event; written once per event, whatever the number of streams. */
export function formatEvent(event: Pick<TStoredEvent, 'id' | 'type' | 'data'>): string {
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${event.data}\n\n`;
}

/** A contact stream limited to one conversation hears only about it (and about no conversation). */
export function isInScope(event: TStoredEvent, target: TEventTarget): boolean {
  return !target.conversationId || event.conversationId === null || event.conversationId === target.conversationId;
}

/** Staff: named, or every staff member of the firm. Contacts: named only (and in scope). */
export function isAddressedTo(event: TStoredEvent, target: TEventTarget): boolean {
  if (target.audience === 'staff') return event.allStaff || event.staffIds.includes(target.id);
  return event.contactIds.includes(target.id) && isInScope(event, target);
}

/** A portal session ended (signed out): its streams close; the contact's other sessions carry on. */
export const sessionEndedEventType = 'session.ended';

/**
 * `staff.disabled` for that staff member, `contact.disabled` for that contact,
 * `session.ended` for the streams of that session.
 */
export function closesStreamOf(event: TStoredEvent, target: TEventTarget): boolean {
  if (event.type === sessionEndedEventType) {
    return (
      target.audience === 'contact' &&
      target.sessionId !== undefined &&
      event.contactIds.includes(target.id) &&
      (JSON.parse(event.data) as { sessionId?: string }).sessionId === target.sessionId
    );
  }
  if (event.type !== closingTypes[target.audience]) return false;
  return (target.audience === 'staff' ? event.staffIds : event.contactIds).includes(target.id);
}

/** A control event the stream emits: it moves the client's position to `position`. */
export function controlEvent(type: string, position: TPosition, payload: Record<string, unknown>): TStoredEvent {
  return {
    ...position,
    type,
    conversationId: null,
    staffIds: [],
    contactIds: [],
    allStaff: false,
    data: JSON.stringify({ ...payload, conversationId: null }),
  };
}
