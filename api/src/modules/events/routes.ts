import { z } from 'zod';
import type { RouteTable } from '../../http/define-route.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { ZCreateEvent, ZEvent, ZIdParams, ZUpdateEvent } from './schemas.js';
import * as service from './service.js';

/** Staff: a matter's events (appointments) and the emails to the contacts invited to them. */
export function addEventRoutes(routes: RouteTable<StaffContext>, deps: service.TEventsDeps): void {
  const { db } = deps;
  const tags = ['events'];
  routes.add({
    method: 'get',
    path: '/matters/:id/events',
    summary: "A matter's events, cancelled ones included, by start time",
    tags,
    params: ZIdParams,
    response: z.object({ items: z.array(ZEvent) }),
    handler: ({ ctx, params }) => service.listMatterEvents(db, ctx, params.id),
  });
  routes.add({
    method: 'post',
    path: '/matters/:id/events',
    summary: 'Add an event; attendees (contacts of the matter) are emailed',
    tags,
    params: ZIdParams,
    body: ZCreateEvent,
    response: ZEvent,
    status: 201,
    idempotent: true,
    handler: ({ ctx, params, body, db: tx }) => service.createEvent({ ...deps, db: tx }, ctx, params.id, body),
  });
  routes.add({
    method: 'patch',
    path: '/events/:id',
    summary: 'Change an event; attendees before and after are emailed',
    tags,
    params: ZIdParams,
    body: ZUpdateEvent,
    response: ZEvent,
    handler: ({ ctx, params, body }) => service.updateEvent(deps, ctx, params.id, body),
  });
  routes.add({
    method: 'post',
    path: '/events/:id/cancel',
    summary: 'Cancel an event; attendees are emailed',
    tags,
    params: ZIdParams,
    response: ZEvent,
    handler: ({ ctx, params }) => service.cancelEvent(deps, ctx, params.id),
  });
}
