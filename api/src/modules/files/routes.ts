import type { Request } from 'express';
import type { TConfig } from '../../config.js';
import { parseInput, type RouteTable } from '../../http/define-route.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { ZConversationIdParams } from '../conversations/schemas.js';
import { ZMatterIdParams } from '../matters/schemas.js';
import { ZMessage } from '../messages/schemas.js';
import { assertStaffMayPost, type TTextMessage } from '../messages/service.js';
import { exportConversation } from './export-conversation.js';
import { discardStagedFiles, onceWithUpload, receiveUpload } from './receive-upload.js';
import { requireVisibleDocument } from './document-access.js';
import { requireVisibleMatter } from '../matters/service.js';
import {
  ZConversationFiles,
  ZDocument,
  ZDocumentDetails,
  ZDocumentIdParams,
  ZDocumentList,
  ZDownloadQuery,
  ZShare,
  ZShareDocument,
  ZUploadFields,
} from './schemas.js';
import * as service from './service.js';
import { sendPreview } from './send-preview.js';
import { streamVersion } from './stream-version.js';

export function addFileRoutes(
  routes: RouteTable<StaffContext>,
  deps: service.TFilesDeps & { uploads: TConfig['uploads']; textMessage: TTextMessage },
): void {
  const { db } = deps;
  const tags = ['files'];
  const receive = async (req: Request, ctx: StaffContext) => {
    const upload = await receiveUpload(req, { ...deps, firmId: ctx.firmId, ...deps.uploads });
    try {
      return { upload, fields: parseInput(ZUploadFields, upload.fields, 'body') };
    } catch (error) {
      await discardStagedFiles(
        { ...deps, firmId: ctx.firmId },
        upload.files.map((f) => f.blobName),
      );
      throw error;
    }
  };

  routes.addRaw(
    {
      method: 'post',
      path: '/conversations/:id/uploads',
      summary:
        'Send a message with files (multipart/form-data: files, optional body, source, aboutDocumentId, documentIds, sendAsSms)',
      tags,
      params: ZConversationIdParams,
      requestContentType: 'multipart/form-data',
      response: ZMessage,
      status: 201,
      idempotent: true,
    },
    async ({ req, params, ctx, meta, once }) => {
      await assertStaffMayPost(db, ctx, params.id);
      const { upload, fields } = await receive(req, ctx);
      return onceWithUpload(once, { ...deps, firmId: ctx.firmId }, upload, fields, (tx) =>
        service.sendMessageWithUpload({ ...deps, db: tx }, ctx, params.id, upload, {
          body: fields.body ?? '',
          source: fields.source ?? 'staff',
          idempotencyKey: meta.idempotencyKey,
          aboutDocumentId: fields.aboutDocumentId,
          sendAsSms: fields.sendAsSms === 'true' ? deps.textMessage : undefined,
          documentIds: fields.documentIds,
          maxFiles: deps.uploads.maxFiles,
        }),
      );
    },
  );
  routes.addRaw(
    {
      method: 'post',
      path: '/matters/:id/documents',
      summary: 'Upload documents to a matter (multipart/form-data)',
      tags,
      params: ZMatterIdParams,
      requestContentType: 'multipart/form-data',
      response: ZDocumentList,
      status: 201,
      idempotent: true,
    },
    async ({ req, params, ctx, once }) => {
      await requireVisibleMatter(db, ctx, params.id);
      const { upload, fields } = await receive(req, ctx);
      return onceWithUpload(once, { ...deps, firmId: ctx.firmId }, upload, fields, (tx) =>
        service.uploadMatterDocuments({ ...deps, db: tx }, ctx, params.id, upload, fields.source ?? 'staff'),
      );
    },
  );
  routes.addRaw(
    {
      method: 'post',
      path: '/documents/:id/versions',
      summary: 'Upload a new version of a matter document (multipart/form-data, one file)',
      tags,
      params: ZDocumentIdParams,
      requestContentType: 'multipart/form-data',
      response: ZDocument,
      status: 201,
      idempotent: true,
    },
    async ({ req, params, ctx, once }) => {
      await requireVisibleDocument(db, ctx, params.id);
      const { upload, fields } = await receive(req, ctx);
      return onceWithUpload(once, { ...deps, firmId: ctx.firmId }, upload, fields, (tx) =>
        service.uploadNewVersion({ ...deps, db: tx }, ctx, params.id, upload),
      );
    },
  );
  routes.addRaw(
    {
      method: 'get',
      path: '/files/:id',
      summary: 'Download a file version (attachment); ?inline=1 previews PDFs and images for a sandboxed frame',
      tags,
      params: ZDocumentIdParams,
      query: ZDownloadQuery,
      responseContentType: 'application/octet-stream',
    },
    async ({ req, res, params, query, ctx, meta }) => {
      const version = await service.prepareStaffDownload(deps, ctx, params.id, meta);
      await streamVersion(deps.blobs, version, query.inline === '1', req, res);
    },
  );
  routes.addRaw(
    {
      method: 'get',
      path: '/files/:id/preview',
      summary:
        "A file version's thumbnail or first-page preview (WebP, at most 480 px on its longer side); 404 no_preview until it is ready",
      tags,
      params: ZDocumentIdParams,
      responseContentType: 'image/webp',
    },
    async ({ req, res, params, ctx, meta }) => {
      const preview = await service.prepareStaffPreview(deps, ctx, params.id, meta);
      await sendPreview(deps.blobs, preview, req, res);
    },
  );
  routes.add({
    method: 'get',
    path: '/matters/:id/documents',
    summary: "A matter's documents with their source (staff, Outlook, portal, export)",
    tags,
    params: ZMatterIdParams,
    response: ZDocumentList,
    handler: ({ ctx, params }) => service.listMatterDocuments(db, ctx, params.id),
  });
  routes.add({
    method: 'get',
    path: '/documents/:id',
    summary: 'A document with its versions, comments and shares',
    tags,
    params: ZDocumentIdParams,
    response: ZDocumentDetails,
    handler: ({ ctx, params }) => service.getDocumentDetails(db, ctx, params.id),
  });
  routes.add({
    method: 'get',
    path: '/conversations/:id/files',
    summary: "A conversation's attachments and shares (the Files tab)",
    tags,
    params: ZConversationIdParams,
    response: ZConversationFiles,
    handler: ({ ctx, params }) => service.listConversationFiles(db, ctx, params.id),
  });
  routes.add({
    method: 'post',
    path: '/conversations/:id/shares',
    summary: 'Share a matter document live into an external conversation',
    tags,
    params: ZConversationIdParams,
    body: ZShareDocument,
    response: ZShare,
    status: 201,
    idempotent: true,
    handler: ({ ctx, params, body, db: tx }) => service.shareDocument(tx, ctx, params.id, body.documentId),
  });
  routes.add({
    method: 'post',
    path: '/shares/:id/revoke',
    summary: "Remove the recipients' access to a shared document",
    tags,
    params: ZDocumentIdParams,
    response: ZShare,
    handler: ({ ctx, params, meta }) => service.revokeShare(db, ctx, params.id, meta.requestId),
  });
  routes.add({
    method: 'post',
    path: '/conversations/:id/export',
    summary: "Export the conversation as CSV into the matter's documents",
    tags,
    params: ZConversationIdParams,
    response: ZDocument,
    status: 201,
    idempotent: true,
    handler: ({ ctx, params, meta, db: tx }) => exportConversation({ ...deps, db: tx }, ctx, params.id, meta.requestId),
  });
}
