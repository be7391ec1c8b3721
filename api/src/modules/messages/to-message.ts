import type { TParticipantRow } from '../conversations/repository.js';
import type { TAttachmentRow } from '../files/repository.js';
import type { TMessage, TMessageCore } from './schemas.js';
import type { TMessageRow } from './repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const initialsOf = (name: string) =>
  name
    .split(/\s+/u)
    .filter(Boolean)
    .map((w) => Array.from(w)[0] ?? '')
    .slice(0, 2)
    .join('')
    .toLocaleUpperCase();

/** The message as anyone in the conversation may see it: no read information. */
export function toMessageCore(row: TMessageRow, files: TAttachmentRow[] = []): TMessageCore {
  const isStaff = row.authorStaffId !== null;
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: Number(row.seq),
    author: {
      kind: isStaff ? 'staff' : 'contact',
      id: (row.authorStaffId ?? row.authorContactId)!,
      name: row.authorName,
      initials: row.authorInitials ?? initialsOf(row.authorName),
    },
    body: row.body,
    via: row.via,
    createdAt: row.createdAt.toISOString(),
    editedAt: iso(row.editedAt),
    pinnedAt: iso(row.pinnedAt),
    pinnedBy: row.pinnedByStaffId ? { id: row.pinnedByStaffId, name: row.pinnedByName ?? '' } : null,
    files: files
      .filter((f) => f.messageId === row.id)
      .map((f) => ({
        versionId: f.versionId,
        documentId: f.documentId,
        name: f.name,
        size: Number(f.size),
        contentType: f.contentType,
        sha256: f.sha256,
      })),
    aboutDocument: row.aboutDocumentId ? { id: row.aboutDocumentId, name: row.aboutDocumentName ?? '' } : null,
    notice:
      row.notice && row.aboutDocumentId
        ? { kind: row.notice, documentId: row.aboutDocumentId, version: row.noticeVersion ?? null }
        : null,
    inReplyTo: row.inReplyToId ? { id: row.inReplyToId, body: row.inReplyToBody ?? '' } : null,
  };
}

/**
 * Staff-facing messages: each carries the participants (other than its author) whose read
 * mark has reached it. Only staff routes call this.
 */
export function toStaffMessages(
  rows: TMessageRow[],
  people: TParticipantRow[],
  files: TAttachmentRow[] = [],
  /** Texts of these messages, by message id (see sms/to-sms). */
  sms: Map<string, TMessage['sms']> = new Map(),
): TMessage[] {
  return rows.map((row) => {
    const authorId = row.authorStaffId ?? row.authorContactId;
    const readBy = people
      .filter((p) => Number(p.lastReadSeq) >= Number(row.seq) && (p.staffId ?? p.contactId) !== authorId)
      .map((p) => ({ participantId: p.id, name: p.name, initials: p.initials ?? initialsOf(p.name) }));
    return { ...toMessageCore(row, files), readBy, sms: sms.get(row.id) ?? null };
  });
}
