import type { Db } from '../db/connect.js';
import { countFirms, insertFirm } from '../modules/firms/repository.js';
import { insertContact } from '../modules/contacts/repository.js';
import { insertMatter, linkContact, replaceMatterAccess, updateMatter } from '../modules/matters/repository.js';
import { insertStaff } from '../modules/staff/repository.js';

/** The demo firm's Entra tenant id: dev tokens for its staff carry it. */
export const demoTenantId = '5d3c7a1e-2b4f-4c8e-9a6d-0f1e2d3c4b5a';

/**
 * Seeds the demo firm once, on the first start of an empty database. Later starts keep
 * whatever the data has become.
 */
export async function seedDemoFirm(db: Db): Promise<boolean> {
  if ((await countFirms(db)) > 0) return false;
  await db.transaction(async (tx) => {
    const firm = await insertFirm(tx, { name: 'Harbour & Vale LLP', country: 'GB', entraTenantId: demoTenantId });
    const staffMember = (name: string, initials: string, email: string, role: 'admin' | 'staff', objectId: string) =>
      insertStaff(tx, firm.id, { tenantId: demoTenantId, objectId, name, initials, email, role, active: true });
    const alex = await staffMember(
      'Alex Morgan',
      'AM',
      'alex.morgan@harbourvale.example',
      'admin',
      '0b8e1c52-6f0a-4d0e-8c55-1a2b3c4d5e01',
    );
    const priya = await staffMember(
      'Priya Shah',
      'PS',
      'priya.shah@harbourvale.example',
      'staff',
      '0b8e1c52-6f0a-4d0e-8c55-1a2b3c4d5e02',
    );
    await staffMember(
      'Tom Becker',
      'TB',
      'tom.becker@harbourvale.example',
      'staff',
      '0b8e1c52-6f0a-4d0e-8c55-1a2b3c4d5e03',
    );

    const contact = (name: string, email: string, mobile: string, kind: 'client' | 'third_party') =>
      insertContact(tx, firm.id, { name, email, mobile, kind });
    const jordan = await contact('Jordan Ellis', 'jordan.ellis@mail.example', '+447700900101', 'client');
    const sam = await contact('Sam Ellis', 'sam.ellis@mail.example', '+447700900102', 'client');
    const riya = await contact('Riya Kapoor', 'riya.kapoor@mail.example', '+447700900103', 'client');
    const daniel = await contact('Daniel Okafor', 'daniel.okafor@surveyors.example', '+447700900104', 'third_party');

    const closed = await insertMatter(tx, firm.id, {
      number: '2025-0117',
      title: 'Ellis family trust deed',
      status: 'closed',
      closedAt: new Date(),
    });
    const purchase = await insertMatter(tx, firm.id, { number: '2026-0001', title: 'Purchase of 14 Quay Street' });
    const dispute = await insertMatter(tx, firm.id, { number: '2026-0002', title: 'Kapoor v Castle Insurance' });

    await updateMatter(tx, firm.id, dispute.id, { restricted: true });
    await replaceMatterAccess(tx, firm.id, dispute.id, [alex.id, priya.id]);

    for (const c of [jordan, sam, daniel]) await linkContact(tx, firm.id, purchase.id, c.id);
    await linkContact(tx, firm.id, dispute.id, riya.id);
    for (const c of [jordan, sam]) await linkContact(tx, firm.id, closed.id, c.id);
  });
  return true;
}
