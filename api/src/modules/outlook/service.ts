import type { Db } from '../../db/connect.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { toContact } from '../contacts/service.js';
import { listVisibleConversations } from '../conversations/repository.js';
import { toConversations } from '../conversations/to-conversation.js';
import { listVisibleMattersOfContact } from '../matters/repository.js';
import { toMatter } from '../matters/service.js';
import { findContactsByEmails } from './repository.js';

/**
 * What an open email means in Confer: the contacts among its sender and recipients, their
 * matters the caller may see, and each matter's conversations. Closed matters come last.
 */
export async function getEmailContext(db: Db, ctx: StaffContext, emails: string[]) {
  const unique = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))].slice(0, 50);
  const found = await findContactsByEmails(db, ctx.firmId, unique);
  const matterRows = new Map<string, Awaited<ReturnType<typeof listVisibleMattersOfContact>>[number]>();
  const contactMatters = new Map<string, string[]>();
  for (const contact of found) {
    const rows = await listVisibleMattersOfContact(db, ctx.firmId, ctx.staffId, contact.id);
    contactMatters.set(
      contact.id,
      rows.map((r) => r.id),
    );
    for (const row of rows) matterRows.set(row.id, row);
  }
  const matters = [];
  for (const row of [...matterRows.values()].sort((a, b) =>
    a.status === b.status ? b.createdAt.getTime() - a.createdAt.getTime() : a.status === 'open' ? -1 : 1,
  )) {
    const conversations = await listVisibleConversations(db, ctx.firmId, ctx.staffId, { matterId: row.id, limit: 50 });
    matters.push({
      matter: toMatter(row),
      contactIds: found.filter((c) => contactMatters.get(c.id)?.includes(row.id)).map((c) => c.id),
      conversations: await toConversations(db, ctx.firmId, ctx.staffId, conversations),
    });
  }
  return {
    contacts: found.map(toContact),
    unknownEmails: unique.filter((e) => !found.some((c) => c.email?.toLowerCase() === e)),
    matters,
  };
}
