import type { Db } from '../../db/connect.js';
import type { RouteTable } from '../../http/define-route.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { ZSearchQuery, ZSearchResults } from './schemas.js';
import { searchForStaff } from './service.js';

export function addSearchRoutes(routes: RouteTable<StaffContext>, db: Db): void {
  routes.add({
    method: 'get',
    path: '/search',
    summary: 'Search messages in every conversation the caller may see (prefix matching, any language)',
    tags: ['search'],
    query: ZSearchQuery,
    response: ZSearchResults,
    handler: ({ ctx, query }) => searchForStaff(db, ctx, query),
  });
}
