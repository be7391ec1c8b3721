import type { Db } from '../../db/connect.js';
import type { TMessage, TSmsStatus } from '../messages/schemas.js';
import { listMessageTexts } from '../notifications/outbox-repository.js';

/** A text's outbox state as staff see it: `pending` reads as sending. */
export const statusOf = (s: string): TSmsStatus => (s === 'pending' ? 'sending' : (s as TSmsStatus));

/** The compact `sms` of staff messages: the latest text per recipient, by message id. */
export async function smsSummaries(
  db: Db,
  firmId: string,
  messageIds: string[],
): Promise<Map<string, TMessage['sms']>> {
  const rows = await listMessageTexts(db, firmId, messageIds);
  const byMessage = new Map<string, TMessage['sms']>();
  const seen = new Set<string>();
  for (const row of rows) {
    const key = `${row.messageId}:${row.contactId ?? row.toAddress}`;
    if (seen.has(key)) continue; // newest first: the first row per recipient is their latest
    seen.add(key);
    const summary = byMessage.get(row.messageId) ?? { recipients: [] };
    summary.recipients.push({
      contactId: row.contactId,
      name: row.contactName ?? 'Unknown',
      status: statusOf(row.status),
      reason: row.statusDetail,
    });
    byMessage.set(row.messageId, summary);
  }
  return byMessage;
}
