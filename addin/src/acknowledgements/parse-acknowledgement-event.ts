import type { ServerSentEvent } from '@confer/ui';

/** `acknowledgement.changed` (a request made or acknowledged) and `acknowledgement.task` (a deadline passed). */
export type AcknowledgementLiveEvent = {
  type: 'acknowledgement.changed' | 'acknowledgement.task';
  conversationId: string;
  messageId: string;
};

/** The acknowledge-by events of the staff event stream, or null for anything else. */
export function parseAcknowledgementEvent(
  event: Pick<ServerSentEvent, 'type' | 'data'>,
): AcknowledgementLiveEvent | null {
  if (event.type !== 'acknowledgement.changed' && event.type !== 'acknowledgement.task') return null;
  try {
    const data = JSON.parse(event.data) as { messageId?: unknown; conversationId?: unknown } | null;
    if (!data || typeof data.messageId !== 'string' || typeof data.conversationId !== 'string') return null;
    return { type: event.type, conversationId: data.conversationId, messageId: data.messageId };
  } catch {
    return null;
  }
}
