import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type TApiDocument } from '../app.js';
import { loadConfig } from '../config.js';
import { connectDatabase } from '../db/connect.js';
import { createBlobStore } from '../integrations/blob-storage/blob-store.js';
import { createLogger } from '../logger.js';
import { createEventHub } from '../realtime/event-hub.js';

/**
 * The OpenAPI 3.1 document of the API, built in process the way the server builds it (an
 * embedded-mode app on an in-memory PGlite; nothing listens, nothing is started or sent).
 */
export async function describeApi(): Promise<TApiDocument> {
  const dataDir = mkdtempSync(join(tmpdir(), 'confer-describe-'));
  const config = loadConfig({ CONFER_MODE: 'embedded', CONFER_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const database = await connectDatabase({});
  try {
    const logger = createLogger(config);
    const { apiDocument } = buildApp({
      config,
      db: database.db,
      blobs: createBlobStore({ ...config.storage, connectionString: 'UseDevelopmentStorage=true' }),
      logger,
      events: createEventHub({ database, logger }),
      sealKey: randomBytes(32),
      webhookSecret: randomBytes(16).toString('hex'),
    });
    return apiDocument();
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
