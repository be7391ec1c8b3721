import type { Clock } from '../../clock.js';
import type { TConfig } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { getConversation } from '../conversations/repository.js';
import { getFirm } from '../firms/repository.js';
import { postMessage } from '../messages/post-message.js';
import { findMessageByIdempotencyKey } from '../messages/repository.js';
import type { Notifier } from '../notifications/notifier.js';
import * as repo from './repository.js';
import { answerReplyRequests } from '../acknowledgements/service.js';

export type TInboundDeps = { config: TConfig; clock: Clock; notifier: Notifier };

/** A text from a phone, as kept: the webhook event that brought it, its numbers and words. */
export type TInboundText = { eventId: string; from: string; to: string; body: string; receivedAt: Date };

const clip = (s: string, max: number) => {
  const chars = Array.from(s);
  return chars.length > max ? chars.slice(0, max).join('') : s;
};

/**
 * Posts a text into a conversation as the reply of the contact with that mobile, via `sms`,
 * answering the message last texted to the number there; once per webhook event (its
 * idempotency key). The message id, or undefined when the conversation no longer takes it
 * (archived, the sender left, no words).
 */
export async function postTextAsReply(
  tx: Db,
  now: Date,
  target: { firmId: string; conversationId: string },
  text: TInboundText,
): Promise<string | undefined> {
  const { firmId, conversationId } = target;
  const conversation = await getConversation(tx, firmId, conversationId);
  const sender = await repo.findParticipantByMobile(tx, firmId, conversationId, text.from);
  const body = clip(text.body.trim(), 2000);
  if (!conversation || conversation.archivedAt || !sender || !body) return undefined;
  const inReplyTo = await repo.findLastTextedMessage(tx, firmId, conversationId, text.from);
  const idempotencyKey = `sms:${text.eventId}`;
  const posted = await postMessage(tx, {
    firmId,
    conversationId,
    conversationKind: conversation.kind,
    author: { contactId: sender.contactId },
    authorParticipantId: sender.participantId,
    body,
    via: 'sms',
    idempotencyKey,
    inReplyToMessageId: inReplyTo ?? undefined,
    now,
  });
  // a reply by text answers the conversation's "needs a reply by" requests too
  if (posted) {
    await answerReplyRequests(tx, {
      firmId,
      conversationId,
      contactId: sender.contactId,
      replyMessageId: posted.id,
      at: now,
    });
  }
  const message =
    posted ?? (await findMessageByIdempotencyKey(tx, firmId, { contactId: sender.contactId }, idempotencyKey));
  return message?.id;
}

/**
 * Keeps a text in the unrouted inbox of each firm it may concern, and (when asked) tells the
 * sender, at most once a day and never after opting out, to use the link in the original text.
 */
export async function keepUnrouted(
  deps: TInboundDeps,
  tx: Db,
  text: TInboundText,
  firms: string[],
  reason: string,
  options: { tellSender: boolean },
): Promise<void> {
  for (const firmId of firms) {
    await repo.insertUnroutedSms(tx, firmId, {
      eventId: text.eventId,
      fromNumber: text.from,
      toNumber: text.to,
      body: clip(text.body, 4000),
      reason,
      receivedAt: text.receivedAt,
    });
  }
  if (!options.tellSender || !(await repo.wasEverTexted(tx, text.from))) return;
  const now = deps.clock.now();
  const recent = await repo.countTextsTo(tx, text.from, 'sms_reply_notice', new Date(now.getTime() - 86_400_000));
  if (recent > 0) return;
  const firm = firms.length === 1 ? await getFirm(tx, firms[0]!) : undefined;
  await deps.notifier.queueSms(tx, {
    firmId: firm?.id ?? null,
    to: text.from,
    from: text.to,
    kind: 'sms_reply_notice',
    text: `${firm ? `${firm.name}: w` : 'W'}e could not add your text to a conversation. To reply, please use the link in the message you are answering.`,
  });
}
