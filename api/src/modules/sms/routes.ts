import type { RouteTable } from '../../http/define-route.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import {
  ZAssignResult,
  ZAssignUnrouted,
  ZIdParams,
  ZMessageTexts,
  ZResendSms,
  ZSmsPlan,
  ZUnroutedList,
  ZUnroutedQuery,
} from './schemas.js';
import * as service from './service.js';

export function addSmsRoutes(routes: RouteTable<StaffContext>, deps: service.TSmsDeps): void {
  const tags = ['sms'];
  routes.add({
    method: 'get',
    path: '/messages/:id/sms',
    summary:
      "A message's texts: each recipient's latest status (sending, sent, delivered, failed, refused, opted_out) and every attempt",
    tags,
    params: ZIdParams,
    response: ZMessageTexts,
    handler: ({ ctx, params }) => service.getMessageTexts(deps.db, ctx, params.id),
  });
  routes.add({
    method: 'get',
    path: '/conversations/:id/sms-plan',
    summary:
      'Who "Send as SMS" would text in this conversation, and why each other client or third party would not be (the rules a send applies)',
    tags,
    params: ZIdParams,
    response: ZSmsPlan,
    handler: ({ ctx, params }) => service.getSmsPlan(deps, ctx, params.id),
  });
  routes.add({
    method: 'post',
    path: '/messages/:id/sms/resend',
    summary: 'Resend a message as SMS (to everyone in the conversation, or the listed contacts)',
    tags,
    params: ZIdParams,
    body: ZResendSms,
    response: ZMessageTexts,
    // a retried resend must not text everyone twice
    idempotent: true,
    handler: ({ ctx, params, body, db }) => service.resendAsSms({ ...deps, db }, ctx, params.id, body.contactIds),
  });
  routes.add({
    method: 'get',
    path: '/sms/unrouted',
    summary: 'Admins: texts from clients that could not be filed in a conversation, newest first',
    tags,
    query: ZUnroutedQuery,
    response: ZUnroutedList,
    handler: ({ ctx, query }) => service.listUnrouted(deps, ctx, { includeAssigned: query.include === 'assigned' }),
  });
  routes.add({
    method: 'post',
    path: '/sms/unrouted/:id/assign',
    summary: 'Admins: file an unrouted text in a conversation (posted as from the contact with that mobile, via SMS)',
    tags,
    params: ZIdParams,
    body: ZAssignUnrouted,
    response: ZAssignResult,
    handler: ({ ctx, params, body }) => service.assignUnrouted(deps, ctx, params.id, body.conversationId),
  });
}
