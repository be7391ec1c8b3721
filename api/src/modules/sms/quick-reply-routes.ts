import { z } from 'zod';
import type { RouteTable } from '../../http/define-route.js';
import { ZMessageBody } from '../messages/schemas.js';
import { ZClientAcknowledgement } from '../acknowledgements/schemas.js';
import { acknowledgeQuickReply, sendQuickReply, viewQuickReply, type TQuickReplyDeps } from './quick-reply.js';

const ZToken = z.string().min(20).max(200);
export const ZQuickReplyView = z.object({ token: ZToken }).strict().openapi('QuickReplyViewRequest');
export const ZQuickReplySend = z
  .object({ token: ZToken, body: ZMessageBody })
  .strict()
  .openapi('QuickReplySendRequest');
export const ZQuickReplyAcknowledge = z
  .object({ token: ZToken, messageId: z.uuid('must be a UUID') })
  .strict()
  .openapi('QuickReplyAcknowledgeRequest');

const ZQuickMessage = z
  .object({
    id: z.uuid(),
    author: z.object({ name: z.string(), kind: z.enum(['staff', 'contact']) }),
    /** Written by the person holding the link. */
    mine: z.boolean(),
    body: z.string(),
    /** Names and sizes of the files it carries (to open them, sign in to the portal). */
    files: z.array(z.object({ name: z.string(), size: z.number().int() })),
    createdAt: z.string(),
  })
  .openapi('QuickReplyMessage');

export const ZQuickReplyPage = z
  .object({
    firmName: z.string(),
    conversationTitle: z.string(),
    /** False when the conversation is read-only (matter closed, engagement ended). */
    canReply: z.boolean(),
    /** The last 5 messages, oldest first. */
    messages: z.array(ZQuickMessage),
    /** Messages of the conversation marked "needs acknowledgement by" or "needs a reply by" (the banner). */
    acknowledgements: z.array(ZClientAcknowledgement),
  })
  .openapi('QuickReplyPage');

/**
 * The quick-reply link of a text (`/portal/#reply=<token>`), without signing in. Mounted on the
 * portal API after the same-origin check and before the session requirement; POST so the
 * token travels in the body, never in a URL. Unknown or expired tokens: 410 `link_not_valid`.
 */
export function addQuickReplyRoutes(routes: RouteTable<null>, deps: TQuickReplyDeps): void {
  const tags = ['portal'];
  routes.add({
    method: 'post',
    path: '/quick-reply/view',
    summary: "A text's reply link: the firm, the conversation and its last 5 messages (no files, no read information)",
    tags,
    body: ZQuickReplyView,
    response: ZQuickReplyPage,
    handler: ({ body, meta }) => viewQuickReply(deps, body.token, meta),
  });
  routes.add({
    method: 'post',
    path: '/quick-reply/send',
    summary: "Reply through a text's link; marked as sent via the quick link. Idempotency-Key makes retries safe",
    tags,
    body: ZQuickReplySend,
    response: ZQuickMessage,
    status: 201,
    // no session names the caller here: the message itself carries the key (see sendQuickReply)
    idempotent: false,
    handler: ({ body, meta }) => sendQuickReply(deps, body.token, body.body, meta),
  });
  routes.add({
    method: 'post',
    path: '/quick-reply/acknowledge',
    summary: '"I have read this" through a text\'s link: recorded once, like the portal\'s',
    tags,
    body: ZQuickReplyAcknowledge,
    response: ZClientAcknowledgement,
    handler: ({ body, meta }) => acknowledgeQuickReply(deps, body.token, body.messageId, meta),
  });
}
