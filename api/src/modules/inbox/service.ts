import type { Db } from '../../db/connect.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { AppError } from '../../errors.js';
import { decodeCursor, encodeCursor } from '../../shared/pagination.js';
import { titleFromNames } from '../conversations/to-conversation.js';
import { firstLine } from './first-line.js';
import { listInboxRows, type TInboxDbRow } from './repository.js';
import type { TInboxQuery, TInboxRow } from './schemas.js';

const iso = (d: Date | string) => new Date(d).toISOString();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

function cursorOf(before: string | undefined) {
  if (!before) return undefined;
  const [activity, id] = decodeCursor(before, 2) as [string, string];
  if (UUID.test(id) && /^\d{4}-\d{2}-\d{2}[ T][\d:.+-]+$/u.test(activity)) return { activity, id };
  throw new AppError('validation_failed', 400, 'query.before: is not a valid cursor', {
    errors: [{ location: 'query', field: 'before', message: 'is not a valid cursor' }],
  });
}

function authorKindOf(row: TInboxDbRow, staffId: string): NonNullable<TInboxRow['lastMessage']>['authorKind'] {
  if (row.author_staff_id) return row.author_staff_id === staffId ? 'me' : 'staff';
  return row.author_contact_kind ?? 'client';
}

function toInboxRow(row: TInboxDbRow, staffId: string): TInboxRow {
  return {
    conversationId: row.id,
    kind: row.kind,
    title: titleFromNames(
      { kind: row.kind, name: row.name, matterNumber: row.matter_number },
      { otherStaff: row.other_staff ?? [], contacts: row.contact_names ?? [] },
    ),
    matter:
      row.matter_id && row.matter_number
        ? { id: row.matter_id, number: row.matter_number, title: row.matter_title ?? '' }
        : null,
    lastMessage:
      row.message_id && row.message_at
        ? {
            id: row.message_id,
            authorName: row.author_name ?? 'Unknown',
            authorKind: authorKindOf(row, staffId),
            text: firstLine(row.message_body ?? ''),
            at: iso(row.message_at),
          }
        : null,
    activityAt: iso(row.activity_at),
    unreadCount: row.unread,
    clientReplied: row.author_contact_id !== null && row.message_id !== null,
    smsFailed: row.sms_failed,
    archived: row.archived,
  };
}

/** The caller's Messages inbox, one page, newest activity first. */
export async function listInbox(db: Db, ctx: StaffContext, query: TInboxQuery) {
  const before = cursorOf(query.before);
  const rows = await listInboxRows(db, ctx.firmId, ctx.staffId, {
    filter: query.filter,
    before,
    limit: query.limit + 1,
    withTotal: !before,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toInboxRow(r, ctx.staffId)),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.activity_key, last.id]) : null,
    unreadTotal: rows[0]?.unread_total ?? (before ? null : 0),
  };
}
