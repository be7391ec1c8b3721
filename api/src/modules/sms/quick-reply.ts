import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connect.js';
import { AppError } from '../../errors.js';
import { publishEvent } from '../../realtime/publish-event.js';
import { recordAudit } from '../audit/record-audit.js';
import { listEventRecipients } from '../conversations/repository.js';
import { assertNotArchived } from '../conversations/service.js';
import { assertSameMessage } from '../messages/service.js';
import { listAttachmentsOfMessages, type TAttachmentRow } from '../files/repository.js';
import { postMessage } from '../messages/post-message.js';
import * as messages from '../messages/repository.js';
import { hashToken } from '../portal-auth/tokens.js';
import { acknowledgeAsContact, answerReplyRequests, listForClient } from '../acknowledgements/service.js';
import * as repo from './repository.js';

export type TQuickReplyDeps = { db: Db; clock: Clock };

const linkNotValid = () =>
  new AppError(
    'link_not_valid',
    410,
    'This reply link has expired or is not valid. Use the secure link in your email to read and reply.',
  );

export type TQuickReplyMeta = { requestId: string; ip: string | undefined };

/**
 * The link behind a token, if it still works: unexpired, the contact active and still in the
 * conversation. The token is a credential: every use and every refusal is audited.
 */
async function requireLink(
  deps: TQuickReplyDeps,
  token: string,
  meta: TQuickReplyMeta,
  use: 'view' | 'send' | 'acknowledge',
) {
  const link = await repo.findQuickReplyLinkByHash(deps.db, hashToken(token));
  const valid =
    !!link &&
    link.expiresAt.getTime() > deps.clock.now().getTime() &&
    link.contactActive &&
    !!link.participantId &&
    !link.participantLeft;
  await recordAudit(deps.db, {
    firmId: link?.firmId ?? null,
    actorKind: link ? 'contact' : 'anonymous',
    actorId: link?.contactId ?? null,
    action: 'portal.quick_reply',
    outcome: valid ? 'success' : 'refused',
    targetKind: link ? 'conversation' : undefined,
    targetId: link?.conversationId,
    requestId: meta.requestId,
    ip: meta.ip,
    details: valid ? { use } : { use, reason: link ? 'expired_or_left' : 'unknown' },
  });
  if (!valid) throw linkNotValid();
  return link!;
}

type TQuickMessage = {
  id: string;
  author: { name: string; kind: 'staff' | 'contact' };
  mine: boolean;
  body: string;
  files: Array<{ name: string; size: number }>;
  createdAt: string;
};

const toQuickMessage = (
  row: messages.TMessageRow,
  contactId: string,
  attached: TAttachmentRow[] = [],
): TQuickMessage => ({
  id: row.id,
  author: { name: row.authorName, kind: row.authorStaffId ? 'staff' : 'contact' },
  mine: row.authorContactId === contactId,
  body: row.body,
  files: attached.filter((a) => a.messageId === row.id).map((a) => ({ name: a.name, size: Number(a.size) })),
  createdAt: row.createdAt.toISOString(),
});

/**
 * The short view behind a text's reply link, without signing in: the firm, the conversation's
 * title and its last 5 messages (text and the names of their files: the files themselves need
 * a portal sign-in; no read information). Opening it counts
 * as seeing those messages, so no new-message email follows for them.
 */
export async function viewQuickReply(deps: TQuickReplyDeps, token: string, meta: TQuickReplyMeta) {
  const link = await requireLink(deps, token, meta, 'view');
  const rows = await messages.listMessages(deps.db, link.firmId, link.conversationId, { limit: 5 });
  const attached = await listAttachmentsOfMessages(
    deps.db,
    link.firmId,
    rows.map((r) => r.id),
  );
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
    messages: rows.map((r) => toQuickMessage(r, link.contactId, attached)),
    acknowledgements: (await listForClient(deps.db, link.firmId, link.conversationId)).items,
  };
}

/** "I have read this" through the link, on a marked message of its conversation (recorded once). */
export async function acknowledgeQuickReply(
  deps: TQuickReplyDeps,
  token: string,
  messageId: string,
  meta: TQuickReplyMeta,
) {
  const link = await requireLink(deps, token, meta, 'acknowledge');
  return acknowledgeAsContact(deps.db, deps.clock, {
    firmId: link.firmId,
    conversationId: link.conversationId,
    contactId: link.contactId,
    messageId,
    via: 'quick_link',
    requestId: meta.requestId,
    ip: meta.ip,
  });
}

/** A reply through the link: posted as the contact, marked `quick_link`. Idempotency-Key makes retries safe. */
export async function sendQuickReply(
  deps: TQuickReplyDeps,
  token: string,
  body: string,
  meta: TQuickReplyMeta & { idempotencyKey?: string },
) {
  const idempotencyKey = meta.idempotencyKey;
  const link = await requireLink(deps, token, meta, 'send');
  if (idempotencyKey) {
    const earlier = await messages.findMessageByIdempotencyKey(
      deps.db,
      link.firmId,
      { contactId: link.contactId },
      idempotencyKey,
    );
    await assertSameMessage(deps.db, link.firmId, earlier, link.conversationId, body);
    if (earlier) return toQuickMessage(earlier, link.contactId);
  }
  assertNotArchived(link);
  const row =
    (await deps.db.transaction(async (tx) => {
      const posted = await postMessage(tx, {
        firmId: link.firmId,
        conversationId: link.conversationId,
        conversationKind: link.conversationKind,
        author: { contactId: link.contactId },
        authorParticipantId: link.participantId!,
        body,
        via: 'quick_link',
        idempotencyKey,
        now: deps.clock.now(),
      });
      // a reply answers the conversation's "needs a reply by" requests
      if (posted) {
        await answerReplyRequests(tx, {
          firmId: link.firmId,
          conversationId: link.conversationId,
          contactId: link.contactId,
          replyMessageId: posted.id,
          at: deps.clock.now(),
        });
      }
      return posted;
    })) ??
    (idempotencyKey
      ? await messages.findMessageByIdempotencyKey(deps.db, link.firmId, { contactId: link.contactId }, idempotencyKey)
      : undefined);
  if (!row) throw new AppError('internal_error', 500, 'The reply could not be stored');
  return toQuickMessage(row, link.contactId);
}
