import { z } from 'zod';
import { ZUploadLimits } from '../files/schemas.js';

export const ZStaffRole = z.enum(['admin', 'staff']);

export const ZStaff = z
  .object({
    id: z.uuid(),
    name: z.string(),
    initials: z.string(),
    email: z.string(),
    role: ZStaffRole,
    active: z.boolean(),
  })
  .openapi('Staff');
export type TStaff = z.infer<typeof ZStaff>;

export const ZStaffList = z.object({ items: z.array(ZStaff) }).openapi('StaffList');

export const ZFirm = z.object({ id: z.uuid(), name: z.string(), country: z.string() }).openapi('Firm');

/** What this deployment offers that may be switched off (the apps hide what is off). */
const ZFeatures = z
  .object({ rewrite: z.boolean().openapi({ description: 'Tone help in the composer (Azure OpenAI configured)' }) })
  .openapi('Features');

export const ZMe = z.object({ staff: ZStaff, firm: ZFirm, uploads: ZUploadLimits, features: ZFeatures }).openapi('Me');

const ZName = z.string().trim().min(1, 'is required').max(200);
const ZInitials = z.string().trim().min(1).max(4, 'at most 4 characters');

export const ZCreateStaff = z
  .object({
    name: ZName,
    email: z.email(),
    role: ZStaffRole.default('staff'),
    initials: ZInitials.optional(),
    objectId: z.uuid().optional(),
  })
  .strict()
  .openapi('CreateStaff');

export const ZUpdateStaff = z
  .object({
    name: ZName.optional(),
    email: z.email().optional(),
    role: ZStaffRole.optional(),
    initials: ZInitials.optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .openapi('UpdateStaff');

export const ZStaffIdParams = z.object({ id: z.uuid('must be a UUID') }).strict();
