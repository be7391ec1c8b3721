import type { Db } from '../../db/connect.js';
import type { RouteTable } from '../../http/define-route.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { ZConversationIdParams } from '../conversations/schemas.js';
import {
  ZEditMessage,
  ZListMessagesQuery,
  ZMarkRead,
  ZMessage,
  ZMessageIdParams,
  ZMessagePage,
  ZReaders,
  ZReadResult,
  ZRevisions,
  ZSendMessage,
  ZUnread,
} from './schemas.js';
import { z } from 'zod';
import { systemClock, type Clock } from '../../clock.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { requestAcknowledgement } from '../acknowledgements/service.js';
import { AppError } from '../../errors.js';
import * as service from './service.js';

export function addMessageRoutes(
  routes: RouteTable<StaffContext>,
  db: Db,
  deps: { textMessage?: service.TTextMessage; clock?: Clock; jobs?: JobQueue } = {},
): void {
  const tags = ['messages'];
  routes.add({
    method: 'get',
    path: '/conversations/:id/messages',
    summary: 'Messages, newest page first (each page oldest first); `before` pages back, `around` jumps to a seq',
    tags,
    params: ZConversationIdParams,
    query: ZListMessagesQuery,
    response: ZMessagePage,
    handler: ({ ctx, params, query }) => service.listConversationMessages(db, ctx, params.id, query),
  });
  routes.add({
    method: 'post',
    path: '/conversations/:id/messages',
    summary:
      'Send a message (with `sendAsSms`, also texted to the clients and third parties); a retry with the same Idempotency-Key returns the original',
    tags,
    params: ZConversationIdParams,
    body: ZSendMessage,
    response: ZMessage,
    status: 201,
    // the message row carries the key (unique per author): a send stays two statements
    idempotent: 'in-handler',
    handler: ({ ctx, params, body, meta, replayed }) =>
      service.sendMessage(db, ctx, params.id, body.body, {
        idempotencyKey: meta.idempotencyKey,
        onReplay: replayed,
        documentIds: body.documentIds,
        aboutDocumentId: body.aboutDocumentId,
        sendAsSms: body.sendAsSms ? (deps.textMessage ?? unavailableSms) : undefined,
        acknowledgeBy: body.acknowledgeBy && {
          kind: body.acknowledgeBy.kind,
          dueAt: new Date(body.acknowledgeBy.dueAt),
          record: (tx, input) =>
            requestAcknowledgement({ clock: deps.clock ?? systemClock, jobs: deps.jobs }, tx, input),
        },
        now: deps.clock?.now(),
      }),
  });
  routes.add({
    method: 'get',
    path: '/conversations/:id/pinned',
    summary: 'Pinned messages of a conversation',
    tags,
    params: ZConversationIdParams,
    response: z.object({ items: z.array(ZMessage) }),
    handler: ({ ctx, params }) => service.listPinned(db, ctx, params.id),
  });
  routes.add({
    method: 'post',
    path: '/conversations/:id/read',
    summary: 'Mark messages read up to a seq',
    tags,
    params: ZConversationIdParams,
    body: ZMarkRead,
    response: ZReadResult,
    handler: ({ ctx, params, body }) => service.markRead(db, ctx, params.id, body.seq),
  });
  routes.add({
    method: 'get',
    path: '/unread',
    summary: 'Unread counts per conversation and in total',
    tags,
    response: ZUnread,
    handler: ({ ctx }) => service.getUnread(db, ctx),
  });
  routes.add({
    method: 'patch',
    path: '/messages/:id',
    summary: 'Edit your own message (every earlier text is kept)',
    tags,
    params: ZMessageIdParams,
    body: ZEditMessage,
    response: ZMessage,
    handler: ({ ctx, params, body }) => service.editMessage(db, ctx, params.id, body.body),
  });
  routes.add({
    method: 'get',
    path: '/messages/:id/revisions',
    summary: 'Edit history of a message',
    tags,
    params: ZMessageIdParams,
    response: ZRevisions,
    handler: ({ ctx, params }) => service.getRevisions(db, ctx, params.id),
  });
  routes.add({
    method: 'get',
    path: '/messages/:id/readers',
    summary: 'Who has read a message (in conversations too large to list them on every message)',
    tags,
    params: ZMessageIdParams,
    response: ZReaders,
    handler: ({ ctx, params }) => service.getReaders(db, ctx, params.id),
  });
  routes.add({
    method: 'post',
    path: '/messages/:id/pin',
    summary: 'Pin a message',
    tags,
    params: ZMessageIdParams,
    response: ZMessage,
    handler: ({ ctx, params }) => service.setMessagePinned(db, ctx, params.id, true),
  });
  routes.add({
    method: 'post',
    path: '/messages/:id/unpin',
    summary: 'Unpin a message',
    tags,
    params: ZMessageIdParams,
    response: ZMessage,
    handler: ({ ctx, params }) => service.setMessagePinned(db, ctx, params.id, false),
  });
}

const unavailableSms: service.TTextMessage = async () => {
  throw new AppError('sms_not_available', 422, 'Texting is not available');
};
