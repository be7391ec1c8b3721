import type { RouteTable } from '../../http/define-route.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { ZContactIdParams } from '../contacts/schemas.js';
import { ZConversationIdParams } from '../conversations/schemas.js';
import { ZDeviceAlertList, ZEndSessionsResult } from './schemas.js';
import * as service from './service.js';

/** Staff: sign-ins of a conversation's clients from new devices or countries, and ending a contact's sessions. */
export function addPortalDeviceRoutes(routes: RouteTable<StaffContext>, deps: service.TDeviceDeps): void {
  const tags = ['portal devices'];
  routes.add({
    method: 'get',
    path: '/conversations/:id/device-alerts',
    summary: "Sign-ins of the conversation's clients and third parties from a new device or country, not yet acted on",
    tags,
    params: ZConversationIdParams,
    response: ZDeviceAlertList,
    handler: ({ ctx, params }) => service.listConversationAlerts(deps, ctx, params.id),
  });
  routes.add({
    method: 'post',
    path: '/contacts/:id/end-sessions',
    summary: 'End every portal session of the contact and close their live streams (audited)',
    tags,
    params: ZContactIdParams,
    response: ZEndSessionsResult,
    handler: ({ ctx, params, meta }) => service.endContactSessions(deps, ctx, params.id, meta),
  });
}
