import type { Db } from '../../db/connect.js';
import { AppError, notFound } from '../../errors.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { decodeCursor, encodeCursor } from '../../shared/pagination.js';
import { recordAudit } from '../audit/record-audit.js';
import { getContact } from '../contacts/repository.js';
import { setMatterConversationsArchived } from '../conversations/archive-matter-conversations.js';
import { toContact } from '../contacts/service.js';
import { defaultChoice, listChoices } from '../notification-choices/repository.js';
import { toNotificationChoice } from '../notification-choices/service.js';
import { filterActiveStaffIds } from '../staff/repository.js';
import * as repo from './repository.js';
import type { TMatter } from './schemas.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toMatter(row: repo.TMatterRow): TMatter {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    status: row.status,
    restricted: row.restricted,
    closedAt: iso(row.closedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The matter if the caller may see it; otherwise the same 404 as for a missing id. */
export async function requireVisibleMatter(db: Db, ctx: StaffContext, matterId: string) {
  const row = await repo.getVisibleMatter(db, ctx.firmId, ctx.staffId, matterId);
  if (!row) throw notFound('Matter');
  return row;
}

export async function listMatters(
  db: Db,
  ctx: StaffContext,
  query: { q?: string; status?: 'open' | 'closed'; before?: string; limit: number },
) {
  const after = query.before ? (decodeCursor(query.before, 2) as [string, string]) : undefined;
  const rows = await repo.listVisibleMatters(db, ctx.firmId, ctx.staffId, {
    q: query.q || undefined,
    status: query.status,
    after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toMatter),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
  };
}

export async function getMatter(db: Db, ctx: StaffContext, matterId: string) {
  return toMatter(await requireVisibleMatter(db, ctx, matterId));
}

async function assertNumberFree(db: Db, firmId: string, number: string, exceptId?: string) {
  const existing = await repo.findMatterByNumber(db, firmId, number);
  if (existing && existing.id !== exceptId) {
    throw new AppError('matter_number_taken', 409, `Matter number ${number} is already in use`);
  }
}

export async function createMatter(
  db: Db,
  ctx: StaffContext,
  input: { number: string; title: string },
  requestId: string,
) {
  await assertNumberFree(db, ctx.firmId, input.number);
  const { id } = await repo.insertMatter(db, ctx.firmId, input);
  await recordAudit(db, {
    firmId: ctx.firmId,
    actorKind: 'staff',
    actorId: ctx.staffId,
    action: 'matter.create',
    outcome: 'success',
    targetKind: 'matter',
    targetId: id,
    requestId,
  });
  return getMatter(db, ctx, id);
}

export async function updateMatter(
  db: Db,
  ctx: StaffContext,
  matterId: string,
  input: { number?: string; title?: string },
) {
  await requireVisibleMatter(db, ctx, matterId);
  if (input.number) await assertNumberFree(db, ctx.firmId, input.number, matterId);
  await repo.updateMatter(db, ctx.firmId, matterId, input);
  return getMatter(db, ctx, matterId);
}

export async function setMatterStatus(
  db: Db,
  ctx: StaffContext,
  matterId: string,
  status: 'open' | 'closed',
  requestId: string,
) {
  const current = await requireVisibleMatter(db, ctx, matterId);
  if (current.status !== status) {
    await db.transaction(async (tx) => {
      await repo.updateMatter(tx, ctx.firmId, matterId, {
        status,
        closedAt: status === 'closed' ? new Date() : null,
      });
      await setMatterConversationsArchived(tx, ctx.firmId, matterId, status === 'closed');
    });
    await recordAudit(db, {
      firmId: ctx.firmId,
      actorKind: 'staff',
      actorId: ctx.staffId,
      action: status === 'closed' ? 'matter.close' : 'matter.reopen',
      outcome: 'success',
      targetKind: 'matter',
      targetId: matterId,
      requestId,
    });
  }
  return getMatter(db, ctx, matterId);
}

export async function getMatterAccess(db: Db, ctx: StaffContext, matterId: string) {
  const matter = await requireVisibleMatter(db, ctx, matterId);
  return {
    restricted: matter.restricted,
    staff: matter.restricted ? await repo.listMatterAccess(db, ctx.firmId, matterId) : [],
  };
}

/**
 * Restricting a matter limits it to the listed staff. The caller is always kept on the
 * list, so nobody can lock themselves out of a matter they are working on.
 */
export async function setMatterAccess(
  db: Db,
  ctx: StaffContext,
  matterId: string,
  input: { restricted: boolean; staffIds: string[] },
  requestId: string,
) {
  await requireVisibleMatter(db, ctx, matterId);
  const wanted = [...new Set([...input.staffIds, ctx.staffId])];
  const valid = await filterActiveStaffIds(db, ctx.firmId, wanted);
  const unknown = wanted.filter((id) => !valid.includes(id));
  if (input.restricted && unknown.length > 0) {
    throw new AppError('validation_failed', 400, `body.staffIds: unknown or disabled staff: ${unknown.join(', ')}`, {
      errors: [{ location: 'body', field: 'staffIds', message: 'contains unknown or disabled staff' }],
    });
  }
  await db.transaction(async (tx) => {
    await repo.updateMatter(tx, ctx.firmId, matterId, { restricted: input.restricted });
    await repo.replaceMatterAccess(tx, ctx.firmId, matterId, input.restricted ? valid : []);
  });
  await recordAudit(db, {
    firmId: ctx.firmId,
    actorKind: 'staff',
    actorId: ctx.staffId,
    action: input.restricted ? 'matter.restrict' : 'matter.unrestrict',
    outcome: 'success',
    targetKind: 'matter',
    targetId: matterId,
    requestId,
    details: { staffIds: input.restricted ? valid : [] },
  });
  return getMatterAccess(db, ctx, matterId);
}

export async function listMatterContacts(db: Db, ctx: StaffContext, matterId: string) {
  await requireVisibleMatter(db, ctx, matterId);
  const rows = await repo.listMatterContacts(db, ctx.firmId, matterId);
  const choices = await listChoices(
    db,
    ctx.firmId,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((row) => ({
      ...toContact(row),
      notificationChoice: toNotificationChoice(choices.get(row.id) ?? defaultChoice(row.id)),
    })),
  };
}

export async function linkContactToMatter(db: Db, ctx: StaffContext, matterId: string, contactId: string) {
  await requireVisibleMatter(db, ctx, matterId);
  if (!(await getContact(db, ctx.firmId, contactId))) throw notFound('Contact');
  await repo.linkContact(db, ctx.firmId, matterId, contactId);
}

export async function listMattersOfContact(db: Db, ctx: StaffContext, contactId: string) {
  if (!(await getContact(db, ctx.firmId, contactId))) throw notFound('Contact');
  const rows = await repo.listVisibleMattersOfContact(db, ctx.firmId, ctx.staffId, contactId);
  return { items: rows.map(toMatter) };
}
