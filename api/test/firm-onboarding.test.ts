import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { runFirmCommand } from '../src/cli/run-firm-command.js';
import type { Database } from '../src/db/connect.js';
import { queryRows } from '../src/db/query-rows.js';
import { onboardFirm } from '../src/modules/firms/onboard-firm.js';
import { ZOnboardFirm } from '../src/modules/firms/schemas.js';
import { findStaffByEmail, updateStaff } from '../src/modules/staff/repository.js';
import { createTestDatabase } from './support/test-database.js';

/**
 * The operator's onboarding of a firm (`npm run firm -- create`), on PGlite or PostgreSQL.
 * The command's process, as the image's firm job runs it, is in production-entry.test.ts.
 */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const input = (tenant: string, admin = 'alex.morgan@harbourvale.example') =>
  ZOnboardFirm.parse({ name: 'Harbour & Vale LLP', tenant, admin });
const auditOf = (firmId: string) =>
  queryRows<{ action: string; actor_kind: string; actor_id: string }>(
    database.db,
    sql`select action, actor_kind, actor_id from audit_log where firm_id = ${firmId} order by id`,
  );

describe('onboarding a firm', () => {
  test('when the firm is created twice, then the second run changes nothing and only the first is audited', async () => {
    const tenant = randomUUID();
    const first = await onboardFirm(database.db, input(tenant), 'operator:ops@host');
    expect(first).toMatchObject({ firmCreated: true, adminChange: 'added' });
    expect(first.firm).toMatchObject({ name: 'Harbour & Vale LLP', entraTenantId: tenant, country: 'GB' });
    expect(first.admin.name).toBe('Alex Morgan');
    const staff = await findStaffByEmail(database.db, first.firm.id, 'ALEX.MORGAN@harbourvale.example');
    expect(staff).toMatchObject({ role: 'admin', active: true, objectId: null, tenantId: tenant, initials: 'AM' });

    const again = await onboardFirm(database.db, input(tenant), 'operator:ops@host');
    expect(again).toMatchObject({ firmCreated: false, adminChange: 'unchanged' });
    expect(again.firm.id).toBe(first.firm.id);
    expect(await auditOf(first.firm.id)).toEqual([
      { action: 'firm.create', actor_kind: 'system', actor_id: 'operator:ops@host' },
      { action: 'staff.create', actor_kind: 'system', actor_id: 'operator:ops@host' },
    ]);
  });

  test('when the admin was disabled or demoted, then the command makes them an active admin again, audited', async () => {
    const tenant = randomUUID();
    const { firm, admin } = await onboardFirm(database.db, input(tenant), 'operator:ops@host');
    await updateStaff(database.db, firm.id, admin.id, { role: 'staff', active: false });
    const result = await onboardFirm(database.db, input(tenant), 'operator:ops@host');
    expect(result.adminChange).toBe('promoted');
    expect(await findStaffByEmail(database.db, firm.id, admin.email)).toMatchObject({ role: 'admin', active: true });
    expect((await auditOf(firm.id)).map((a) => a.action)).toEqual(['firm.create', 'staff.create', 'staff.update']);
  });

  test('when the tenant already belongs to a firm of another name, then nothing changes and the operator is told', async () => {
    const tenant = randomUUID();
    await onboardFirm(database.db, input(tenant), 'operator:ops@host');
    await expect(
      onboardFirm(database.db, { ...input(tenant, 'someone@else.example'), name: 'Other LLP' }, 'operator:ops@host'),
    ).rejects.toMatchObject({
      status: 409,
      detail: expect.stringContaining('already belongs to the firm "Harbour & Vale LLP"'),
    });
    const rows = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from staff where lower(email) = 'someone@else.example'`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  test('when the command lacks or garbles an argument, then it names each and exits 64 without touching a database', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const code = await runFirmCommand(['create', '--name', 'X', '--tenant', 'nope', '--country', 'ZZ'], {}, io);
    expect(code).toBe(64);
    const text = lines.join('\n');
    expect(text).toContain('--tenant: must be the Entra tenant id (a GUID)');
    expect(text).toContain('--admin: is required');
    expect(text).toContain('--country: must be an ISO 3166 country code');
    expect(await runFirmCommand(['delete', '--name', 'X'], {}, io)).toBe(64);
    expect(await runFirmCommand(['create', '--bogus'], {}, io)).toBe(64);
  });

  test('when no DATABASE_URL is configured, then the command refuses to open the embedded data', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const code = await runFirmCommand(
      ['create', '--name', 'X', '--tenant', randomUUID(), '--admin', 'a@b.example'],
      { CONFER_DATA_DIR: '/nonexistent' },
      io,
    );
    expect(code).toBe(78);
    expect(lines.join('\n')).toContain('DATABASE_URL: required');
  });
});
