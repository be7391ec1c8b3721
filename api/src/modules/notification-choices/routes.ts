import type { Db } from '../../db/connect.js';
import type { RouteTable } from '../../http/define-route.js';
import type { TContactContext } from '../portal-auth/service.js';
import { ZNotificationChoice, ZPortalNotificationChoice } from './schemas.js';
import * as service from './service.js';

/** The portal's notification choices: how the signed-in contact hears of new messages from this firm. */
export function addNotificationChoiceRoutes(routes: RouteTable<TContactContext>, deps: { db: Db }): void {
  const tags = ['portal'];
  routes.add({
    method: 'get',
    path: '/notification-choices',
    summary: 'How the contact is told of new messages (email, SMS, both, acknowledgements only), quiet hours, digest',
    tags,
    response: ZPortalNotificationChoice,
    handler: ({ ctx }) => service.getMyChoice(deps.db, ctx),
  });
  routes.add({
    method: 'put',
    path: '/notification-choices',
    summary: 'Change how the contact is told of new messages',
    tags,
    body: ZNotificationChoice,
    response: ZPortalNotificationChoice,
    handler: ({ ctx, meta, body }) => service.saveMyChoice(deps.db, ctx, meta, body),
  });
}
