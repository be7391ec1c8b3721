import type { Db } from '../../db/connect.js';
import { publishEvent } from '../../realtime/publish-event.js';
import { listEventRecipients } from './repository.js';

/**
 * Tells a conversation's current participants (and anyone just removed) that it changed.
 * The payload is only the id: clients refetch what they are allowed to see.
 */
export async function announceConversation(
  tx: Db,
  firmId: string,
  conversationId: string,
  type: 'conversation.created' | 'conversation.updated',
  extra: { staffIds?: string[]; contactIds?: string[]; allStaff?: boolean } = {},
): Promise<void> {
  const recipients = await listEventRecipients(tx, firmId, conversationId);
  await publishEvent(tx, {
    firmId,
    type,
    conversationId,
    staffIds: [...recipients.staffIds, ...(extra.staffIds ?? [])],
    contactIds: [...recipients.contactIds, ...(extra.contactIds ?? [])],
    allStaff: extra.allStaff ?? false,
    payload: { conversationId },
  });
}
