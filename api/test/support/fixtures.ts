import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/db/connect.js';
import { insertContact } from '../../src/modules/contacts/repository.js';
import { insertFirm } from '../../src/modules/firms/repository.js';
import { insertMatter, linkContact, replaceMatterAccess, updateMatter } from '../../src/modules/matters/repository.js';
import { insertStaff, type TStaffRow } from '../../src/modules/staff/repository.js';
import type { TestApp } from './start-test-app.js';

export type TestStaff = TStaffRow & { token: string };

let counter = 0;

/** A firm with its own tenant, an admin and a staff member, each with a valid token. */
export async function createFirm(app: TestApp, name = `Firm ${++counter}`) {
  const tenantId = randomUUID();
  const firm = await insertFirm(app.db, { name, country: 'GB', entraTenantId: tenantId });
  const addStaff = async (staffName: string, role: 'admin' | 'staff'): Promise<TestStaff> => {
    const email = `${staffName.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 8)}@firm.example`;
    const row = await insertStaff(app.db, firm.id, {
      tenantId,
      objectId: randomUUID(),
      name: staffName,
      initials: staffName.slice(0, 2).toUpperCase(),
      email,
      role,
      active: true,
    });
    const token = await app.tokenFor({ tenantId, objectId: row.objectId!, name: row.name, email: row.email });
    return { ...row, token };
  };
  const admin = await addStaff('Ada Admin', 'admin');
  const member = await addStaff('Sol Staff', 'staff');
  return { firm, tenantId, admin, member, addStaff };
}

export async function createMatter(
  db: Db,
  firmId: string,
  values: { number?: string; title?: string; restrictedTo?: string[] } = {},
) {
  const { id } = await insertMatter(db, firmId, {
    number: values.number ?? `M-${++counter}`,
    title: values.title ?? 'A matter',
  });
  if (values.restrictedTo) {
    await updateMatter(db, firmId, id, { restricted: true });
    await replaceMatterAccess(db, firmId, id, values.restrictedTo);
  }
  return id;
}

export async function createContact(
  db: Db,
  firmId: string,
  matterId?: string,
  name = 'Casey Client',
  options: { email?: string | null; kind?: 'client' | 'third_party'; mobile?: string | null } = {},
) {
  const row = await insertContact(db, firmId, {
    name,
    email: options.email === undefined ? `c${++counter}@client.example` : options.email,
    mobile: options.mobile ?? null,
    kind: options.kind ?? 'client',
  });
  if (matterId) await linkContact(db, firmId, matterId, row.id);
  return row;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
