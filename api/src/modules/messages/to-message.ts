import type { TReader, TReadState } from '../conversations/repository.js';
import type { TMessage, TMessageCore, TReadReceipt } from './schemas.js';
import type { TMessageFile, TMessageRow } from './repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const initialsOf = (name: string) =>
  name
    .split(/\s+/u)
    .filter(Boolean)
    .map((w) => Array.from(w)[0] ?? '')
    .slice(0, 2)
    .join('')
    .toLocaleUpperCase();

/** The message as anyone in the conversation may see it: no read information. */
export function toMessageCore(row: TMessageRow, files: TMessageFile[] = []): TMessageCore {
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
        preview: f.preview ?? null,
      })),
    aboutDocument: row.aboutDocumentId ? { id: row.aboutDocumentId, name: row.aboutDocumentName ?? '' } : null,
    notice:
      row.notice && row.aboutDocumentId
        ? { kind: row.notice, documentId: row.aboutDocumentId, version: row.noticeVersion ?? null }
        : null,
    inReplyTo: row.inReplyToId ? { id: row.inReplyToId, body: row.inReplyToBody ?? '' } : null,
  };
}

export const toReadReceipt = (p: TReader): TReadReceipt => ({
  participantId: p.id,
  name: p.name,
  initials: p.initials ?? initialsOf(p.name),
});

/** How many of the ascending `marks` are at least `seq`. */
function countAtLeast(marks: number[], seq: number): number {
  let low = 0;
  let high = marks.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (marks[mid]! < seq) low = mid + 1;
    else high = mid;
  }
  return marks.length - low;
}

/** Who has read a message (other than its author): by name in small conversations, else a count. */
export function readReceiptsOf(
  message: { seq: number; authorId: string },
  state: TReadState | undefined,
): Pick<TMessage, 'readBy' | 'readCount'> {
  if (!state || state.readers) {
    const readBy = (state?.readers ?? [])
      .filter((p) => p.lastReadSeq >= message.seq && (p.staffId ?? p.contactId) !== message.authorId)
      .map(toReadReceipt);
    return { readBy, readCount: readBy.length };
  }
  const own = (state.authorMarks[message.authorId] ?? -1) >= message.seq ? 1 : 0;
  return { readBy: null, readCount: countAtLeast(state.marks, message.seq) - own };
}

/** Staff-facing messages: each with its read receipts and texts. Only staff routes call this. */
export function toStaffMessages(
  rows: TMessageRow[],
  reads: Map<string, TReadState>,
  files: TMessageFile[] = [],
  /** Texts of these messages, by message id (see sms/to-sms). */
  sms: Map<string, TMessage['sms']> = new Map(),
): TMessage[] {
  return rows.map((row) => ({
    ...toMessageCore(row, files),
    ...readReceiptsOf(
      { seq: Number(row.seq), authorId: (row.authorStaffId ?? row.authorContactId)! },
      reads.get(row.conversationId),
    ),
    sms: sms.get(row.id) ?? null,
  }));
}
