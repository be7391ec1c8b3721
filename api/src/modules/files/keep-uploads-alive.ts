import type { Db } from '../../db/connect.js';
import { touchPendingUploads } from './pending-uploads-repository.js';

/**
 * Marks an upload's pending rows alive every `everyMs` for as long as its HTTP exchange lasts
 * (receiving, storing the blocks, recording the message). The sweep removes only uploads
 * silent for several beats, so a live upload is never swept however slowly it arrives, and
 * one whose process died is swept within minutes instead of an hour.
 */
export function keepUploadsAlive(
  db: Db,
  firmId: string,
  /** The request's blob names so far (the array grows as files start). */
  blobNames: readonly string[],
  everyMs: number,
  /** Its end: the response's `close` (after it is sent, or when the connection drops). */
  exchange: { once(event: 'close', listener: () => void): unknown },
): void {
  const timer = setInterval(() => {
    touchPendingUploads(db, firmId, [...blobNames]).catch(() => {
      // the database is unreachable: the next beat tries again
    });
  }, everyMs);
  timer.unref();
  exchange.once('close', () => clearInterval(timer));
}
