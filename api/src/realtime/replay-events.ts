import type { Db } from '../db/connect.js';
import {
  countEventsAfter,
  findEventsAfter,
  findHead,
  type TEventTarget,
  type TPosition,
  type TStoredEvent,
} from './events-repository.js';
import { controlEvent, resyncEventType } from './stream-event.js';

export type ReplayLimits = {
  /** Rows per query. */
  batchSize: number;
  /** The most events one replay sends; beyond it the client is told to resync instead. */
  maxEvents: number;
};

export const defaultReplayLimits: ReplayLimits = { batchSize: 500, maxEvents: 10_000 };

/**
 * Emits the target's events after `from`, in stream order, in bounded batches. Gap-free
 * because only final events are read (see events-repository). When more than `maxEvents` are
 * missing, it emits one `resync` event at the firm's newest position instead: the client drops
 * its state and refetches it, and the stream goes on from there.
 */
export async function replayEvents(
  db: Db,
  target: TEventTarget,
  from: TPosition,
  emit: (event: TStoredEvent) => void,
  limits: ReplayLimits = defaultReplayLimits,
): Promise<void> {
  const resync = async () => {
    emit(controlEvent(resyncEventType, await findHead(db, target.firmId), { reason: 'too_many_missed_events' }));
  };
  if ((await countEventsAfter(db, target, from, limits.maxEvents + 1)) > limits.maxEvents) return resync();
  let position = from;
  let sent = 0;
  const rounds = Math.ceil(limits.maxEvents / limits.batchSize) + 1;
  for (let round = 0; round < rounds; round++) {
    const rows = await findEventsAfter(db, target, position, Math.min(limits.batchSize, limits.maxEvents - sent + 1));
    for (const row of rows) {
      if (sent === limits.maxEvents) return resync();
      emit(row);
      position = row;
      sent++;
    }
    if (rows.length < limits.batchSize) return;
  }
  return resync();
}
