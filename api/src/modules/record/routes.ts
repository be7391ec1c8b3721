import type { RouteTable } from '../../http/define-route.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { ZConversationIdParams } from '../conversations/schemas.js';
import { contentDisposition } from '../files/sanitize-file-name.js';
import type { TContactContext } from '../portal-auth/service.js';
import { ZRecordExport, ZRecordFormat, ZRecordVerification } from './schemas.js';
import * as service from './service.js';

/** Staff: check a conversation's record, export it into the matter's documents. */
export function addRecordRoutes(routes: RouteTable<StaffContext>, deps: service.TRecordDeps): void {
  const tags = ['record'];
  routes.add({
    method: 'get',
    path: '/conversations/:id/record/verification',
    summary: "Check the conversation's hash chain against its messages, edits and files as they are now",
    tags,
    params: ZConversationIdParams,
    response: ZRecordVerification,
    handler: ({ ctx, params }) => service.verifyRecord(deps.db, ctx, params.id),
  });
  routes.add({
    method: 'post',
    path: '/conversations/:id/record/export',
    summary: "Export the conversation's tamper-evident record (PDF and JSON manifest) into the matter's documents",
    tags,
    params: ZConversationIdParams,
    response: ZRecordExport,
    status: 201,
    idempotent: true,
    handler: ({ ctx, params, meta, db: tx }) =>
      service.exportRecord({ ...deps, db: tx }, ctx, params.id, meta.requestId),
  });
}

/** Portal: a closed matter's conversation record, as PDF or (?format=json) its manifest. */
export function addPortalRecordRoutes(routes: RouteTable<TContactContext>, deps: service.TRecordDeps): void {
  routes.addRaw(
    {
      method: 'get',
      path: '/conversations/:id/record',
      summary: "Download the conversation's record once its matter is closed (?format=json for the manifest)",
      tags: ['portal'],
      params: ZConversationIdParams,
      query: ZRecordFormat,
      responseContentType: 'application/pdf',
    },
    async ({ res, ctx, params, query, meta }) => {
      const file = await service.portalRecord(deps, ctx, params.id, query.format, meta);
      res.status(200);
      res.setHeader('Content-Type', file.contentType);
      res.setHeader('Content-Disposition', contentDisposition('attachment', file.name));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'private, no-store');
      res.end(file.bytes);
    },
  );
}
