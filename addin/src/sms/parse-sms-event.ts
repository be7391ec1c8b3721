import type { ServerSentEvent, SmsLiveEvent } from '@confer/ui';

/** The `message.sms` live event (a text of a message changed status), or null for anything else. */
export function parseSmsEvent(event: Pick<ServerSentEvent, 'type' | 'data'>): SmsLiveEvent | null {
  if (event.type !== 'message.sms') return null;
  try {
    const data = JSON.parse(event.data) as { messageId?: unknown; conversationId?: unknown } | null;
    if (!data || typeof data.messageId !== 'string' || typeof data.conversationId !== 'string') return null;
    return { type: 'message.sms', data: { messageId: data.messageId, conversationId: data.conversationId } };
  } catch {
    return null;
  }
}
