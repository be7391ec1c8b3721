import type { LiveEvent, LiveEventType, ServerSentEvent } from '@confer/ui';

const KNOWN_TYPES: ReadonlySet<string> = new Set<LiveEventType>([
  'message.created',
  'message.edited',
  'message.pinned',
  'read.updated',
  'conversation.created',
  'conversation.updated',
  'unread.changed',
  'channel.activity',
  'resync',
]);

/** Typed live event from a raw server-sent event, or null for unknown types and malformed data. */
export function parseLiveEvent(event: ServerSentEvent): LiveEvent | null {
  if (!KNOWN_TYPES.has(event.type)) return null;
  let data: unknown;
  try {
    data = event.data ? JSON.parse(event.data) : {};
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  if (event.type !== 'resync' && typeof (data as { conversationId?: unknown }).conversationId !== 'string') return null;
  if (event.type.startsWith('message.')) {
    const message = (data as { message?: { id?: unknown; seq?: unknown } }).message;
    if (!message || typeof message.id !== 'string' || typeof message.seq !== 'number') return null;
  }
  return { type: event.type, data } as LiveEvent;
}
