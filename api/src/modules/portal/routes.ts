import { z } from 'zod';
import type { TConfig } from '../../config.js';
import { parseInput, type RouteTable } from '../../http/define-route.js';
import { discardStagedFiles, onceWithUpload, receiveUpload } from '../files/receive-upload.js';
import { sendPreview } from '../files/send-preview.js';
import { streamVersion } from '../files/stream-version.js';
import { ZDownloadQuery } from '../files/schemas.js';
import { ZMarkRead } from '../messages/schemas.js';
import type { TContactContext } from '../portal-auth/service.js';
import {
  ZIdParams,
  ZPortalConversation,
  ZPortalDocumentsQuery,
  ZPortalEditMessage,
  ZPortalFile,
  ZPortalMessage,
  ZPortalMessagesQuery,
  ZPortalSendMessage,
} from './schemas.js';
import { ZTodoExtras } from './todo-schemas.js';
import { ZClientAcknowledgement } from '../acknowledgements/schemas.js';
import * as service from './service.js';

const ZUploadFields = z.object({ body: z.string().optional() }).strict();

/** The portal's data, for a signed-in client or third party (cookie session + CSRF header). */
export function addPortalRoutes(
  routes: RouteTable<TContactContext>,
  deps: service.TPortalDataDeps & { uploads: TConfig['uploads'] },
): void {
  const { db } = deps;
  const tags = ['portal'];
  routes.add({
    method: 'get',
    path: '/conversations',
    summary: "The contact's conversations at this firm, newest activity first",
    tags,
    response: z.object({ items: z.array(ZPortalConversation) }),
    handler: ({ ctx }) => service.listConversations(db, ctx),
  });
  routes.add({
    method: 'get',
    path: '/conversations/:id',
    summary: 'One conversation',
    tags,
    params: ZIdParams,
    response: ZPortalConversation,
    handler: ({ ctx, params }) => service.getConversation(db, ctx, params.id),
  });
  routes.add({
    method: 'get',
    path: '/conversations/:id/messages',
    summary: 'Messages, newest page first (each page oldest first)',
    tags,
    params: ZIdParams,
    query: ZPortalMessagesQuery,
    response: z.object({ items: z.array(ZPortalMessage), nextCursor: z.string().nullable() }),
    handler: ({ ctx, params, query }) => service.listMessages(db, ctx, params.id, query),
  });
  routes.add({
    method: 'get',
    path: '/conversations/:id/pinned',
    summary: 'Pinned messages',
    tags,
    params: ZIdParams,
    response: z.object({ items: z.array(ZPortalMessage) }),
    handler: ({ ctx, params }) => service.listPinned(db, ctx, params.id),
  });
  routes.add({
    method: 'post',
    path: '/conversations/:id/messages',
    summary: 'Reply (or comment on a file with aboutDocumentId); Idempotency-Key honoured',
    tags,
    params: ZIdParams,
    body: ZPortalSendMessage,
    response: ZPortalMessage,
    status: 201,
    idempotent: true,
    handler: ({ ctx, params, body, meta, db: tx }) =>
      service.sendMessage(tx, ctx, params.id, {
        ...body,
        idempotencyKey: meta.idempotencyKey,
        now: deps.clock.now(),
      }),
  });
  routes.addRaw(
    {
      method: 'post',
      path: '/conversations/:id/uploads',
      summary: "Reply with files (multipart/form-data); they join the matter's documents as from the portal",
      tags,
      params: ZIdParams,
      requestContentType: 'multipart/form-data',
      response: ZPortalMessage,
      status: 201,
      idempotent: true,
    },
    async ({ req, ctx, params, meta, once }) => {
      await service.getConversation(db, ctx, params.id);
      const upload = await receiveUpload(req, { ...deps, firmId: ctx.firmId, ...deps.uploads });
      let fields: z.infer<typeof ZUploadFields>;
      try {
        fields = parseInput(ZUploadFields, upload.fields, 'body');
      } catch (error) {
        await discardStagedFiles(
          { ...deps, firmId: ctx.firmId },
          upload.files.map((f) => f.blobName),
        );
        throw error;
      }
      return onceWithUpload(once, { ...deps, firmId: ctx.firmId }, upload, fields, (tx) =>
        service.sendMessageWithUpload({ ...deps, db: tx }, ctx, params.id, upload, {
          body: fields.body ?? '',
          idempotencyKey: meta.idempotencyKey,
        }),
      );
    },
  );
  routes.add({
    method: 'get',
    path: '/conversations/:id/acknowledgements',
    summary:
      'Messages marked "needs acknowledgement by" or "needs a reply by" (the banner), with whether they were answered',
    tags,
    params: ZIdParams,
    response: z.object({ items: z.array(ZClientAcknowledgement) }),
    handler: ({ ctx, params }) => service.listAcknowledgements(db, ctx, params.id),
  });
  routes.add({
    method: 'post',
    path: '/messages/:id/acknowledge',
    summary:
      '"I have read this": recorded once (a repeat answers with the acknowledgement kept); 409 reply_requested for a message that asks for a reply',
    tags,
    params: ZIdParams,
    response: ZClientAcknowledgement,
    handler: ({ ctx, params, meta }) => service.acknowledgeMessage(db, deps.clock, ctx, params.id, meta),
  });
  routes.add({
    method: 'patch',
    path: '/messages/:id',
    summary: 'Edit your own message',
    tags,
    params: ZIdParams,
    body: ZPortalEditMessage,
    response: ZPortalMessage,
    handler: ({ ctx, params, body }) => service.editMessage(db, ctx, params.id, body.body),
  });
  routes.add({
    method: 'post',
    path: '/conversations/:id/read',
    summary: 'Mark messages read up to a seq',
    tags,
    params: ZIdParams,
    body: ZMarkRead,
    response: z.object({ unreadCount: z.number().int() }),
    handler: ({ ctx, params, body }) => service.markRead(db, ctx, params.id, body.seq),
  });
  routes.add({
    method: 'get',
    path: '/conversations/:id/files',
    summary: "A conversation's files: attachments and live shares",
    tags,
    params: ZIdParams,
    response: z.object({ items: z.array(ZPortalFile) }),
    handler: ({ ctx, params }) => service.listConversationFiles(db, ctx, params.id),
  });
  routes.add({
    method: 'get',
    path: '/documents',
    summary: 'Every file the contact has received, searchable by name',
    tags,
    query: ZPortalDocumentsQuery,
    response: z.object({ items: z.array(ZPortalFile) }),
    handler: ({ ctx, query }) => service.listDocuments(db, ctx, query.q),
  });
  routes.add({
    method: 'get',
    path: '/todo',
    summary: 'Unread messages, shared documents not yet opened, forms to complete, invoices to pay, events soon',
    tags,
    response: z.object({
      unreadMessages: z.array(z.object({ conversationId: z.uuid(), title: z.string(), unreadCount: z.number().int() })),
      documentsToOpen: z.array(ZPortalFile),
      ...ZTodoExtras.shape,
    }),
    handler: ({ ctx }) => service.getTodo(db, ctx, deps.clock.now()),
  });
  routes.addRaw(
    {
      method: 'get',
      path: '/files/:id',
      summary: 'Download a file (attachment), or ?inline=1 to preview a PDF or image in a sandboxed frame',
      tags,
      params: ZIdParams,
      query: ZDownloadQuery,
      responseContentType: 'application/octet-stream',
    },
    async ({ req, res, ctx, params, query, meta }) => {
      const version = await service.prepareDownload(deps, ctx, params.id, meta);
      await streamVersion(deps.blobs, version, query.inline === '1', req, res);
    },
  );
  routes.addRaw(
    {
      method: 'get',
      path: '/files/:id/preview',
      summary:
        "A file's thumbnail or first-page preview (WebP, at most 480 px on its longer side); 404 no_preview until it is ready",
      tags,
      params: ZIdParams,
      responseContentType: 'image/webp',
    },
    async ({ req, res, ctx, params, meta }) => {
      const preview = await service.preparePreview(deps, ctx, params.id, meta);
      await sendPreview(deps.blobs, preview, req, res);
    },
  );
}
