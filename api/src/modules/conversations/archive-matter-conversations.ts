import type { Db } from '../../db/connect.js';
import { announceConversation } from './announce.js';
import { listMatterConversationIds, updateConversation } from './repository.js';

/**
 * Closing a matter archives its conversations (read-only for everyone); reopening restores
 * the ones archived for that reason. Conversations ended by "end engagement" stay ended.
 */
export async function setMatterConversationsArchived(
  tx: Db,
  firmId: string,
  matterId: string,
  archived: boolean,
): Promise<void> {
  const ids = await listMatterConversationIds(tx, firmId, matterId, archived ? 'open' : 'archived_for_closure');
  for (const id of ids) {
    await updateConversation(
      tx,
      firmId,
      id,
      archived
        ? { archivedAt: new Date(), archivedReason: 'matter_closed' }
        : { archivedAt: null, archivedReason: null },
    );
    await announceConversation(tx, firmId, id, 'conversation.updated');
  }
}
