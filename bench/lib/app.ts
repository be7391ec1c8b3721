import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig, type TConfig } from '../../api/src/config.js';
import type { Database } from '../../api/src/db/connect.js';
import { loadDevSigningKey, signDevToken } from '../../api/src/dev/dev-signing-key.js';
import { azuriteAccount, findFreePort } from '../../api/src/integrations/blob-storage/start-azurite.js';
import { createBlobStore, type BlobStore } from '../../api/src/integrations/blob-storage/blob-store.js';
import type { EventHub } from '../../api/src/realtime/event-hub.js';
import { startAppServices } from '../../api/src/start-app-services.js';
import { loadOrCreateSealKey } from '../../api/src/integrations/secrets/seal.js';

export type BenchApp = {
  url: string;
  server: Server;
  config: TConfig;
  events: EventHub;
  blobs: BlobStore;
  tokenFor(claims: { tenantId: string; objectId: string; name: string; email: string }): Promise<string>;
  stop(): Promise<void>;
};

/**
 * The real app through `startAppServices`, as `startServer` runs it: a real event hub, the
 * pg-boss job queue and background workers on the same database, keep-alive 65 s; in
 * embedded mode, so staff tokens are signed by the dev key and checked through
 * /dev/jwks.json like Entra tokens. On a loopback port, over the given database (the bench
 * needs its pool, which startServer keeps to itself). Access logs are written at `info`
 * like production, to /dev/null (BENCH_LOG_LEVEL changes the level).
 */
export async function startBenchApp(
  database: Database,
  options: { azureConnectionString?: string; env?: Record<string, string> } = {},
): Promise<BenchApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'confer-bench-'));
  const port = await findFreePort();
  const config = loadConfig({
    CONFER_MODE: 'embedded',
    PORT: String(port),
    CONFER_DATA_DIR: dataDir,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    // The messaging bench never touches blobs: an unused loopback endpoint is enough.
    AZURE_STORAGE_CONNECTION_STRING:
      options.azureConnectionString ??
      `DefaultEndpointsProtocol=http;AccountName=${azuriteAccount.name};AccountKey=${azuriteAccount.key};` +
        `BlobEndpoint=http://127.0.0.1:9/${azuriteAccount.name};`,
    AZURE_STORAGE_CONTAINER: 'bench',
    // every simulated client (1,000 event streams) connects from loopback
    HTTP_MAX_CONNECTIONS_PER_IP: '0',
    ...options.env,
  });
  const logger = pino(
    {
      level: config.logLevel,
      base: { service: 'confer-api' },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'token', 'code', 'body', '*.token', '*.password'],
        censor: '[redacted]',
      },
    },
    pino.destination({ dest: '/dev/null', sync: false }),
  );
  const blobs = createBlobStore(config.storage);
  if (options.azureConnectionString) await blobs.ensureContainer();
  const devKey = await loadDevSigningKey(dataDir);
  const sealKey = config.sealKey ?? loadOrCreateSealKey(dataDir);
  const services = await startAppServices({ config, database, blobs, logger, devKey, sealKey, host: '127.0.0.1' });
  const { server, events } = services;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    config,
    events,
    blobs,
    tokenFor: (claims) =>
      signDevToken(
        devKey,
        { issuer: config.identity.issuerTemplate, audience: config.identity.audience, lifetimeSeconds: 6 * 3600 },
        claims,
      ),
    stop: async () => {
      await services.stop();
      logger.flush();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
