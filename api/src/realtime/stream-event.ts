import type { TEventTarget, TStoredEvent } from './events-repository.js';

/** One event as a stream sends it. */
export type TStreamEvent = {
  id: number;
  type: string;
  conversationId: string | null;
  payload: Record<string, unknown>;
};

/** Sent by the stream itself, never stored (see the protocol notes in events-routes.ts). */
export const readyEventType = 'ready';
export const resyncEventType = 'resync';

/** After these are delivered, the addressee's open streams are closed. */
const closingTypes: Record<TEventTarget['audience'], string> = {
  staff: 'staff.disabled',
  contact: 'contact.disabled',
};

export function toStreamEvent(event: TStoredEvent): TStreamEvent {
  return { id: event.id, type: event.type, conversationId: event.conversationId, payload: event.payload };
}

/** Staff: named, or every staff member of the firm. Contacts: named only. */
export function isAddressedTo(event: TStoredEvent, target: TEventTarget): boolean {
  if (target.audience === 'staff') return event.allStaff || event.staffIds.includes(target.id);
  if (!event.contactIds.includes(target.id)) return false;
  return !target.conversationId || event.conversationId === null || event.conversationId === target.conversationId;
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
      event.payload.sessionId === target.sessionId
    );
  }
  if (event.type !== closingTypes[target.audience]) return false;
  return (target.audience === 'staff' ? event.staffIds : event.contactIds).includes(target.id);
}

/** A control event the stream emits: it moves the client's position to `id`. */
export function controlEvent(type: string, id: number, payload: Record<string, unknown>): TStoredEvent {
  return { id, type, conversationId: null, staffIds: [], contactIds: [], allStaff: false, payload };
}
