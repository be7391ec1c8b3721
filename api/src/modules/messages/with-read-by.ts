import type { Db } from '../../db/connect.js';
import { readTogether } from '../../db/read-together.js';
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
  const ids = rows.map((r) => r.id);
  const [reads, files, sms] = await readTogether(db, [
    () => findReadStates(db, firmId, [conversationId], authors),
    () => (knownFiles ? Promise.resolve(knownFiles) : listAttachmentsOfMessages(db, firmId, ids)),
    () => smsSummaries(db, firmId, ids),
  ]);
  return toStaffMessages(rows, reads, files, sms);
}
