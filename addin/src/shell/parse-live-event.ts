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
  'form.submitted',
  'file.preview',
  'device.alert',
  'device.alerts_closed',
  'resync',
]);

/** The string fields each type's data must carry (every other type is about a conversation). */
const REQUIRED_FIELDS: Partial<Record<LiveEventType, readonly string[]>> = {
  'form.submitted': ['formRequestId', 'matterId'],
  resync: [],
};

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
  const required = REQUIRED_FIELDS[event.type as LiveEventType] ?? ['conversationId'];
  const fields = data as Record<string, unknown>;
  if (required.some((field) => typeof fields[field] !== 'string')) return null;
  if (event.type.startsWith('message.')) {
    const message = (data as { message?: { id?: unknown; seq?: unknown } }).message;
    if (!message || typeof message.id !== 'string' || typeof message.seq !== 'number') return null;
  }
  if (event.type === 'device.alert') {
    const alert = (data as { alert?: { id?: unknown; contactId?: unknown } }).alert;
    if (!alert || typeof alert.id !== 'string' || typeof alert.contactId !== 'string') return null;
  }
  return { type: event.type, data } as LiveEvent;
}
