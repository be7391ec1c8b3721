import type { Db } from '../../db/connect.js';
import { findReadStates } from '../conversations/repository.js';
import { listAttachmentsOfMessages } from '../files/repository.js';
import { smsSummaries } from '../sms/summarize-texts.js';
import type * as repo from './repository.js';
import type { TMessage } from './schemas.js';
import { toStaffMessages } from './to-message.js';

/** Staff-facing messages of one conversation: read receipts, files (unless given) and texts. */
export async function withReadBy(
  db: Db,
  firmId: string,
  conversationId: string,
  rows: repo.TMessageRow[],
  knownFiles?: repo.TMessageFile[],
): Promise<TMessage[]> {
  if (rows.length === 0) return [];
  const authors = rows.map((r) => (r.authorStaffId ?? r.authorContactId)!);
  const [reads, files, sms] = await Promise.all([
    findReadStates(db, firmId, [conversationId], authors),
    knownFiles ??
      listAttachmentsOfMessages(
        db,
        firmId,
        rows.map((r) => r.id),
      ),
    smsSummaries(
      db,
      firmId,
      rows.map((r) => r.id),
    ),
  ]);
  return toStaffMessages(rows, reads, files, sms);
}
