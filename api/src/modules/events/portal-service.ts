import type { Clock } from '../../clock.js';
import type { TConfig } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { notFound } from '../../errors.js';
import { recordAudit } from '../audit/record-audit.js';
import type { TContactContext } from '../portal-auth/service.js';
import { buildIcs } from './build-ics.js';
import * as repo from './repository.js';
import type { TPortalEvent } from './schemas.js';
import { toEventCore } from './service.js';

/**
 * A session opened by a link without a code sees only its conversation: none of this.
 * Otherwise: events the contact attends on matters they are engaged on.
 */
async function contactEvents(db: Db, ctx: TContactContext, window: Parameters<typeof repo.listContactEvents>[3]) {
  if (ctx.scopeConversationId) return [];
  return repo.listContactEvents(db, ctx.firmId, ctx.contactId, window);
}

async function toPortalEvents(db: Db, firmId: string, rows: repo.TEventRow[]): Promise<TPortalEvent[]> {
  const people = await repo.listAttendees(
    db,
    firmId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    ...toEventCore(row),
    attendees: people.filter((p) => p.eventId === row.id).map((p) => ({ name: p.name })),
  }));
}

export async function listUpcomingEvents(db: Db, ctx: TContactContext, now: Date) {
  return { items: await toPortalEvents(db, ctx.firmId, await contactEvents(db, ctx, { from: now })) };
}

/** For To Do: the next 14 days. */
export async function listEventsSoon(db: Db, ctx: TContactContext, now: Date) {
  const rows = await contactEvents(db, ctx, { from: now, startsBefore: new Date(now.getTime() + 14 * 86_400_000) });
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    timeZone: r.timeZone,
  }));
}

/** The event as an iCalendar file (a cancelled one says so, so calendars can remove it). Audited. */
export async function eventIcs(
  deps: { db: Db; clock: Clock; config: TConfig },
  ctx: TContactContext,
  id: string,
  meta: { requestId: string; ip: string | undefined },
) {
  const [row] = await contactEvents(deps.db, ctx, { from: new Date(0), id, includeCancelled: true });
  await recordAudit(deps.db, {
    firmId: ctx.firmId,
    actorKind: 'contact',
    actorId: ctx.contactId,
    action: 'event.download',
    outcome: row ? 'success' : 'refused',
    targetKind: 'event',
    targetId: id,
    requestId: meta.requestId,
    ip: meta.ip,
  });
  if (!row) throw notFound('Event');
  const host = new URL(deps.config.publicBaseUrl).hostname;
  const ics = buildIcs({
    uid: `${row.id}@${host}`,
    title: row.title,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    location: row.location,
    url: row.videoUrl,
    description: `Matter ${row.matterNumber}: ${row.matterTitle}`,
    cancelled: !!row.cancelledAt,
    updatedAt: row.updatedAt,
    now: deps.clock.now(),
  });
  return { ics, title: row.title };
}
