import { z } from 'zod';
import { ZPageQuery } from '../../shared/pagination.js';
import { ZNotificationChoice } from '../notification-choices/schemas.js';

export const ZContactKind = z.enum(['client', 'third_party']);

export const ZContact = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string().nullable(),
    mobile: z.string().nullable(),
    kind: ZContactKind,
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** How the contact chose to be told of new messages (on a matter's contact list). */
    notificationChoice: ZNotificationChoice.optional(),
  })
  .openapi('Contact');
export type TContact = z.infer<typeof ZContact>;

export const ZContactList = z.object({ items: z.array(ZContact) }).openapi('ContactList');
export const ZContactPage = z
  .object({ items: z.array(ZContact), nextCursor: z.string().nullable() })
  .openapi('ContactPage');

export const ZListContactsQuery = z.object({ q: z.string().trim().max(200).optional(), ...ZPageQuery }).strict();

const ZName = z.string().trim().min(1, 'is required').max(200, 'at most 200 characters');
const ZEmail = z.email('must be an email address').max(254);
/** Any reasonable phone notation; the service normalises it to E.164 or refuses it. */
const ZMobile = z.string().trim().min(3).max(32);

export const ZCreateContact = z
  .object({
    name: ZName,
    email: ZEmail.nullable().optional(),
    mobile: ZMobile.nullable().optional(),
    kind: ZContactKind.default('client'),
  })
  .strict()
  .openapi('CreateContact');

export const ZUpdateContact = z
  .object({
    name: ZName.optional(),
    email: ZEmail.nullable().optional(),
    mobile: ZMobile.nullable().optional(),
    kind: ZContactKind.optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .openapi('UpdateContact');

export const ZContactIdParams = z.object({ id: z.uuid('must be a UUID') }).strict();
