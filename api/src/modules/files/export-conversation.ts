import { stringify } from 'csv-stringify/sync';
import { AppError } from '../../errors.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { recordAudit } from '../audit/record-audit.js';
import { listParticipants } from '../conversations/repository.js';
import { requireVisibleConversation } from '../conversations/service.js';
import { listMessages } from '../messages/repository.js';
import { getDocument, listAttachmentsOfMessages } from './repository.js';
import { storeGeneratedDocument } from './store-generated-document.js';
import { toDocument } from './to-document.js';
import type { TFilesDeps } from './service.js';

const channelNames = {
  app: 'app',
  portal: 'portal',
  sms: 'SMS',
  quick_link: 'quick link',
  outlook: 'Outlook',
} as const;

/**
 * Spreadsheet programs run cells that start with = + - @ (or tab / carriage return) as
 * formulas; a leading apostrophe makes them plain text.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** ISO 8601 with the offset, in UTC: 2026-11-22T09:30:00.000+00:00. */
const isoWithOffset = (d: Date) => d.toISOString().replace('Z', '+00:00');

/**
 * Writes the whole conversation as CSV into the matter's documents (source "export"):
 * timestamp, author, author kind, channel, text, attachment names, edited.
 */
export async function exportConversation(
  deps: TFilesDeps,
  ctx: StaffContext,
  conversationId: string,
  requestId: string,
) {
  const { db } = deps;
  const conversation = await requireVisibleConversation(db, ctx, conversationId);
  if (!conversation.matterId) {
    throw new AppError('not_a_matter_conversation', 409, 'Only matter conversations can be exported to a matter');
  }
  const people = await listParticipants(db, ctx.firmId, [conversationId]);
  const kindOf = (m: { authorStaffId: string | null; authorContactId: string | null }) => {
    if (m.authorStaffId) return 'staff';
    const p = people.find((x) => x.contactId === m.authorContactId);
    return p?.contactKind === 'third_party' ? 'third party' : 'client';
  };
  const rows: string[][] = [['timestamp', 'author', 'author kind', 'channel', 'text', 'attachments', 'edited']];
  let before: number | undefined;
  const pages: string[][][] = [];
  for (let i = 0; i < 10_000; i++) {
    const page = await listMessages(db, ctx.firmId, conversationId, { beforeSeq: before, limit: 500 });
    if (page.length === 0) break;
    const files = await listAttachmentsOfMessages(
      db,
      ctx.firmId,
      page.map((m) => m.id),
    );
    pages.unshift(
      page.map((m) => [
        isoWithOffset(m.createdAt),
        m.authorName,
        kindOf(m),
        channelNames[m.via],
        m.body,
        files
          .filter((f) => f.messageId === m.id)
          .map((f) => f.name)
          .join('; '),
        m.editedAt ? 'yes' : 'no',
      ]),
    );
    before = page[0]!.seq;
    if (page.length < 500) break;
  }
  for (const page of pages) rows.push(...page);
  const csv = Buffer.from(`\uFEFF${stringify(rows.map((r) => r.map(neutraliseCell)))}`, 'utf8');

  const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
  const name = `${conversation.matterNumber ?? 'conversation'} conversation export ${stamp}.csv`.replace(/[/\\]/g, '-');
  const version = await storeGeneratedDocument(
    deps,
    ctx.firmId,
    { bytes: csv, name, contentType: 'text/csv', blobContentType: 'text/csv; charset=utf-8' },
    { matterId: conversation.matterId, source: 'export', staffId: ctx.staffId },
  );
  await recordAudit(db, {
    firmId: ctx.firmId,
    actorKind: 'staff',
    actorId: ctx.staffId,
    action: 'conversation.export',
    outcome: 'success',
    targetKind: 'conversation',
    targetId: conversationId,
    requestId,
  });
  return toDocument((await getDocument(db, ctx.firmId, version.documentId))!, version);
}
