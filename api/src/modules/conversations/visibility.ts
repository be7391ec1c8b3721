import { sql, type Placeholder, type SQL } from 'drizzle-orm';
import { conversations } from '../../db/schema.js';

/**
 * Which conversations a staff member may see: every channel of the firm; direct messages
 * they take part in (admins included: no exception); matter conversations of matters they
 * may see (a restricted matter only for listed staff).
 */
export function conversationVisibleTo(firmId: string | Placeholder, staffId: string | Placeholder): SQL {
  return sql`(${conversations.firmId} = ${firmId} and (
    ${conversations.kind} = 'channel'
    or (${conversations.kind} = 'direct' and exists (
      select 1 from participants vp
      where vp.firm_id = ${conversations.firmId} and vp.conversation_id = ${conversations.id} and vp.staff_id = ${staffId}))
    or (${conversations.kind} in ('internal_matter', 'external_matter') and exists (
      select 1 from matters vm
      where vm.firm_id = ${conversations.firmId} and vm.id = ${conversations.matterId}
        and (not vm.restricted or exists (
          select 1 from matter_access va
          where va.firm_id = vm.firm_id and va.matter_id = vm.id and va.staff_id = ${staffId}))))
  ))`;
}
