import { Router } from 'express';
import type { Db } from '../../db/connect.js';
import type { BlobStore } from '../../integrations/blob-storage/blob-store.js';
import type { Logger } from '../../logger.js';
import { sql } from 'drizzle-orm';

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);

/** /healthz: the process is up. /readyz: the database and blob storage answer. */
export function createHealthRouter(deps: { db: Db; blobs: BlobStore; logger: Logger }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const check = async (name: string, fn: () => Promise<unknown>) => {
      try {
        await withTimeout(fn(), 3000);
        return [name, 'ok'] as const;
      } catch (error) {
        deps.logger.warn({ check: name, error: (error as Error).message }, 'readiness check failed');
        return [name, 'unavailable'] as const;
      }
    };
    const checks = Object.fromEntries(
      await Promise.all([
        check('database', () => deps.db.execute(sql`select 1`)),
        check('blobStorage', () => deps.blobs.ping()),
      ]),
    );
    const ready = Object.values(checks).every((v) => v === 'ok');
    res
      .set('Cache-Control', 'no-store')
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'not_ready', checks });
  });
  return router;
}
