import type { Db } from '../../db/connect.js';
import type { RouteTable } from '../../http/define-route.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { ZInbox, ZInboxQuery } from './schemas.js';
import { listInbox } from './service.js';

export function addInboxRoutes(routes: RouteTable<StaffContext>, db: Db): void {
  routes.add({
    method: 'get',
    path: '/inbox',
    summary:
      'The Messages inbox: conversations the caller takes part in, newest activity first, with last message, unread count and markers',
    tags: ['inbox'],
    query: ZInboxQuery,
    response: ZInbox,
    handler: ({ ctx, query }) => listInbox(db, ctx, query),
  });
}
