import { z } from 'zod';
import { ZConversationKind } from '../conversations/schemas.js';
import { ZMessage } from '../messages/schemas.js';

export const ZSearchQuery = z
  .object({
    q: z.string().min(1, 'is required').max(200, 'at most 200 characters'),
    before: z.string().max(64).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();

export const ZSearchResults = z
  .object({
    items: z.array(
      z.object({
        message: ZMessage,
        conversation: z.object({
          id: z.uuid(),
          kind: ZConversationKind,
          title: z.string(),
          matterId: z.uuid().nullable(),
        }),
        snippet: z.array(z.object({ text: z.string(), match: z.boolean() })),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('SearchResults');
