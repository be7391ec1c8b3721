import type { Db } from '../../db/connect.js';
import type { RouteTable } from '../../http/define-route.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import {
  ZContact,
  ZContactIdParams,
  ZContactPage,
  ZCreateContact,
  ZListContactsQuery,
  ZUpdateContact,
} from './schemas.js';
import * as service from './service.js';

export function addContactRoutes(routes: RouteTable<StaffContext>, db: Db): void {
  const tags = ['contacts'];
  routes.add({
    method: 'get',
    path: '/contacts',
    summary: "The firm's contacts by name; q searches name, email and mobile",
    tags,
    query: ZListContactsQuery,
    response: ZContactPage,
    handler: ({ ctx, query }) => service.listContacts(db, ctx, query),
  });
  routes.add({
    method: 'post',
    path: '/contacts',
    summary: 'Add a contact (client or third party)',
    tags,
    body: ZCreateContact,
    response: ZContact,
    status: 201,
    idempotent: true,
    handler: ({ ctx, body, db: tx }) => service.createContact(tx, ctx, body),
  });
  routes.add({
    method: 'get',
    path: '/contacts/:id',
    summary: 'One contact',
    tags,
    params: ZContactIdParams,
    response: ZContact,
    handler: ({ ctx, params }) => service.getContact(db, ctx, params.id),
  });
  routes.add({
    method: 'patch',
    path: '/contacts/:id',
    summary: 'Edit a contact',
    tags,
    params: ZContactIdParams,
    body: ZUpdateContact,
    response: ZContact,
    handler: ({ ctx, params, body }) => service.updateContact(db, ctx, params.id, body),
  });
}
