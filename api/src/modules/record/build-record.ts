import type { Db } from '../../db/connect.js';
import { readTogether } from '../../db/read-together.js';
import { notFound } from '../../errors.js';
import { listParticipants } from '../conversations/repository.js';
import * as repo from './repository.js';

/**
 * The JSON manifest of a conversation's record: who and what in words, and the hash chain
 * itself. `confer verify` (bin/confer.mjs) recomputes every entry's hash from `entries` and
 * checks the texts and file hashes in `messages` against them, without a database.
 */
export type TRecordManifest = {
  format: 'confer-record/1';
  exportedAt: string;
  firm: { name: string; timeZone: string };
  conversation: { id: string; title: string; matter: { number: string; title: string; closed: boolean } | null };
  participants: Array<{ name: string; kind: string; joinedAt: string; leftAt: string | null }>;
  /** The database's own check at export: the first entry that no longer holds, or none. */
  verification: { intact: boolean; entries: number; lastHash: string | null; firstBreak: repo.TRecordBreak | null };
  messages: Array<{
    id: string;
    author: string;
    authorKind: string;
    via: string;
    sentAt: string;
    notice: string | null;
    /** The text as first sent, then after each edit (the last is the current text). */
    texts: string[];
    edits: Array<{ revision: number; at: string }>;
    files: Array<{ versionId: string; name: string; size: number; sha256: string }>;
    sms: Array<{ to: string; status: string; statusReason: string | null; at: string }>;
    /** Asked to acknowledge (`read`) or reply (`reply`) by `dueAt`; who answered, when and how. */
    acknowledgement: repo.TRecordAcknowledgement | null;
  }>;
  entries: Array<{
    position: number;
    kind: string;
    messageId: string;
    subjectId: string;
    at: string;
    fields: Record<string, string | null>;
    prevHash: string;
    hash: string;
  }>;
};

/**
 * A phone number as the record shows it: country code and last four digits. Clients download
 * the record too, and need not learn each other's numbers.
 */
const maskNumber = (to: string) => (to.length > 7 ? `${to.slice(0, 3)}…${to.slice(-4)}` : to);

/** Reads a conversation's record; callers check who may see it. */
export async function buildRecord(db: Db, firmId: string, conversationId: string, now: Date): Promise<TRecordManifest> {
  const heading = await repo.getRecordHeading(db, firmId, conversationId);
  if (!heading) throw notFound('Conversation');
  const [people, messages, entries, firstBreak] = await readTogether(db, [
    () => listParticipants(db, firmId, [conversationId]),
    () => repo.listRecordMessages(db, firmId, conversationId),
    () => repo.listRecordEntries(db, firmId, conversationId),
    () => repo.findRecordBreak(db, firmId, conversationId),
  ]);
  return {
    format: 'confer-record/1',
    exportedAt: now.toISOString(),
    firm: { name: heading.firmName, timeZone: heading.timeZone },
    conversation: {
      id: conversationId,
      title: heading.title ?? heading.matterTitle ?? 'Conversation',
      matter: heading.matterNumber
        ? { number: heading.matterNumber, title: heading.matterTitle ?? '', closed: heading.matterStatus === 'closed' }
        : null,
    },
    participants: people.map((p) => ({
      name: p.name,
      kind: p.staffId ? 'staff' : (p.contactKind ?? 'client'),
      joinedAt: p.joinedAt.toISOString(),
      leftAt: p.leftAt ? p.leftAt.toISOString() : null,
    })),
    verification: {
      intact: firstBreak === null,
      entries: entries.length,
      lastHash: entries.at(-1)?.hash ?? null,
      firstBreak,
    },
    messages: messages.map((m) => ({
      id: m.id,
      author: m.authorName,
      authorKind: m.authorKind,
      via: m.via,
      sentAt: m.createdAt.toISOString(),
      notice: m.notice,
      texts: [...m.revisions.map((r) => r.body), m.body],
      edits: m.revisions.map((r) => ({ revision: r.revision, at: r.replacedAt })),
      files: m.files,
      sms: m.texts.map((t) => ({ ...t, to: maskNumber(t.to) })),
      acknowledgement: m.acknowledgement,
    })),
    entries: entries.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}
