import type { Db } from '../../db/connect.js';
import { AppError } from '../../errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { findStaffByEmail, insertStaff, updateStaff } from '../staff/repository.js';
import { deriveInitials } from '../staff/service.js';
import { findFirmByTenant, insertFirm, type TFirm } from './repository.js';
import type { TOnboardFirm } from './schemas.js';

export type TOnboardResult = {
  firm: TFirm;
  firmCreated: boolean;
  admin: { id: string; email: string; name: string };
  /** What happened to the admin: added, made admin and/or active again, or already an active admin. */
  adminChange: 'added' | 'promoted' | 'unchanged';
};

/** "alex.morgan@firm.example" → "Alex Morgan", when the operator gave no name. */
export function nameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? email;
  const words = local.split(/[._+-]+/u).filter(Boolean);
  const name = words.map((w) => w.charAt(0).toLocaleUpperCase() + w.slice(1)).join(' ');
  return name || email;
}

/**
 * The operator's onboarding of a firm (no staff member exists to act yet): creates the firm
 * for its Entra tenant and makes `admin` an active admin who binds to their Entra account at
 * first sign-in. Running it again changes nothing; a tenant that already belongs to a firm of
 * another name is refused. Each change is audited with the operator as the actor.
 */
export async function onboardFirm(db: Db, input: TOnboardFirm, operator: string): Promise<TOnboardResult> {
  return db.transaction(async (tx) => {
    let firm = await findFirmByTenant(tx, input.tenant);
    const firmCreated = !firm;
    if (firm && firm.name !== input.name) {
      throw new AppError(
        'tenant_taken',
        409,
        `Tenant ${input.tenant} already belongs to the firm "${firm.name}" (${firm.id}); nothing was changed`,
      );
    }
    firm ??= await insertFirm(tx, { name: input.name, country: input.country, entraTenantId: input.tenant });
    const audit = (action: string, targetKind: string, targetId: string, details: Record<string, unknown>) =>
      recordAudit(tx, {
        firmId: firm.id,
        actorKind: 'system',
        actorId: operator,
        action,
        outcome: 'success',
        targetKind,
        targetId,
        details: { ...details, via: 'firm-command' },
      });
    if (firmCreated) await audit('firm.create', 'firm', firm.id, { tenantId: input.tenant, country: firm.country });

    const existing = await findStaffByEmail(tx, firm.id, input.admin);
    if (!existing) {
      const name = input.adminName ?? nameFromEmail(input.admin);
      const row = await insertStaff(tx, firm.id, {
        tenantId: input.tenant,
        objectId: null,
        name,
        initials: deriveInitials(name),
        email: input.admin,
        role: 'admin',
        active: true,
      });
      await audit('staff.create', 'staff', row.id, { role: 'admin' });
      return { firm, firmCreated, admin: { id: row.id, email: row.email, name: row.name }, adminChange: 'added' };
    }
    const admin = { id: existing.id, email: existing.email, name: existing.name };
    if (existing.role === 'admin' && existing.active) return { firm, firmCreated, admin, adminChange: 'unchanged' };
    await updateStaff(tx, firm.id, existing.id, { role: 'admin', active: true });
    await audit('staff.update', 'staff', existing.id, { fields: ['role', 'active'], role: 'admin' });
    return { firm, firmCreated, admin, adminChange: 'promoted' };
  });
}
