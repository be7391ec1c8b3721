import { z } from 'zod';
import type { Db } from '../../db/connect.js';
import type { RouteTable } from '../../http/define-route.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { ZCreateForm, ZForm, ZFormRequest, ZIdParams, ZSendFormRequest } from './schemas.js';
import * as service from './service.js';

/** Staff: the firm's intake forms, and forms sent to a matter's contacts. */
export function addFormRoutes(routes: RouteTable<StaffContext>, deps: service.TFormsDeps): void {
  const db: Db = deps.db;
  const tags = ['forms'];
  routes.add({
    method: 'get',
    path: '/forms',
    summary: "The firm's forms, newest first",
    tags,
    response: z.object({ items: z.array(ZForm) }),
    handler: ({ ctx }) => service.listForms(db, ctx),
  });
  routes.add({
    method: 'post',
    path: '/forms',
    summary: 'Create a form (its fields cannot change afterwards)',
    tags,
    body: ZCreateForm,
    response: ZForm,
    status: 201,
    idempotent: true,
    handler: ({ ctx, body, db: tx }) => service.createForm(tx, ctx, body),
  });
  routes.add({
    method: 'get',
    path: '/forms/:id',
    summary: 'One form',
    tags,
    params: ZIdParams,
    response: ZForm,
    handler: ({ ctx, params }) => service.getForm(db, ctx, params.id),
  });
  routes.add({
    method: 'post',
    path: '/matters/:id/form-requests',
    summary: 'Send a form to a contact of the matter (they are emailed)',
    tags,
    params: ZIdParams,
    body: ZSendFormRequest,
    response: ZFormRequest,
    status: 201,
    idempotent: true,
    handler: ({ ctx, params, body, db: tx }) => service.sendFormRequest({ ...deps, db: tx }, ctx, params.id, body),
  });
  routes.add({
    method: 'get',
    path: '/matters/:id/form-requests',
    summary: 'Forms sent on a matter, with their answers',
    tags,
    params: ZIdParams,
    response: z.object({ items: z.array(ZFormRequest) }),
    handler: ({ ctx, params }) => service.listMatterFormRequests(db, ctx, params.id),
  });
  routes.add({
    method: 'get',
    path: '/form-requests/:id',
    summary: 'One form sent to a contact',
    tags,
    params: ZIdParams,
    response: ZFormRequest,
    handler: ({ ctx, params }) => service.getFormRequest(db, ctx, params.id),
  });
}
