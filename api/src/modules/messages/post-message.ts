import type { Db } from '../../db/connect.js';
import { publishEvent } from '../../realtime/publish-event.js';
import { findStaffParticipant, listEventRecipients } from '../conversations/repository.js';
import { insertAttachments, listAttachmentsOfMessages } from '../files/repository.js';
import { openUnseenBatches } from '../notifications/unseen-repository.js';
import * as repo from './repository.js';
import { toMessageCore } from './to-message.js';

export type TPostMessage = {
  firmId: string;
  conversationId: string;
  conversationKind: 'external_matter' | 'internal_matter' | 'direct' | 'channel';
  author: { staffId: string; contactId?: undefined } | { contactId: string; staffId?: undefined };
  /** The participant row of the author, whose read mark moves to the new message. */
  authorParticipantId?: string;
  body: string;
  via: repo.TMessageRow['via'];
  idempotencyKey?: string;
  versionIds?: string[];
  aboutDocumentId?: string;
  /** A reply by text: the message it answers. */
  inReplyToMessageId?: string;
  /** An announcement about `aboutDocumentId` (shared live, new version) rather than something said. */
  notice?: { kind: 'document_shared' | 'document_updated'; version?: number };
  /** The app's clock, for the new-message email delay (the database's when absent). */
  now?: Date;
};

/**
 * Posts a message inside the caller's transaction: the message, its attachments, the
 * conversation's activity time, the author's read mark and the events for everyone in the
 * conversation. Returns undefined when the idempotency key was already used (the caller
 * returns the original instead). Callers check who may post; this only records.
 */
export async function postMessage(tx: Db, input: TPostMessage): Promise<repo.TMessageRow | undefined> {
  const inserted = await repo.insertMessage(tx, input.firmId, {
    conversationId: input.conversationId,
    authorStaffId: input.author.staffId ?? null,
    authorContactId: input.author.contactId ?? null,
    body: input.body,
    via: input.via,
    idempotencyKey: input.idempotencyKey ?? null,
    aboutDocumentId: input.aboutDocumentId ?? null,
    inReplyToMessageId: input.inReplyToMessageId ?? null,
    notice: input.notice?.kind ?? null,
    noticeVersion: input.notice?.version ?? null,
  });
  if (!inserted) return undefined;
  await insertAttachments(tx, input.firmId, inserted.id, input.conversationId, input.versionIds ?? []);
  await repo.touchConversation(tx, input.firmId, input.conversationId, inserted.createdAt);
  const participantId =
    input.authorParticipantId ??
    (input.author.staffId
      ? (await findStaffParticipant(tx, input.firmId, input.conversationId, input.author.staffId))?.id
      : undefined);
  if (participantId) await repo.advanceReadMark(tx, input.firmId, participantId, inserted.seq);
  if (input.conversationKind === 'external_matter') {
    // clients and third parties who do not see it in the portal in time are emailed (batched)
    await openUnseenBatches(tx, input.firmId, {
      conversationId: input.conversationId,
      authorContactId: input.author.contactId ?? null,
      seq: inserted.seq,
      now: input.now,
    });
  }
  const row = (await repo.getMessage(tx, input.firmId, inserted.id))!;
  const files = await listAttachmentsOfMessages(tx, input.firmId, [row.id]);
  const recipients = await listEventRecipients(tx, input.firmId, input.conversationId);
  await publishEvent(tx, {
    firmId: input.firmId,
    type: 'message.created',
    conversationId: input.conversationId,
    staffIds: recipients.staffIds,
    contactIds: recipients.contactIds,
    payload: { message: toMessageCore(row, files) },
  });
  if (input.conversationKind === 'channel') {
    await publishEvent(tx, {
      firmId: input.firmId,
      type: 'channel.activity',
      conversationId: input.conversationId,
      allStaff: true,
      payload: { lastMessageAt: inserted.createdAt.toISOString() },
    });
  }
  return row;
}
