import { z } from 'zod';

export const ZConversationKind = z.enum(['external_matter', 'internal_matter', 'direct', 'channel']);
export type TConversationKind = z.infer<typeof ZConversationKind>;

export const ZParticipant = z
  .object({
    id: z.uuid(),
    kind: z.enum(['staff', 'contact']),
    staffId: z.uuid().nullable(),
    contactId: z.uuid().nullable(),
    name: z.string(),
    initials: z.string(),
    contactKind: z.enum(['client', 'third_party']).nullable(),
    joinedAt: z.string(),
    leftAt: z.string().nullable(),
  })
  .openapi('Participant');
export type TParticipant = z.infer<typeof ZParticipant>;

export const ZConversation = z
  .object({
    id: z.uuid(),
    kind: ZConversationKind,
    matterId: z.uuid().nullable(),
    matter: z.object({ id: z.uuid(), number: z.string(), title: z.string() }).nullable(),
    name: z.string().nullable(),
    title: z.string(),
    requireMfa: z.boolean(),
    archivedAt: z.string().nullable(),
    archivedReason: z.enum(['matter_closed', 'engagement_ended']).nullable(),
    createdAt: z.string(),
    lastMessageAt: z.string().nullable(),
    participants: z.array(ZParticipant),
    joined: z.boolean(),
    unreadCount: z.number().int(),
  })
  .openapi('Conversation');
export type TConversation = z.infer<typeof ZConversation>;

export const ZConversationList = z.object({ items: z.array(ZConversation) }).openapi('ConversationList');

const ZChannelName = z.string().trim().min(1, 'is required').max(80, 'at most 80 characters');
const ZOptionalName = z.string().trim().min(1).max(120, 'at most 120 characters').optional();
const ZIds = z.array(z.uuid('each id must be a UUID')).max(200);

export const ZCreateConversation = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('channel'), name: ZChannelName, staffIds: ZIds.default([]) }).strict(),
    z.object({ kind: z.literal('direct'), staffIds: ZIds.default([]) }).strict(),
    z
      .object({
        kind: z.literal('internal_matter'),
        matterId: z.uuid(),
        name: ZOptionalName,
        staffIds: ZIds.default([]),
      })
      .strict(),
    z
      .object({
        kind: z.literal('external_matter'),
        matterId: z.uuid(),
        name: ZOptionalName,
        contactIds: ZIds.min(1, 'add at least one client or third party'),
        staffIds: ZIds.default([]),
        requireMfa: z.boolean().default(true),
      })
      .strict(),
  ])
  .openapi('CreateConversation');
export type TCreateConversation = z.infer<typeof ZCreateConversation>;

export const ZListConversationsQuery = z.object({ kind: ZConversationKind.optional() }).strict();
export const ZListChannelsQuery = z
  .object({
    q: z.string().trim().max(80).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const ZRenameConversation = z.object({ name: ZChannelName }).strict().openapi('RenameConversation');
export const ZAddParticipants = z
  .object({ staffIds: ZIds.default([]), contactIds: ZIds.default([]) })
  .strict()
  .openapi('AddParticipants');

export const ZConversationIdParams = z.object({ id: z.uuid('must be a UUID') }).strict();
export const ZParticipantParams = z
  .object({ id: z.uuid('must be a UUID'), participantId: z.uuid('must be a UUID') })
  .strict();
export const ZMatterContactParams = z
  .object({ id: z.uuid('must be a UUID'), contactId: z.uuid('must be a UUID') })
  .strict();
