import type { Db } from '../../db/connect.js';
import { publishEvent } from '../../realtime/publish-event.js';
import { listEventRecipients } from '../conversations/repository.js';
import { listAttachmentsOfMessages } from '../files/repository.js';
import * as repo from './repository.js';
import { toMessageCore } from './to-message.js';

/** Tells everyone in the conversation that a message changed, with its current state. */
export async function announceMessage(
  tx: Db,
  firmId: string,
  conversationId: string,
  messageId: string,
  type: 'message.edited' | 'message.pinned',
): Promise<void> {
  const updated = (await repo.getMessage(tx, firmId, messageId))!;
  const recipients = await listEventRecipients(tx, firmId, conversationId);
  await publishEvent(tx, {
    firmId,
    type,
    conversationId,
    staffIds: recipients.staffIds,
    contactIds: recipients.contactIds,
    payload: { message: toMessageCore(updated, await listAttachmentsOfMessages(tx, firmId, [messageId])) },
  });
}

/**
 * Replaces a message's text, keeping the earlier text as a revision, and announces it. The
 * one edit path for every author; callers check who may edit. Unchanged text changes nothing.
 */
export async function reviseMessage(db: Db, firmId: string, conversationId: string, messageId: string, body: string) {
  await db.transaction(async (tx) => {
    const previous = await repo.lockMessageBody(tx, firmId, messageId);
    if (previous === undefined || previous === body) return;
    await repo.replaceMessageBody(tx, firmId, messageId, previous, body);
    await announceMessage(tx, firmId, conversationId, messageId, 'message.edited');
  });
}
