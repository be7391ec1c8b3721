import type { TConfig } from '../../config.js';
import type { Db } from '../../db/connect.js';
import type { RouteTable } from '../../http/define-route.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { ZFirmSettings, ZUpdateFirmSettings } from './schemas.js';
import { readSettings, requireAdmin, updateSettings } from './service.js';

/** GET/PATCH /firm/settings: the firm's texting and notification settings (admins only). */
export function addFirmSettingsRoutes(routes: RouteTable<StaffContext>, deps: { db: Db; config: TConfig }): void {
  const tags = ['firm'];
  routes.add({
    method: 'get',
    path: '/firm/settings',
    summary: "Admins: the firm's SMS sender number, allowed SMS countries and new-message email delay",
    tags,
    response: ZFirmSettings,
    handler: async ({ ctx }) => {
      requireAdmin(ctx);
      return readSettings(deps.db, deps.config, ctx.firmId);
    },
  });
  routes.add({
    method: 'patch',
    path: '/firm/settings',
    summary: "Admins: change the firm's SMS sender number, allowed SMS countries or new-message email delay",
    tags,
    body: ZUpdateFirmSettings,
    response: ZFirmSettings,
    handler: async ({ ctx, body, meta }) => {
      requireAdmin(ctx);
      return updateSettings(deps.db, deps.config, ctx, body, meta.requestId);
    },
  });
}
