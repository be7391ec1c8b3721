import type { Db } from '../../db/connect.js';
import type { RouteTable } from '../../http/define-route.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { ZMatterIdParams } from '../matters/schemas.js';
import {
  ZAddParticipants,
  ZConversation,
  ZConversationIdParams,
  ZConversationList,
  ZCreateConversation,
  ZListChannelsQuery,
  ZListConversationsQuery,
  ZMatterContactParams,
  ZParticipantParams,
  ZRenameConversation,
} from './schemas.js';
import * as service from './service.js';

export function addConversationRoutes(
  routes: RouteTable<StaffContext>,
  deps: { db: Db; invite: service.TInvite },
): void {
  const { db, invite } = deps;
  const tags = ['conversations'];
  routes.add({
    method: 'get',
    path: '/conversations',
    summary: 'Conversations the caller has joined, newest activity first',
    tags,
    query: ZListConversationsQuery,
    response: ZConversationList,
    handler: ({ ctx, query }) => service.listMyConversations(db, ctx, query.kind),
  });
  routes.add({
    method: 'post',
    path: '/conversations',
    summary: 'Start a channel, direct message, or internal or external matter conversation',
    tags,
    body: ZCreateConversation,
    response: ZConversation,
    status: 201,
    idempotent: true,
    handler: ({ ctx, body, meta, db: tx }) => service.createConversation(tx, ctx, body, meta.requestId, invite),
  });
  routes.add({
    method: 'get',
    path: '/channels',
    summary: "Browse the firm's channels by name, most recently active first",
    tags,
    query: ZListChannelsQuery,
    response: ZConversationList,
    handler: ({ ctx, query }) => service.listChannels(db, ctx, query),
  });
  routes.add({
    method: 'get',
    path: '/matters/:id/conversations',
    summary: "A matter's external and internal conversations",
    tags,
    params: ZMatterIdParams,
    response: ZConversationList,
    handler: ({ ctx, params }) => service.listMatterConversations(db, ctx, params.id),
  });
  routes.add({
    method: 'get',
    path: '/conversations/:id',
    summary: 'One conversation',
    tags,
    params: ZConversationIdParams,
    response: ZConversation,
    handler: ({ ctx, params }) => service.getConversationView(db, ctx, params.id),
  });
  routes.add({
    method: 'patch',
    path: '/conversations/:id',
    summary: 'Rename a conversation (participants)',
    tags,
    params: ZConversationIdParams,
    body: ZRenameConversation,
    response: ZConversation,
    handler: ({ ctx, params, body }) => service.renameConversation(db, ctx, params.id, body.name),
  });
  routes.add({
    method: 'post',
    path: '/conversations/:id/join',
    summary: 'Join a channel or matter conversation',
    tags,
    params: ZConversationIdParams,
    response: ZConversation,
    handler: ({ ctx, params }) => service.joinConversation(db, ctx, params.id),
  });
  routes.add({
    method: 'post',
    path: '/conversations/:id/leave',
    summary: 'Leave a conversation',
    tags,
    params: ZConversationIdParams,
    response: ZConversation,
    handler: ({ ctx, params }) => service.leaveConversation(db, ctx, params.id),
  });
  routes.add({
    method: 'post',
    path: '/conversations/:id/participants',
    summary: 'Add staff (and, in external conversations, contacts of the matter)',
    tags,
    params: ZConversationIdParams,
    body: ZAddParticipants,
    response: ZConversation,
    handler: ({ ctx, params, body }) => service.addConversationParticipants(db, ctx, params.id, body, invite),
  });
  routes.add({
    method: 'delete',
    path: '/conversations/:id/participants/:participantId',
    summary: 'Remove a participant (they keep nothing new; what was sent stays)',
    tags,
    params: ZParticipantParams,
    response: ZConversation,
    handler: ({ ctx, params }) => service.removeConversationParticipant(db, ctx, params.id, params.participantId),
  });
  routes.add({
    method: 'post',
    path: '/matters/:id/contacts/:contactId/end-engagement',
    summary: "End a contact's engagement: staff leave their external conversations, which become read-only",
    tags,
    params: ZMatterContactParams,
    status: 204,
    handler: ({ ctx, params, meta }) => service.endEngagement(db, ctx, params.id, params.contactId, meta.requestId),
  });
}
