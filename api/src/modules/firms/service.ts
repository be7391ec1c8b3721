import type { TConfig } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { AppError } from '../../errors.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { recordAudit } from '../audit/record-audit.js';
import { allowedCountriesOf, senderNumberOf } from '../sms/service.js';
import { toE164 } from '../sms/phone.js';
import { getFirm, updateFirm } from './repository.js';
import type { TUpdateFirmSettings } from './schemas.js';

export const requireAdmin = (ctx: StaffContext) => {
  if (ctx.role !== 'admin')
    throw new AppError('admin_required', 403, "Only firm admins can see and change the firm's settings");
};

export async function readSettings(db: Db, config: TConfig, firmId: string) {
  const firm = await getFirm(db, firmId);
  if (!firm) throw new AppError('not_found', 404, 'Firm not found');
  return {
    smsSenderNumber: firm.smsSenderNumber,
    smsAllowedCountries: allowedCountriesOf(firm),
    unseenEmailDelayMinutes: firm.unseenEmailDelayMinutes,
    effectiveSmsSenderNumber: senderNumberOf(config, firm) ?? null,
  };
}

export async function updateSettings(
  db: Db,
  config: TConfig,
  ctx: StaffContext,
  input: TUpdateFirmSettings,
  requestId: string,
) {
  const values: Parameters<typeof updateFirm>[2] = {};
  if (input.smsSenderNumber !== undefined) {
    values.smsSenderNumber = input.smsSenderNumber?.trim() ? (toE164(input.smsSenderNumber) ?? null) : null;
  }
  if (input.smsAllowedCountries !== undefined) {
    values.smsAllowedCountries = [...new Set(input.smsAllowedCountries.map((c) => c.trim().toUpperCase()))];
  }
  if (input.unseenEmailDelayMinutes !== undefined) values.unseenEmailDelayMinutes = input.unseenEmailDelayMinutes;
  if (Object.keys(values).length > 0) {
    await updateFirm(db, ctx.firmId, values);
    await recordAudit(db, {
      firmId: ctx.firmId,
      actorKind: 'staff',
      actorId: ctx.staffId,
      action: 'firm.settings_update',
      outcome: 'success',
      targetKind: 'firm',
      targetId: ctx.firmId,
      requestId,
      details: { changed: Object.keys(values) },
    });
  }
  return readSettings(db, config, ctx.firmId);
}
