import { createHash } from 'node:crypto';
import type { Db } from '../db/connect.js';
import { AppError } from '../errors.js';
import { claimKey, completeKey, findKey } from '../modules/idempotency/repository.js';

/** Whose keys these are: a key means the same request only for the same caller at the same firm. */
export type TIdempotencyScope = { firmId: string; actor: string };

/** Keys are kept at least this long (the sweep removes older ones). */
export const keepIdempotencyKeysHours = 24;

/** JSON with object keys sorted at every level, so equal requests give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

/** SHA-256 of the canonical request: what a retry must repeat exactly. */
export const fingerprintOf = (request: unknown): string =>
  createHash('sha256').update(canonicalJson(request)).digest('hex');

export type TIdempotentRequest = {
  scope: TIdempotencyScope;
  key: string;
  /** Method and route template, e.g. `POST /api/v1/matters`. */
  route: string;
  fingerprint: string;
  /** The status a success answers with (and a replay repeats). */
  status: number;
};

export const keyReused = () =>
  new AppError(
    'idempotency_key_reused',
    422,
    'This Idempotency-Key was already used for a different request (another route, parameters or body): use a new key for a new request',
  );

/**
 * Runs a creating request at most once per key. The key is claimed, the work done and the
 * response recorded in ONE transaction (`work` must do all its writes through the `tx` it is
 * given), so either all of it commits or none: a crash leaves nothing half-made, and a retry
 * either replays the recorded response or does the work afresh. A concurrent duplicate waits
 * for the first to finish (PostgreSQL blocks its claim on the key's row), then replays it. The
 * same key with another route or request body is refused with 422.
 */
export async function runIdempotent<R>(
  db: Db,
  request: TIdempotentRequest,
  work: (tx: Db) => Promise<R>,
): Promise<{ status: number; body: unknown; replayed: boolean }> {
  const { firmId, actor } = request.scope;
  const id = { actor, key: request.key };
  return db.transaction(async (tx) => {
    if (!(await claimKey(tx, firmId, id, request))) {
      const earlier = await findKey(tx, firmId, id);
      if (!earlier) {
        throw new AppError('idempotency_key_in_use', 409, 'A request with this Idempotency-Key is in progress');
      }
      if (earlier.route !== request.route || earlier.fingerprint !== request.fingerprint) throw keyReused();
      return {
        status: earlier.status,
        body: earlier.response === null ? undefined : (JSON.parse(earlier.response) as unknown),
        replayed: true,
      };
    }
    const body = await work(tx);
    await completeKey(tx, firmId, id, {
      status: request.status,
      body: body === undefined ? null : JSON.stringify(body),
    });
    return { status: request.status, body, replayed: false };
  });
}
