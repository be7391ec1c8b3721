import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { TConfig } from '../../config.js';
import type { Db } from '../../db/connect.js';
import type { RouteTable } from '../../http/define-route.js';
import type { BlobStore } from '../../integrations/blob-storage/blob-store.js';
import * as events from '../events/portal-service.js';
import { ZPortalEvent } from '../events/schemas.js';
import { contentDisposition, sanitizeFileName } from '../files/sanitize-file-name.js';
import { onceWithUpload, receiveUpload } from '../files/receive-upload.js';
import { streamVersion } from '../files/stream-version.js';
import * as forms from '../forms/portal-service.js';
import { ZFormAnswers, ZFormFileRef, ZFormRequest } from '../forms/schemas.js';
import * as invoices from '../invoices/portal-service.js';
import { ZInvoiceTotals, ZPortalInvoice } from '../invoices/schemas.js';
import type { TContactContext } from '../portal-auth/service.js';
import { ZIdParams } from './schemas.js';

export type TPortalExtrasDeps = {
  db: Db;
  blobs: BlobStore;
  clock: Clock;
  config: TConfig;
  uploads: TConfig['uploads'];
};

/** The portal's events, intake forms and billing, for a signed-in contact (matters they are engaged on). */
export function addPortalExtrasRoutes(routes: RouteTable<TContactContext>, deps: TPortalExtrasDeps): void {
  const { db } = deps;
  routes.add({
    method: 'get',
    path: '/calendar-events',
    summary: 'Upcoming matter events (meetings, hearings) the contact attends, soonest first',
    tags: ['portal events'],
    response: z.object({ items: z.array(ZPortalEvent) }),
    handler: ({ ctx }) => events.listUpcomingEvents(db, ctx, deps.clock.now()),
  });
  routes.addRaw(
    {
      method: 'get',
      path: '/calendar-events/:id/ics',
      summary: 'The event as an iCalendar file (audited)',
      tags: ['portal events'],
      params: ZIdParams,
      responseContentType: 'text/calendar',
    },
    async ({ res, ctx, params, meta }) => {
      const { ics, title } = await events.eventIcs(deps, ctx, params.id, meta);
      res.status(200);
      res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
      res.setHeader('Content-Disposition', contentDisposition('attachment', sanitizeFileName(`${title}.ics`)));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'private, no-store');
      res.end(ics);
    },
  );

  const tags = ['portal forms'];
  routes.add({
    method: 'get',
    path: '/forms',
    summary: "The contact's forms, newest first",
    tags,
    response: z.object({ items: z.array(ZFormRequest) }),
    handler: ({ ctx }) => forms.listContactForms(db, ctx),
  });
  routes.add({
    method: 'get',
    path: '/forms/:id',
    summary: 'One form with the saved answers',
    tags,
    params: ZIdParams,
    response: ZFormRequest,
    handler: ({ ctx, params }) => forms.getContactForm(db, ctx, params.id),
  });
  routes.add({
    method: 'put',
    path: '/forms/:id/draft',
    summary: 'Save answers as a draft (partial answers allowed; types checked)',
    tags,
    params: ZIdParams,
    body: ZFormAnswers,
    response: ZFormRequest,
    handler: ({ ctx, params, body }) => forms.saveDraft(deps, ctx, params.id, body.answers),
  });
  routes.addRaw(
    {
      method: 'post',
      path: '/forms/:id/files',
      summary: 'Upload one file for a file field (multipart/form-data); use its id in the answers',
      tags,
      params: ZIdParams,
      requestContentType: 'multipart/form-data',
      response: ZFormFileRef,
      status: 201,
      idempotent: true,
    },
    async ({ req, ctx, params, once }) => {
      await forms.getContactForm(db, ctx, params.id);
      const upload = await receiveUpload(req, { db, blobs: deps.blobs, firmId: ctx.firmId, ...deps.uploads });
      return onceWithUpload(once, { db, blobs: deps.blobs, firmId: ctx.firmId }, upload, upload.fields, (tx) =>
        forms.addFormFile({ ...deps, db: tx }, ctx, params.id, upload),
      );
    },
  );
  routes.add({
    method: 'post',
    path: '/forms/:id/submit',
    summary: "Submit the answers (once); they are saved to the matter's documents as PDF and CSV",
    tags,
    params: ZIdParams,
    body: ZFormAnswers,
    response: ZFormRequest,
    idempotent: true,
    handler: ({ ctx, params, body, db: tx }) => forms.submitForm({ ...deps, db: tx }, ctx, params.id, body.answers),
  });

  routes.add({
    method: 'get',
    path: '/invoices',
    summary: "The contact's invoices with totals per currency",
    tags: ['portal billing'],
    response: z.object({ items: z.array(ZPortalInvoice), totals: z.array(ZInvoiceTotals) }),
    handler: ({ ctx }) => invoices.listContactInvoices(db, ctx),
  });
  routes.addRaw(
    {
      method: 'get',
      path: '/invoices/:id/pdf',
      summary: "Download the invoice's PDF (audited)",
      tags: ['portal billing'],
      params: ZIdParams,
      responseContentType: 'application/pdf',
    },
    async ({ req, res, ctx, params, meta }) => {
      const version = await invoices.prepareInvoicePdf(deps, ctx, params.id, meta);
      await streamVersion(deps.blobs, version, false, req, res);
    },
  );
}

/** What To Do adds from events, forms and billing. */
export async function extrasTodo(db: Db, ctx: TContactContext, now: Date) {
  const [formsToComplete, outstandingInvoices, upcomingEvents] = await Promise.all([
    forms.listFormsToComplete(db, ctx),
    invoices.listOutstandingInvoices(db, ctx, now),
    events.listEventsSoon(db, ctx, now),
  ]);
  return { formsToComplete, outstandingInvoices, upcomingEvents };
}
