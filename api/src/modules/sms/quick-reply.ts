import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connect.js';
import { AppError } from '../../errors.js';
import { publishEvent } from '../../realtime/publish-event.js';
import { listEventRecipients } from '../conversations/repository.js';
import { assertNotArchived } from '../conversations/service.js';
import { postMessage } from '../messages/post-message.js';
import * as messages from '../messages/repository.js';
import { hashToken } from '../portal-auth/tokens.js';
import * as repo from './repository.js';

export type TQuickReplyDeps = { db: Db; clock: Clock };

const linkNotValid = () =>
  new AppError(
    'link_not_valid',
    410,
    'This reply link has expired or is not valid. Use the secure link in your email to read and reply.',
  );

/** The link behind a token, if it still works: unexpired, the contact active and still in the conversation. */
async function requireLink(deps: TQuickReplyDeps, token: string) {
  const link = await repo.findQuickReplyLinkByHash(deps.db, hashToken(token));
  if (
    !link ||
    link.expiresAt.getTime() <= deps.clock.now().getTime() ||
    !link.contactActive ||
    !link.participantId ||
    link.participantLeft
  ) {
    throw linkNotValid();
  }
  return link;
}

type TQuickMessage = {
  id: string;
  author: { name: string; kind: 'staff' | 'contact' };
  mine: boolean;
  body: string;
  createdAt: string;
};

const toQuickMessage = (row: messages.TMessageRow, contactId: string): TQuickMessage => ({
  id: row.id,
  author: { name: row.authorName, kind: row.authorStaffId ? 'staff' : 'contact' },
  mine: row.authorContactId === contactId,
  body: row.body,
  createdAt: row.createdAt.toISOString(),
});

/**
 * The short view behind a text's reply link, without signing in: the firm, the conversation's
 * title and its last 5 messages (text only: no files, no read information). Opening it counts
 * as seeing those messages, so no new-message email follows for them.
 */
export async function viewQuickReply(deps: TQuickReplyDeps, token: string) {
  const link = await requireLink(deps, token);
  const rows = await messages.listMessages(deps.db, link.firmId, link.conversationId, { limit: 5 });
  const last = rows[rows.length - 1];
  if (last) {
    await deps.db.transaction(async (tx) => {
      const before = await messages.maxSeq(tx, link.firmId, link.conversationId);
      const previousReadSeq = await messages.readMarkOf(tx, link.firmId, link.participantId!);
      const mark = await messages.advanceReadMark(tx, link.firmId, link.participantId!, Math.min(last.seq, before));
      const recipients = await listEventRecipients(tx, link.firmId, link.conversationId);
      await publishEvent(tx, {
        firmId: link.firmId,
        type: 'read.updated',
        conversationId: link.conversationId,
        staffIds: recipients.staffIds,
        payload: { participantId: link.participantId, contactId: link.contactId, lastReadSeq: mark, previousReadSeq },
      });
    });
  }
  return {
    firmName: link.firmName,
    conversationTitle: link.conversationTitle,
    canReply: !link.archivedAt,
    messages: rows.map((r) => toQuickMessage(r, link.contactId)),
  };
}

/** A reply through the link: posted as the contact, marked `quick_link`. Idempotency-Key makes retries safe. */
export async function sendQuickReply(deps: TQuickReplyDeps, token: string, body: string, idempotencyKey?: string) {
  const link = await requireLink(deps, token);
  if (idempotencyKey) {
    const earlier = await messages.findMessageByIdempotencyKey(
      deps.db,
      link.firmId,
      { contactId: link.contactId },
      idempotencyKey,
    );
    if (earlier && earlier.conversationId !== link.conversationId) {
      throw new AppError('idempotency_key_reused', 409, 'This Idempotency-Key was used for another request');
    }
    if (earlier) return toQuickMessage(earlier, link.contactId);
  }
  assertNotArchived(link);
  const row =
    (await deps.db.transaction((tx) =>
      postMessage(tx, {
        firmId: link.firmId,
        conversationId: link.conversationId,
        conversationKind: link.conversationKind,
        author: { contactId: link.contactId },
        authorParticipantId: link.participantId!,
        body,
        via: 'quick_link',
        idempotencyKey,
        now: deps.clock.now(),
      }),
    )) ??
    (idempotencyKey
      ? await messages.findMessageByIdempotencyKey(deps.db, link.firmId, { contactId: link.contactId }, idempotencyKey)
      : undefined);
  if (!row) throw new AppError('internal_error', 500, 'The reply could not be stored');
  return toQuickMessage(row, link.contactId);
}
