import { z } from 'zod';
import type { Db } from '../../db/connect.js';
import type { RouteTable } from '../../http/define-route.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { ZContactList } from '../contacts/schemas.js';
import {
  ZCreateMatter,
  ZListMattersQuery,
  ZMatter,
  ZMatterAccess,
  ZMatterContactParams,
  ZMatterIdParams,
  ZMatterPage,
  ZSetMatterAccess,
  ZUpdateMatter,
} from './schemas.js';
import * as service from './service.js';

export function addMatterRoutes(routes: RouteTable<StaffContext>, db: Db): void {
  const tags = ['matters'];
  routes.add({
    method: 'get',
    path: '/matters',
    summary: 'Matters the caller may see, newest first; q searches number and title',
    tags,
    query: ZListMattersQuery,
    response: ZMatterPage,
    handler: ({ ctx, query }) => service.listMatters(db, ctx, query),
  });
  routes.add({
    method: 'post',
    path: '/matters',
    summary: 'Create a matter',
    tags,
    body: ZCreateMatter,
    response: ZMatter,
    status: 201,
    idempotent: true,
    handler: ({ ctx, body, meta, db: tx }) => service.createMatter(tx, ctx, body, meta.requestId),
  });
  routes.add({
    method: 'get',
    path: '/matters/:id',
    summary: 'One matter',
    tags,
    params: ZMatterIdParams,
    response: ZMatter,
    handler: ({ ctx, params }) => service.getMatter(db, ctx, params.id),
  });
  routes.add({
    method: 'patch',
    path: '/matters/:id',
    summary: 'Change a matter number or title',
    tags,
    params: ZMatterIdParams,
    body: ZUpdateMatter,
    response: ZMatter,
    handler: ({ ctx, params, body }) => service.updateMatter(db, ctx, params.id, body),
  });
  routes.add({
    method: 'post',
    path: '/matters/:id/close',
    summary: 'Close a matter',
    tags,
    params: ZMatterIdParams,
    response: ZMatter,
    handler: ({ ctx, params, meta }) => service.setMatterStatus(db, ctx, params.id, 'closed', meta.requestId),
  });
  routes.add({
    method: 'post',
    path: '/matters/:id/reopen',
    summary: 'Reopen a closed matter',
    tags,
    params: ZMatterIdParams,
    response: ZMatter,
    handler: ({ ctx, params, meta }) => service.setMatterStatus(db, ctx, params.id, 'open', meta.requestId),
  });
  routes.add({
    method: 'get',
    path: '/matters/:id/access',
    summary: 'Whether a matter is restricted, and to whom',
    tags,
    params: ZMatterIdParams,
    response: ZMatterAccess,
    handler: ({ ctx, params }) => service.getMatterAccess(db, ctx, params.id),
  });
  routes.add({
    method: 'put',
    path: '/matters/:id/access',
    summary: 'Restrict a matter to listed staff, or lift the restriction',
    tags,
    params: ZMatterIdParams,
    body: ZSetMatterAccess,
    response: ZMatterAccess,
    handler: ({ ctx, params, body, meta }) => service.setMatterAccess(db, ctx, params.id, body, meta.requestId),
  });
  routes.add({
    method: 'get',
    path: '/matters/:id/contacts',
    summary: 'Contacts linked to a matter',
    tags,
    params: ZMatterIdParams,
    response: ZContactList,
    handler: ({ ctx, params }) => service.listMatterContacts(db, ctx, params.id),
  });
  routes.add({
    method: 'put',
    path: '/matters/:id/contacts/:contactId',
    summary: 'Link a contact to a matter',
    tags,
    params: ZMatterContactParams,
    status: 204,
    handler: ({ ctx, params }) => service.linkContactToMatter(db, ctx, params.id, params.contactId),
  });
  routes.add({
    method: 'get',
    path: '/contacts/:id/matters',
    summary: "A contact's matters that the caller may see",
    tags: ['contacts'],
    params: z.object({ id: z.uuid('must be a UUID') }).strict(),
    response: z.object({ items: z.array(ZMatter) }),
    handler: ({ ctx, params }) => service.listMattersOfContact(db, ctx, params.id),
  });
}
