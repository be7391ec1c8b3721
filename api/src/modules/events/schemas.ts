import { z } from 'zod';
import { ZHttpsUrl, ZOneLine } from '../../shared/text-schemas.js';
import { isTimeZone } from './format-event-time.js';

const ZMatterRef = z.object({ number: z.string(), title: z.string() });

const eventFields = {
  title: ZOneLine(200),
  startsAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date and time' }),
  endsAt: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date and time' }),
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/London'),
  location: z.string().trim().max(500).nullable().optional(),
  videoUrl: ZHttpsUrl.nullable().optional(),
  attendeeContactIds: z.array(z.uuid('must be a UUID')).max(50),
};

export const ZCreateEvent = z
  .object(eventFields)
  .strict()
  .refine((e) => Date.parse(e.endsAt) > Date.parse(e.startsAt), { path: ['endsAt'], message: 'must be after startsAt' })
  .openapi('CreateEvent');
export type TCreateEvent = z.infer<typeof ZCreateEvent>;

export const ZUpdateEvent = z.object(eventFields).partial().strict().openapi('UpdateEvent');
export type TUpdateEvent = z.infer<typeof ZUpdateEvent>;

const eventShape = {
  id: z.uuid(),
  matterId: z.uuid(),
  matter: ZMatterRef,
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  location: z.string().nullable(),
  videoUrl: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const ZEvent = z
  .object({ ...eventShape, attendees: z.array(z.object({ contactId: z.uuid(), name: z.string() })) })
  .strict()
  .openapi('Event');
export type TEvent = z.infer<typeof ZEvent>;

export const ZPortalEvent = z
  .object({ ...eventShape, attendees: z.array(z.object({ name: z.string() })) })
  .strict()
  .openapi('PortalEvent');
export type TPortalEvent = z.infer<typeof ZPortalEvent>;

export const ZIdParams = z.object({ id: z.uuid('must be a UUID') }).strict();
