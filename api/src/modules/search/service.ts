import type { Db } from '../../db/connect.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { decodeCursor, encodeCursor } from '../../shared/pagination.js';
import { findReadStates, listParticipants, type TConversationRow } from '../conversations/repository.js';
import { titleOf } from '../conversations/to-conversation.js';
import { listAttachmentsOfMessages } from '../files/repository.js';
import { toStaffMessages } from '../messages/to-message.js';
import { buildSearch, splitHighlights } from './build-search-query.js';
import { searchMessages } from './repository.js';

/** Full-text search over message bodies the caller may see, newest first, with highlights. */
export async function searchForStaff(db: Db, ctx: StaffContext, query: { q: string; before?: string; limit: number }) {
  const search = buildSearch(query.q);
  if (!search) return { items: [], nextCursor: null };
  const beforeSeq = query.before ? Number(decodeCursor(query.before, 1)[0]) : undefined;
  const rows = await searchMessages(db, ctx.firmId, ctx.staffId, search, {
    beforeSeq: Number.isSafeInteger(beforeSeq) ? beforeSeq : undefined,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const conversationIds = [...new Set(page.map((r) => r.conversationId))];
  // names are needed for the titles of unnamed direct and external conversations only
  const untitled = [
    ...new Set(
      page.filter((r) => !r.conversationName && titledByPeople(r.conversationKind)).map((r) => r.conversationId),
    ),
  ];
  const [people, reads, files] = await Promise.all([
    listParticipants(db, ctx.firmId, untitled),
    findReadStates(
      db,
      ctx.firmId,
      conversationIds,
      page.map((r) => (r.authorStaffId ?? r.authorContactId)!),
    ),
    listAttachmentsOfMessages(
      db,
      ctx.firmId,
      page.map((r) => r.id),
    ),
  ]);
  const items = page.map((row) => {
    const mine = people.filter((p) => p.conversationId === row.conversationId);
    const title = titleOf(
      {
        kind: row.conversationKind,
        name: row.conversationName,
        matterNumber: row.matterNumber,
      } as TConversationRow,
      mine,
      ctx.staffId,
    );
    return {
      message: toStaffMessages([row], reads, files)[0]!,
      conversation: { id: row.conversationId, kind: row.conversationKind, title, matterId: row.matterId },
      snippet: splitHighlights(row.snippet),
    };
  });
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor([String(last.seq)]) : null };
}

const titledByPeople = (kind: TConversationRow['kind']) => kind === 'direct' || kind === 'external_matter';
