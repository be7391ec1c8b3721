import { z } from 'zod';
import type { RouteTable } from '../../http/define-route.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { ZCreateInvoice, ZIdParams, ZInvoice, ZUpdateInvoice } from './schemas.js';
import * as service from './service.js';

/** Staff: a matter's invoices (the PDF is a matter document uploaded as usual). */
export function addInvoiceRoutes(routes: RouteTable<StaffContext>, deps: service.TInvoicesDeps): void {
  const tags = ['invoices'];
  routes.add({
    method: 'get',
    path: '/matters/:id/invoices',
    summary: "A matter's invoices, newest first",
    tags,
    params: ZIdParams,
    response: z.object({ items: z.array(ZInvoice) }),
    handler: ({ ctx, params }) => service.listMatterInvoices(deps.db, ctx, params.id),
  });
  routes.add({
    method: 'post',
    path: '/matters/:id/invoices',
    summary: 'Add an invoice (amount as a decimal string in the currency; number unique per matter)',
    tags,
    params: ZIdParams,
    body: ZCreateInvoice,
    response: ZInvoice,
    status: 201,
    idempotent: true,
    handler: ({ ctx, params, body, db }) => service.createInvoice({ ...deps, db }, ctx, params.id, body),
  });
  routes.add({
    method: 'patch',
    path: '/invoices/:id',
    summary: 'Mark paid or outstanding, change the due date, payment link or PDF',
    tags,
    params: ZIdParams,
    body: ZUpdateInvoice,
    response: ZInvoice,
    handler: ({ ctx, params, body }) => service.updateInvoice(deps, ctx, params.id, body),
  });
}
