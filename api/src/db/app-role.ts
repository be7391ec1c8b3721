import { sql } from 'drizzle-orm';
import type { Db } from './connect.js';
import { queryRows } from './query-rows.js';

/** The role requests run as (migration 0015): it may read and add audit rows, never change them. */
export const appRole = 'confer_app';

/**
 * The connection's user when it may UPDATE, DELETE or TRUNCATE audit_log (an owner or a
 * superuser); undefined when it runs with confer_app's rights, as production must.
 */
export async function roleThatMayChangeAuditLog(db: Db): Promise<string | undefined> {
  const [row] = await queryRows<{ user: string; may_change: boolean }>(
    db,
    sql`select current_user as user,
          has_table_privilege('audit_log', 'UPDATE')
          or has_table_privilege('audit_log', 'DELETE')
          or has_table_privilege('audit_log', 'TRUNCATE') as may_change`,
  );
  return row?.may_change ? row.user : undefined;
}
