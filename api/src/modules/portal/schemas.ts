import { z } from 'zod';
import { ZFileRef, ZMessageBody, ZMessageNotice, ZMessageVia } from '../messages/schemas.js';

/** What clients and third parties see of a message: never who has read it. */
export const ZPortalMessage = z
  .object({
    id: z.uuid(),
    conversationId: z.uuid(),
    seq: z.number().int(),
    author: z.object({ kind: z.enum(['staff', 'contact']), id: z.uuid(), name: z.string(), initials: z.string() }),
    mine: z.boolean(),
    body: z.string(),
    via: ZMessageVia,
    createdAt: z.string(),
    editedAt: z.string().nullable(),
    pinnedAt: z.string().nullable(),
    files: z.array(ZFileRef),
    aboutDocument: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    notice: ZMessageNotice.nullable(),
  })
  .strict()
  .openapi('PortalMessage');
export type TPortalMessage = z.infer<typeof ZPortalMessage>;

export const ZPortalConversation = z
  .object({
    id: z.uuid(),
    title: z.string(),
    matter: z.object({ number: z.string(), title: z.string() }).nullable(),
    archivedAt: z.string().nullable(),
    archivedReason: z.enum(['matter_closed', 'engagement_ended']).nullable(),
    lastMessageAt: z.string().nullable(),
    participants: z.array(
      z.object({ name: z.string(), initials: z.string(), kind: z.enum(['staff', 'client', 'third_party']) }),
    ),
    unreadCount: z.number().int(),
  })
  .strict()
  .openapi('PortalConversation');

export const ZPortalFile = z
  .object({
    versionId: z.uuid(),
    documentId: z.uuid(),
    name: z.string(),
    size: z.number().int(),
    contentType: z.string(),
    sha256: z.string(),
    matter: z.object({ number: z.string(), title: z.string() }).nullable(),
    conversationId: z.uuid(),
    receivedAt: z.string(),
    /** When this version was added: for a live share, when the document was last updated. */
    updatedAt: z.string(),
    /** The version's number (a live share always shows the latest). */
    version: z.number().int(),
    kind: z.enum(['attachment', 'share']),
    shareId: z.uuid().nullable(),
    opened: z.boolean(),
  })
  .openapi('PortalFile');

export const ZPortalSendMessage = z
  .object({ body: ZMessageBody, aboutDocumentId: z.uuid().optional() })
  .strict()
  .openapi('PortalSendMessage');
export const ZPortalEditMessage = z.object({ body: ZMessageBody }).strict();
export const ZPortalMessagesQuery = z
  .object({
    before: z.string().max(64).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
export const ZPortalDocumentsQuery = z.object({ q: z.string().trim().max(200).optional() }).strict();
export const ZIdParams = z.object({ id: z.uuid('must be a UUID') }).strict();
