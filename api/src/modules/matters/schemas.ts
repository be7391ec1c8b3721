import { z } from 'zod';
import { ZPageQuery } from '../../shared/pagination.js';

export const ZMatter = z
  .object({
    id: z.uuid(),
    number: z.string(),
    title: z.string(),
    status: z.enum(['open', 'closed']),
    restricted: z.boolean(),
    closedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Matter');
export type TMatter = z.infer<typeof ZMatter>;

export const ZMatterPage = z
  .object({ items: z.array(ZMatter), nextCursor: z.string().nullable() })
  .openapi('MatterPage');

export const ZListMattersQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    status: z.enum(['open', 'closed']).optional(),
    ...ZPageQuery,
  })
  .strict();

const ZNumber = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(50, 'at most 50 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ./_-]*$/u, 'letters, digits, spaces and . / _ - only');
const ZTitle = z.string().trim().min(1, 'is required').max(300, 'at most 300 characters');

export const ZCreateMatter = z.object({ number: ZNumber, title: ZTitle }).strict().openapi('CreateMatter');
export const ZUpdateMatter = z
  .object({ number: ZNumber.optional(), title: ZTitle.optional() })
  .strict()
  .openapi('UpdateMatter');

export const ZMatterIdParams = z.object({ id: z.uuid('must be a UUID') }).strict();
export const ZMatterContactParams = z
  .object({ id: z.uuid('must be a UUID'), contactId: z.uuid('must be a UUID') })
  .strict();

export const ZStaffSummary = z.object({ id: z.uuid(), name: z.string(), initials: z.string() }).openapi('StaffSummary');

export const ZMatterAccess = z
  .object({ restricted: z.boolean(), staff: z.array(ZStaffSummary) })
  .openapi('MatterAccess');

export const ZSetMatterAccess = z
  .object({
    restricted: z.boolean(),
    staffIds: z.array(z.uuid('each staff id must be a UUID')).max(500).default([]),
  })
  .strict()
  .openapi('SetMatterAccess');
