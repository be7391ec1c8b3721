import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connect.js';
import { AppError, notFound } from '../../errors.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { fieldErrors } from '../../shared/field-errors.js';
import { requireVisibleMatter } from '../matters/service.js';
import type { TContactEmailDeps } from '../notifications/email-contact.js';
import { filterLinkedContactIds } from '../portal/contact-matters.js';
import { emailAttendees } from './emails.js';
import * as repo from './repository.js';
import type { TCreateEvent, TEvent, TUpdateEvent } from './schemas.js';

export type TEventsDeps = TContactEmailDeps & { db: Db; clock: Clock };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toEventCore(row: repo.TEventRow) {
  return {
    id: row.id,
    matterId: row.matterId,
    matter: { number: row.matterNumber, title: row.matterTitle },
    title: row.title,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    timeZone: row.timeZone,
    location: row.location,
    videoUrl: row.videoUrl,
    cancelledAt: iso(row.cancelledAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function toEvents(db: Db, firmId: string, rows: repo.TEventRow[]): Promise<TEvent[]> {
  const people = await repo.listAttendees(
    db,
    firmId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    ...toEventCore(row),
    attendees: people.filter((p) => p.eventId === row.id).map((p) => ({ contactId: p.contactId, name: p.name })),
  }));
}

/** The event if the caller may see its matter; else the same 404 as for a missing id. */
async function requireVisibleEvent(db: Db, ctx: StaffContext, id: string) {
  const row = await repo.getEvent(db, ctx.firmId, id);
  if (!row) throw notFound('Event');
  await requireVisibleMatter(db, ctx, row.matterId).catch(() => {
    throw notFound('Event');
  });
  return row;
}

async function assertAttendeesLinked(db: Db, firmId: string, matterId: string, ids: string[]) {
  const linked = await filterLinkedContactIds(db, firmId, matterId, ids);
  const index = ids.findIndex((id) => !linked.has(id));
  if (index >= 0) {
    throw fieldErrors([{ field: `attendeeContactIds.${index}`, message: 'is not a contact of this matter' }]);
  }
}

export async function listMatterEvents(db: Db, ctx: StaffContext, matterId: string) {
  await requireVisibleMatter(db, ctx, matterId);
  return { items: await toEvents(db, ctx.firmId, await repo.listMatterEvents(db, ctx.firmId, matterId)) };
}

export async function getEvent(db: Db, ctx: StaffContext, id: string): Promise<TEvent> {
  const row = await requireVisibleEvent(db, ctx, id);
  return (await toEvents(db, ctx.firmId, [row]))[0]!;
}

export async function createEvent(deps: TEventsDeps, ctx: StaffContext, matterId: string, input: TCreateEvent) {
  const { db } = deps;
  await requireVisibleMatter(db, ctx, matterId);
  const attendees = [...new Set(input.attendeeContactIds)];
  await assertAttendeesLinked(db, ctx.firmId, matterId, attendees);
  const id = await db.transaction(async (tx) => {
    const eventId = await repo.insertEvent(tx, ctx.firmId, {
      matterId,
      title: input.title,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      timeZone: input.timeZone,
      location: input.location || null,
      videoUrl: input.videoUrl || null,
      createdByStaffId: ctx.staffId,
    });
    await repo.replaceAttendees(tx, ctx.firmId, eventId, attendees);
    await emailAttendees(deps, tx, (await repo.getEvent(tx, ctx.firmId, eventId))!, attendees, 'added');
    return eventId;
  });
  return getEvent(db, ctx, id);
}

export async function updateEvent(deps: TEventsDeps, ctx: StaffContext, id: string, input: TUpdateEvent) {
  const { db } = deps;
  const before = await requireVisibleEvent(db, ctx, id);
  if (before.cancelledAt) throw new AppError('event_cancelled', 409, 'A cancelled event cannot be changed');
  const startsAt = input.startsAt ? new Date(input.startsAt) : before.startsAt;
  const endsAt = input.endsAt ? new Date(input.endsAt) : before.endsAt;
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw fieldErrors([{ field: input.endsAt ? 'endsAt' : 'startsAt', message: 'the event must end after it starts' }]);
  }
  const oldAttendees = (await repo.listAttendees(db, ctx.firmId, [id])).map((a) => a.contactId);
  const newAttendees = input.attendeeContactIds ? [...new Set(input.attendeeContactIds)] : oldAttendees;
  if (input.attendeeContactIds) await assertAttendeesLinked(db, ctx.firmId, before.matterId, newAttendees);
  await db.transaction(async (tx) => {
    await repo.updateEvent(tx, ctx.firmId, id, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      startsAt,
      endsAt,
      ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
      ...(input.location !== undefined ? { location: input.location || null } : {}),
      ...(input.videoUrl !== undefined ? { videoUrl: input.videoUrl || null } : {}),
    });
    if (input.attendeeContactIds) await repo.replaceAttendees(tx, ctx.firmId, id, newAttendees);
    const after = (await repo.getEvent(tx, ctx.firmId, id))!;
    await emailAttendees(deps, tx, after, [...oldAttendees, ...newAttendees], 'changed');
  });
  return getEvent(db, ctx, id);
}

export async function cancelEvent(deps: TEventsDeps, ctx: StaffContext, id: string) {
  const { db } = deps;
  await requireVisibleEvent(db, ctx, id);
  await db.transaction(async (tx) => {
    if (!(await repo.cancelEvent(tx, ctx.firmId, id, deps.clock.now()))) {
      throw new AppError('already_cancelled', 409, 'This event is already cancelled');
    }
    const attendees = (await repo.listAttendees(tx, ctx.firmId, [id])).map((a) => a.contactId);
    await emailAttendees(deps, tx, (await repo.getEvent(tx, ctx.firmId, id))!, attendees, 'cancelled');
  });
  return getEvent(db, ctx, id);
}
