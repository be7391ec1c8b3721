import { z } from 'zod';
import { ZFileRef, ZMessage } from '../messages/schemas.js';

export const ZDocumentSource = z.enum(['staff', 'outlook', 'portal', 'export']);

export const ZVersion = z
  .object({
    id: z.uuid(),
    version: z.number().int(),
    name: z.string(),
    size: z.number().int(),
    contentType: z.string(),
    sha256: z.string(),
    createdAt: z.string(),
  })
  .openapi('DocumentVersion');

export const ZDocument = z
  .object({
    id: z.uuid(),
    matterId: z.uuid().nullable(),
    name: z.string(),
    source: ZDocumentSource,
    createdAt: z.string(),
    updatedAt: z.string(),
    latest: ZVersion,
    versionCount: z.number().int(),
  })
  .openapi('Document');
export type TDocument = z.infer<typeof ZDocument>;

export const ZDocumentList = z.object({ items: z.array(ZDocument) }).openapi('DocumentList');

export const ZShare = z
  .object({
    id: z.uuid(),
    conversationId: z.uuid(),
    document: ZDocument,
    sharedAt: z.string(),
    sharedBy: z.object({ id: z.uuid(), name: z.string() }),
    revokedAt: z.string().nullable(),
  })
  .openapi('Share');

export const ZConversationFiles = z
  .object({
    attachments: z.array(z.object({ messageId: z.uuid(), file: ZFileRef, sentAt: z.string() })),
    shares: z.array(ZShare),
  })
  .openapi('ConversationFiles');

export const ZDocumentDetails = z
  .object({
    document: ZDocument,
    versions: z.array(ZVersion),
    comments: z.array(ZMessage),
    shares: z.array(ZShare),
  })
  .openapi('DocumentDetails');

export const ZShareDocument = z.object({ documentId: z.uuid() }).strict().openapi('ShareDocument');
export const ZDocumentIdParams = z.object({ id: z.uuid('must be a UUID') }).strict();
export const ZDownloadQuery = z.object({ inline: z.enum(['0', '1']).optional() }).strict();

/** Text fields that may accompany an upload. */
export const ZUploadFields = z
  .object({
    body: z.string().optional(),
    source: z.enum(['staff', 'outlook']).optional(),
    aboutDocumentId: z.uuid().optional(),
    /** Matter documents to attach as copies too, comma-separated ids. */
    documentIds: z
      .string()
      .transform((v) => v.split(',').filter(Boolean))
      .pipe(z.array(z.uuid('each document id must be a UUID')).max(130))
      .optional(),
    /** "true": also text the message to the clients and third parties (see messages sendAsSms). */
    sendAsSms: z.enum(['true', 'false']).optional(),
  })
  .strict();

/** What one upload may carry on this deployment (UPLOAD_MAX_BYTES, UPLOAD_MAX_FILES): the apps check before sending. */
export const ZUploadLimits = z
  .object({
    maxBytes: z.number().int().describe('Most bytes one upload may carry, all its files together'),
    maxFiles: z.number().int().describe('Most files one upload may carry'),
  })
  .openapi('UploadLimits');
