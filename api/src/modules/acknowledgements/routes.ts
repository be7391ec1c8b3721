import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connect.js';
import type { RouteTable } from '../../http/define-route.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { ZConversationIdParams } from '../conversations/schemas.js';
import { ZAcknowledgement, ZAcknowledgementTask, ZMessageIdParams } from './schemas.js';
import * as service from './service.js';

/** Staff: who acknowledged which marked message when, each reminder step, and the inbox's tasks. */
export function addAcknowledgementRoutes(routes: RouteTable<StaffContext>, deps: { db: Db; clock: Clock }): void {
  const { db } = deps;
  const tags = ['acknowledgements'];
  routes.add({
    method: 'get',
    path: '/conversations/:id/acknowledgements',
    summary:
      'Messages of the conversation marked "needs acknowledgement by" or "needs a reply by", with who acknowledged when and each reminder step',
    tags,
    params: ZConversationIdParams,
    response: z.object({ items: z.array(ZAcknowledgement) }),
    handler: ({ ctx, params }) => service.listForConversation(db, ctx, params.id),
  });
  routes.add({
    method: 'get',
    path: '/acknowledgements/tasks',
    summary: 'Your messages past their acknowledge-by deadline without an acknowledgement (tasks on the inbox)',
    tags,
    response: z.object({ items: z.array(ZAcknowledgementTask) }),
    handler: ({ ctx }) => service.listTasks(db, ctx),
  });
  routes.add({
    method: 'post',
    path: '/acknowledgements/:messageId/close-task',
    summary:
      "Close the task of your message's missed deadline (the request and its record stay); answers the tasks left",
    tags,
    params: ZMessageIdParams,
    response: z.object({ items: z.array(ZAcknowledgementTask) }),
    handler: ({ ctx, params }) => service.closeTask(db, ctx, deps.clock, params.messageId),
  });
}
