import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Db } from '../../db/connect.js';
import { AppError, notFound } from '../../errors.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { decodeCursor, encodeCursor } from '../../shared/pagination.js';
import { getFirm } from '../firms/repository.js';
import { systemClock } from '../../clock.js';
import { endContactAccess } from '../portal-auth/service.js';
import { expireQuickReplyLinks } from '../sms/repository.js';
import * as repo from './repository.js';
import type { TContact } from './schemas.js';

export function toContact(
  row: Pick<repo.TContactRow, 'id' | 'name' | 'email' | 'mobile' | 'kind' | 'active' | 'createdAt' | 'updatedAt'>,
): TContact {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    mobile: row.mobile,
    kind: row.kind,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Mobiles are stored in E.164; a national number is read in the firm's country. "Possible"
 * (right length for the country) rather than "valid", so reserved fictional ranges such as
 * UK 07700 900xxx work for demos and tests.
 */
export function normaliseMobile(input: string, defaultCountry: string): string {
  const parsed = parsePhoneNumberFromString(input, defaultCountry as CountryCode);
  if (!parsed || !parsed.isPossible()) {
    throw new AppError('validation_failed', 400, 'body.mobile: is not a valid phone number', {
      errors: [{ location: 'body', field: 'mobile', message: 'is not a valid phone number' }],
    });
  }
  return parsed.number;
}

async function firmCountry(db: Db, firmId: string): Promise<string> {
  return (await getFirm(db, firmId))?.country ?? 'GB';
}

export async function listContacts(db: Db, ctx: StaffContext, query: { q?: string; before?: string; limit: number }) {
  const after = query.before ? (decodeCursor(query.before, 2) as [string, string]) : undefined;
  const rows = await repo.listContacts(db, ctx.firmId, { q: query.q || undefined, after, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toContact),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}

export async function getContact(db: Db, ctx: StaffContext, contactId: string) {
  const row = await repo.getContact(db, ctx.firmId, contactId);
  if (!row) throw notFound('Contact');
  return toContact(row);
}

export async function createContact(
  db: Db,
  ctx: StaffContext,
  input: { name: string; email?: string | null; mobile?: string | null; kind: 'client' | 'third_party' },
) {
  const mobile = input.mobile ? normaliseMobile(input.mobile, await firmCountry(db, ctx.firmId)) : null;
  const row = await repo.insertContact(db, ctx.firmId, {
    name: input.name,
    email: input.email ?? null,
    mobile,
    kind: input.kind,
  });
  return toContact(row);
}

export async function updateContact(
  db: Db,
  ctx: StaffContext,
  contactId: string,
  input: {
    name?: string;
    email?: string | null;
    mobile?: string | null;
    kind?: 'client' | 'third_party';
    active?: boolean;
  },
) {
  const values = { ...input };
  if (input.mobile) values.mobile = normaliseMobile(input.mobile, await firmCountry(db, ctx.firmId));
  const row = await db.transaction(async (tx) => {
    const before = await repo.getContact(tx, ctx.firmId, contactId);
    const updated = await repo.updateContact(tx, ctx.firmId, contactId, values);
    if (!before || !updated) return updated;
    // the email is the second factor of portal sign-in: a new one ends what the old one opened
    const emailChanged = (before.email ?? '').toLowerCase() !== (updated.email ?? '').toLowerCase();
    // a disabled contact's portal sessions end and their event streams close
    if (input.active === false || emailChanged) {
      await endContactAccess(tx, systemClock, ctx.firmId, contactId, { mailedCredentials: emailChanged });
    }
    // quick-reply links were texted to the old number
    if (before.mobile !== updated.mobile) await expireQuickReplyLinks(tx, ctx.firmId, contactId, systemClock.now());
    return updated;
  });
  if (!row) throw notFound('Contact');
  return toContact(row);
}
