import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { queryRows } from '../../db/query-rows.js';

/**
 * Is the contact engaged on the matter (given as a column or value)? Linked to it, and their
 * engagement not ended (`matter_contacts.ended_at`, set by "end engagement", cleared when staff
 * link them again). The events, forms and invoices of a matter are the contact's to see only
 * while this holds.
 */
export function contactEngagedOn(firmId: string, contactId: string, matterId: SQL | unknown): SQL {
  return sql`exists (select 1 from matter_contacts mc where mc.firm_id = ${firmId}
      and mc.matter_id = ${matterId} and mc.contact_id = ${contactId} and mc.ended_at is null)`;
}

/** Staff and contact links: which of these contacts are linked to the matter. */
export async function filterLinkedContactIds(
  db: Db,
  firmId: string,
  matterId: string,
  contactIds: string[],
): Promise<Set<string>> {
  if (contactIds.length === 0) return new Set();
  const rows = await queryRows<{ contact_id: string }>(
    db,
    sql`select contact_id from matter_contacts where firm_id = ${firmId} and matter_id = ${matterId}
        and contact_id in (${sql.join(
          contactIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  );
  return new Set(rows.map((r) => r.contact_id));
}

/** Who on the staff may see a matter: everyone when it is not restricted, else its access list. */
export async function matterAudience(
  db: Db,
  firmId: string,
  matterId: string,
): Promise<{ allStaff: boolean; staffIds: string[] }> {
  const rows = await queryRows<{ restricted: boolean; staff_id: string | null }>(
    db,
    sql`select m.restricted, a.staff_id from matters m
        left join matter_access a on a.firm_id = m.firm_id and a.matter_id = m.id
        where m.firm_id = ${firmId} and m.id = ${matterId}`,
  );
  if (rows.length === 0) return { allStaff: false, staffIds: [] };
  if (!rows[0]!.restricted) return { allStaff: true, staffIds: [] };
  return { allStaff: false, staffIds: rows.flatMap((r) => (r.staff_id ? [r.staff_id] : [])) };
}

/** The matter's clients (not third parties) who are active and whose engagement has not ended. */
export async function listEngagedClientIds(db: Db, firmId: string, matterId: string): Promise<string[]> {
  const rows = await queryRows<{ contact_id: string }>(
    db,
    sql`select mc.contact_id from matter_contacts mc
        join contacts c on c.firm_id = mc.firm_id and c.id = mc.contact_id
        where mc.firm_id = ${firmId} and mc.matter_id = ${matterId} and mc.ended_at is null
          and c.active and c.kind = 'client'
        order by c.name, c.id`,
  );
  return rows.map((r) => r.contact_id);
}
