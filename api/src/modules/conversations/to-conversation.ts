import type { Db } from '../../db/connect.js';
import type { TConversation, TParticipant } from './schemas.js';
import { readTogether } from '../../db/read-together.js';
import {
  countUnreadByConversation,
  listParticipants,
  type TConversationRow,
  type TParticipantRow,
} from './repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toParticipant(p: TParticipantRow): TParticipant {
  const initials =
    p.initials ??
    p.name
      .split(/\s+/u)
      .filter(Boolean)
      .map((w) => Array.from(w)[0] ?? '')
      .slice(0, 2)
      .join('')
      .toLocaleUpperCase();
  return {
    id: p.id,
    kind: p.staffId ? 'staff' : 'contact',
    staffId: p.staffId,
    contactId: p.contactId,
    name: p.name,
    initials,
    contactKind: p.contactKind,
    joinedAt: p.joinedAt.toISOString(),
    leftAt: iso(p.leftAt),
  };
}

/** What staff see as a conversation's name. */
export function titleOf(row: TConversationRow, people: TParticipantRow[], viewerStaffId: string): string {
  const active = people.filter((p) => !p.leftAt);
  return titleFromNames(row, {
    otherStaff: active.filter((p) => p.staffId && p.staffId !== viewerStaffId).map((p) => p.name),
    contacts: active.filter((p) => p.contactId).map((p) => p.name),
  });
}

/** The same from the names of the active participants: other staff (for DMs) and contacts. */
export function titleFromNames(
  row: Pick<TConversationRow, 'kind' | 'name' | 'matterNumber'>,
  names: { otherStaff: string[]; contacts: string[] },
): string {
  if (row.name) return row.name;
  if (row.kind === 'direct') return names.otherStaff.length > 0 ? names.otherStaff.join(', ') : 'Notes to self';
  if (row.kind === 'internal_matter') return `${row.matterNumber} · Internal`;
  if (row.kind === 'external_matter') return `${row.matterNumber} · ${names.contacts.join(', ') || 'Clients'}`;
  return 'Conversation';
}

/** Staff-facing views of conversations: participants, title, joined flag and unread count. */
export async function toConversations(
  db: Db,
  firmId: string,
  staffId: string,
  rows: TConversationRow[],
): Promise<TConversation[]> {
  const ids = rows.map((r) => r.id);
  const [people, unread] = await readTogether(db, [
    () => listParticipants(db, firmId, ids),
    () => countUnreadByConversation(db, firmId, staffId, ids),
  ]);
  return rows.map((row) => {
    const mine = people.filter((p) => p.conversationId === row.id);
    const joined = mine.some((p) => p.staffId === staffId && !p.leftAt);
    return {
      id: row.id,
      kind: row.kind,
      matterId: row.matterId,
      matter:
        row.matterId && row.matterNumber
          ? { id: row.matterId, number: row.matterNumber, title: row.matterTitle ?? '' }
          : null,
      name: row.name,
      title: titleOf(row, mine, staffId),
      requireMfa: row.requireMfa,
      archivedAt: iso(row.archivedAt),
      archivedReason: row.archivedReason,
      createdAt: row.createdAt.toISOString(),
      lastMessageAt: iso(row.lastMessageAt),
      participants: mine.map(toParticipant),
      joined,
      unreadCount: joined ? (unread.get(row.id) ?? 0) : 0,
    };
  });
}
