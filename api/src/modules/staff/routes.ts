import type { Db } from '../../db/connect.js';
import type { RouteTable } from '../../http/define-route.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { ZCreateStaff, ZMe, ZStaff, ZStaffIdParams, ZStaffList, ZUpdateStaff } from './schemas.js';
import * as service from './service.js';

export function addStaffRoutes(
  routes: RouteTable<StaffContext>,
  db: Db,
  uploads: { maxBytes: number; maxFiles: number },
  deps: { onAccessChanged?: (staffId: string) => void; features?: { rewrite: boolean } } = {},
): void {
  routes.add({
    method: 'get',
    path: '/me',
    summary: 'The signed-in staff member and their firm',
    tags: ['staff'],
    response: ZMe,
    handler: ({ ctx }) => service.getMe(db, ctx, uploads, deps.features ?? { rewrite: false }),
  });
  routes.add({
    method: 'get',
    path: '/staff',
    summary: 'Staff of the firm (admins also see disabled staff)',
    tags: ['staff'],
    response: ZStaffList,
    handler: ({ ctx }) => service.listStaff(db, ctx),
  });
  routes.add({
    method: 'post',
    path: '/staff',
    summary: 'Add a staff member (admin)',
    tags: ['staff'],
    body: ZCreateStaff,
    response: ZStaff,
    status: 201,
    idempotent: true,
    handler: ({ ctx, body, meta, db: tx }) => service.createStaff(tx, ctx, body, meta.requestId),
  });
  routes.add({
    method: 'patch',
    path: '/staff/:id',
    summary: 'Edit, disable or enable a staff member (admin)',
    tags: ['staff'],
    params: ZStaffIdParams,
    body: ZUpdateStaff,
    response: ZStaff,
    handler: ({ ctx, params, body, meta }) =>
      service.updateStaff(db, ctx, params.id, body, meta.requestId, deps.onAccessChanged),
  });
}
