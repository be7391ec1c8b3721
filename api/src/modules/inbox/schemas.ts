import { z } from 'zod';
import { ZConversationKind } from '../conversations/schemas.js';

export const ZInboxFilter = z.enum(['all', 'unread', 'clients', 'internal', 'channels', 'dms']);
export type TInboxFilter = z.infer<typeof ZInboxFilter>;

export const ZInboxQuery = z
  .object({
    filter: ZInboxFilter.default('all'),
    before: z.string().max(256).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .strict();
export type TInboxQuery = z.infer<typeof ZInboxQuery>;

export const ZInboxRow = z
  .object({
    conversationId: z.uuid(),
    kind: ZConversationKind,
    /** What staff see as the conversation's name (matter number and clients, channel or DM name). */
    title: z.string(),
    matter: z.object({ id: z.uuid(), number: z.string(), title: z.string() }).nullable(),
    /** The newest message, or null when nobody has written yet. */
    lastMessage: z
      .object({
        id: z.uuid(),
        authorName: z.string(),
        /** me: the caller; staff: a colleague; client / third_party: a contact. */
        authorKind: z.enum(['me', 'staff', 'client', 'third_party']),
        /** The first line as plain text, at most 140 characters (empty for a message of files only). */
        text: z.string(),
        at: z.string(),
      })
      .nullable(),
    /** Newest activity: the last message's time, or when the conversation was started. */
    activityAt: z.string(),
    unreadCount: z.number().int(),
    /** The newest message came from a contact (a client or third party). */
    clientReplied: z.boolean(),
    /** A text of the newest message sent as SMS here failed, was refused or was blocked by an opt-out. */
    smsFailed: z.boolean(),
    archived: z.boolean(),
  })
  .openapi('InboxRow');
export type TInboxRow = z.infer<typeof ZInboxRow>;

export const ZInbox = z
  .object({
    items: z.array(ZInboxRow),
    nextCursor: z.string().nullable(),
    /** Unread messages over every conversation the caller takes part in (first page only; null on later pages). */
    unreadTotal: z.number().int().nullable(),
  })
  .openapi('Inbox');
