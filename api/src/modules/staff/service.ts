import type { Db } from '../../db/connect.js';
import { AppError, notFound } from '../../errors.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { publishEvent } from '../../realtime/publish-event.js';
import { notifyStaffChanged } from '../../realtime/staff-notice.js';
import { recordAudit } from '../audit/record-audit.js';
import { getFirm } from '../firms/repository.js';
import * as repo from './repository.js';
import type { TStaff } from './schemas.js';

export function toStaff(row: repo.TStaffRow): TStaff {
  return {
    id: row.id,
    name: row.name,
    initials: row.initials,
    email: row.email,
    role: row.role,
    active: row.active,
  };
}

export function deriveInitials(name: string): string {
  const parts = name.trim().split(/\s+/u).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]!, parts[parts.length - 1]!] : parts;
  return letters
    .map((p) => Array.from(p)[0] ?? '')
    .join('')
    .toLocaleUpperCase();
}

function requireAdmin(ctx: StaffContext): void {
  if (ctx.role !== 'admin') throw new AppError('admin_required', 403, 'Only firm admins can manage staff');
}

/** The signed-in staff member, their firm, and what one upload may carry on this deployment. */
export async function getMe(
  db: Db,
  ctx: StaffContext,
  uploads: { maxBytes: number; maxFiles: number },
  features: { rewrite: boolean },
) {
  const [row, firm] = await Promise.all([repo.getStaff(db, ctx.firmId, ctx.staffId), getFirm(db, ctx.firmId)]);
  if (!row || !firm) throw notFound('Staff member');
  return {
    staff: toStaff(row),
    firm: { id: firm.id, name: firm.name, country: firm.country },
    uploads: { maxBytes: uploads.maxBytes, maxFiles: uploads.maxFiles },
    features,
  };
}

export async function listStaff(db: Db, ctx: StaffContext) {
  const rows = await repo.listStaff(db, ctx.firmId, ctx.role === 'admin');
  return { items: rows.map(toStaff) };
}

export async function createStaff(
  db: Db,
  ctx: StaffContext,
  input: { name: string; email: string; role: 'admin' | 'staff'; initials?: string; objectId?: string },
  requestId: string,
) {
  requireAdmin(ctx);
  if (await repo.findStaffByEmail(db, ctx.firmId, input.email)) {
    throw new AppError('staff_email_taken', 409, 'A staff member with this email already exists');
  }
  const row = await repo.insertStaff(db, ctx.firmId, {
    tenantId: ctx.tenantId,
    objectId: input.objectId ?? null,
    name: input.name,
    email: input.email,
    role: input.role,
    initials: input.initials ?? deriveInitials(input.name),
    active: true,
  });
  await recordAudit(db, {
    firmId: ctx.firmId,
    actorKind: 'staff',
    actorId: ctx.staffId,
    action: 'staff.create',
    outcome: 'success',
    targetKind: 'staff',
    targetId: row.id,
    requestId,
    details: { role: row.role },
  });
  return toStaff(row);
}

export async function updateStaff(
  db: Db,
  ctx: StaffContext,
  staffId: string,
  input: { name?: string; email?: string; role?: 'admin' | 'staff'; initials?: string; active?: boolean },
  requestId: string,
  /** This instance forgets what it remembered of them (other instances hear the notice). */
  onAccessChanged?: (staffId: string) => void,
) {
  requireAdmin(ctx);
  const current = await repo.getStaff(db, ctx.firmId, staffId);
  if (!current) throw notFound('Staff member');
  const losesAdmin = current.role === 'admin' && current.active && (input.role === 'staff' || input.active === false);
  if (losesAdmin && (await repo.countActiveAdmins(db, ctx.firmId)) <= 1) {
    throw new AppError('last_admin', 409, 'The firm must keep at least one active admin');
  }
  if (input.email && input.email.toLowerCase() !== current.email.toLowerCase()) {
    if (await repo.findStaffByEmail(db, ctx.firmId, input.email)) {
      throw new AppError('staff_email_taken', 409, 'A staff member with this email already exists');
    }
  }
  const accessChanges = input.role !== undefined || input.active !== undefined;
  const row = await db.transaction(async (tx) => {
    const updated = await repo.updateStaff(tx, ctx.firmId, staffId, input);
    // open event streams of a disabled staff member close at once
    if (updated && input.active === false) {
      await publishEvent(tx, { firmId: ctx.firmId, type: 'staff.disabled', staffIds: [staffId], payload: {} });
    }
    // every instance forgets their remembered sign-in (role, active) when this commits
    if (updated && accessChanges) await notifyStaffChanged(tx, ctx.firmId, staffId);
    return updated;
  });
  if (row && accessChanges) onAccessChanged?.(staffId);
  if (!row) throw notFound('Staff member');
  await recordAudit(db, {
    firmId: ctx.firmId,
    actorKind: 'staff',
    actorId: ctx.staffId,
    action: input.active === false ? 'staff.disable' : 'staff.update',
    outcome: 'success',
    targetKind: 'staff',
    targetId: row.id,
    requestId,
    details: { fields: Object.keys(input) },
  });
  return toStaff(row);
}
