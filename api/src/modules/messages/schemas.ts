import { z } from 'zod';
import { ZAcknowledgeBy } from '../acknowledgements/schemas.js';

export const ZMessageVia = z.enum(['app', 'portal', 'sms', 'quick_link', 'outlook']);

export const ZMessageAuthor = z.object({
  kind: z.enum(['staff', 'contact']),
  id: z.uuid(),
  name: z.string(),
  initials: z.string(),
});

export const ZFilePreview = z
  .object({
    status: z.enum(['pending', 'ready', 'failed']),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
  })
  .openapi('FilePreview');

export const ZFileRef = z
  .object({
    versionId: z.uuid(),
    documentId: z.uuid(),
    name: z.string(),
    size: z.number().int(),
    contentType: z.string(),
    sha256: z.string(),
    /**
     * Its thumbnail (images) or first-page preview (PDFs), made after the upload: pending, then
     * ready (`GET /files/{versionId}/preview`, at most 480 px on its longer side) or failed (the
     * file shows without one). Null for files of other types. `file.preview` events announce
     * the change.
     */
    preview: ZFilePreview.nullable(),
  })
  .openapi('FileRef');

/** A text's delivery status as staff see it: sending → sent → delivered, or failed; refused and opted_out are never sent. */
export const ZSmsStatus = z.enum(['sending', 'sent', 'delivered', 'failed', 'refused', 'opted_out']);
export type TSmsStatus = z.infer<typeof ZSmsStatus>;

/** Who a message was texted to and how it went: the latest text per recipient. */
export const ZMessageSms = z
  .object({
    recipients: z.array(
      z.object({
        contactId: z.uuid().nullable(),
        name: z.string(),
        status: ZSmsStatus,
        /** Why it was refused, blocked or failed, in words for staff. */
        reason: z.string().nullable(),
      }),
    ),
  })
  .openapi('MessageSms');

export const ZMessageNotice = z
  .object({
    kind: z.enum(['document_shared', 'document_updated']),
    documentId: z.uuid(),
    /** document_updated: the new version's number. */
    version: z.number().int().nullable(),
  })
  .openapi('MessageNotice');

export const ZReadReceipt = z
  .object({ participantId: z.uuid(), name: z.string(), initials: z.string() })
  .openapi('ReadReceipt');
export type TReadReceipt = z.infer<typeof ZReadReceipt>;

export const ZReaders = z.object({ items: z.array(ZReadReceipt) }).openapi('Readers');

export const ZMessage = z
  .object({
    id: z.uuid(),
    conversationId: z.uuid(),
    seq: z.number().int(),
    author: ZMessageAuthor,
    body: z.string(),
    via: ZMessageVia,
    createdAt: z.string(),
    editedAt: z.string().nullable(),
    pinnedAt: z.string().nullable(),
    pinnedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    files: z.array(ZFileRef),
    /** A comment on a file refers to it (so does a notice). */
    aboutDocument: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    /**
     * Not something said but an announcement: a matter document was shared live into the
     * conversation, or a new version of a shared document was uploaded. `body` says it in words.
     */
    notice: ZMessageNotice.nullable(),
    /** A reply by text: the message last texted to that number, which it answers. */
    inReplyTo: z.object({ id: z.uuid(), body: z.string() }).nullable(),
    /**
     * Staff-facing only (never part of anything a client or third party receives): who has read
     * it, by name, in conversations of at most 20 participants; null in larger ones, where
     * `GET /messages/{id}/readers` lists them on demand.
     */
    readBy: z.array(ZReadReceipt).nullable(),
    /** Staff-facing only: how many participants other than the author have read it. */
    readCount: z.number().int(),
    /** Staff-facing only: the message's texts (null when it was never texted). */
    sms: ZMessageSms.nullable(),
  })
  .openapi('Message');
export type TMessage = z.infer<typeof ZMessage>;

/** The shape that travels in events and to the portal: no read receipts, no text statuses. */
export type TMessageCore = Omit<TMessage, 'readBy' | 'readCount' | 'sms'>;

export const ZMessagePage = z
  .object({ items: z.array(ZMessage), nextCursor: z.string().nullable() })
  .openapi('MessagePage');

/**
 * Up to 2,000 characters (Unicode code points), kept byte-for-byte: no trimming, no
 * normalisation. It must contain something other than white space.
 */
export const ZMessageBody = z
  .string()
  .refine((s) => Array.from(s).length <= 2000, 'at most 2,000 characters')
  .refine((s) => /\S/u.test(s), 'must not be empty');

export const ZSendMessage = z
  .object({
    body: z.string(),
    /** Matter documents to attach: their current versions are sent as copies. */
    documentIds: z.array(z.uuid('each document id must be a UUID')).max(130).default([]),
    /** Makes the message a comment on this document. */
    aboutDocumentId: z.uuid().optional(),
    /** Also text it to each client and third party in an external matter conversation. */
    sendAsSms: z.boolean().optional(),
    /**
     * The message needs acknowledging ("I have read this") or a reply from a client by
     * `dueAt` (5 minutes to a year ahead; conversations with clients only). Reminders follow
     * at half time (portal and email), at 80% (SMS where allowed) and a task at the deadline.
     */
    acknowledgeBy: ZAcknowledgeBy.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const check = ZMessageBody.safeParse(v.body);
    if (!check.success && !(v.body === '' && v.documentIds.length > 0)) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: check.error.issues[0]?.message ?? 'is not valid' });
    }
  })
  .openapi('SendMessage');
export const ZEditMessage = z.object({ body: ZMessageBody }).strict().openapi('EditMessage');

export const ZListMessagesQuery = z
  .object({
    before: z.string().max(64).optional(),
    around: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export const ZMarkRead = z
  .object({ seq: z.number().int().min(0) })
  .strict()
  .openapi('MarkRead');
export const ZReadResult = z.object({ unreadCount: z.number().int(), total: z.number().int() }).openapi('ReadResult');

export const ZUnread = z
  .object({
    total: z.number().int(),
    conversations: z.array(
      z.object({
        conversationId: z.uuid(),
        matterId: z.uuid().nullable(),
        kind: z.enum(['external_matter', 'internal_matter', 'direct', 'channel']),
        unread: z.number().int(),
      }),
    ),
  })
  .openapi('Unread');

export const ZRevisions = z
  .object({
    current: ZMessage,
    items: z.array(z.object({ revision: z.number().int(), body: z.string(), replacedAt: z.string() })),
  })
  .openapi('MessageRevisions');

export const ZMessageIdParams = z.object({ id: z.uuid('must be a UUID') }).strict();
