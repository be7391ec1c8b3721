import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { loadConfig, type TConfig } from '../../src/config.js';
import type { Database } from '../../src/db/connect.js';
import {
  loadDevSigningKey,
  signDevToken,
  type DevSigningKey,
  type TDevTokenClaims,
} from '../../src/dev/dev-signing-key.js';
import { createBlobStore, type BlobStore } from '../../src/integrations/blob-storage/blob-store.js';
import { findFreePort } from '../../src/integrations/blob-storage/start-azurite.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { EventHub } from '../../src/realtime/event-hub.js';
import { loadOrCreateSealKey } from '../../src/integrations/secrets/seal.js';
import { createNotifier, type TOutboxEntry } from '../../src/modules/notifications/notifier.js';
import type { TProviderOptions } from '../../src/integrations/acs/providers.js';
import type { JobQueue, TJobOptions } from '../../src/jobs/job-queue.js';
import type { BackgroundJobs } from '../../src/jobs/background-jobs.js';
import { startAppServices } from '../../src/start-app-services.js';
import { loadOrCreateWebhookSecret } from '../../src/integrations/secrets/webhook-secret.js';
import { createTestDatabase } from './test-database.js';
import { createTestClock, type TestClock } from './test-clock.js';

export type TestApp = {
  config: TConfig;
  database: Database;
  db: Database['db'];
  /** The PostgreSQL test database's URL (unset on PGlite): a second instance can connect to it. */
  databaseUrl?: string;
  /** This instance's real-time hub (started; stopped by stop()). */
  events: EventHub;
  blobs: BlobStore;
  devKey: DevSigningKey;
  server: Server;
  baseUrl: string;
  http: ReturnType<typeof supertest>;
  /** A token for a staff member, minted by the embedded identity provider. */
  tokenFor(
    claims: TDevTokenClaims,
    overrides?: { issuer?: string; audience?: string; lifetimeSeconds?: number },
  ): Promise<string>;
  /** The time the app's expiry rules read; tests may set and advance it. */
  clock: TestClock;
  /** Everything sent, newest first, unsealed (what /dev/outbox.json shows). */
  outbox(): Promise<TOutboxEntry[]>;
  /** pg-boss with short polling, quick retries and a fast sweep (see testJobOptions). */
  jobs: JobQueue;
  /** The workers; `sweepNow()` runs the periodic sweep at once. */
  background: BackgroundJobs;
  /** What ACS webhook deliveries must carry (X-Confer-Webhook-Secret). */
  webhookSecret: string;
  sealKey: Buffer;
  /**
   * Stops this instance as a process ending would (server, workers; the database and what it
   * holds stay) and starts a new one on the same database, data directory and blob container:
   * what was stored or queued must carry on. This instance is not used again.
   */
  restart(options?: { jobs?: Partial<TJobOptions> }): Promise<TestApp>;
  stop(): Promise<void>;
};

/**
 * The real app on a loopback port, in embedded mode, on a fresh database and its own blob
 * container in the run's Azurite. Staff tokens travel the real path: signed by the dev key,
 * fetched back through /dev/jwks.json by the bearer middleware.
 */
/** Apps started by this test file and not stopped yet: stopped after the file, even if a test hung. */
const running = new Set<TestApp>();
afterAll(async () => {
  for (const app of [...running]) await app.stop().catch(() => undefined);
});

export async function startTestApp(
  env: Record<string, string> = {},
  /** `database`: use this one (closed by stop()) instead of a fresh one, e.g. for a second instance. */
  options: {
    database?: Database;
    logger?: Logger;
    jobs?: Partial<TJobOptions>;
    providers?: TProviderOptions;
    /** Reuse this data directory (its seal key, signing key): a restarted instance. */
    dataDir?: string;
  } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'confer-test-'));
  const port = await findFreePort();
  const config = loadConfig({
    CONFER_MODE: 'embedded',
    PORT: String(port),
    CONFER_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    AZURE_STORAGE_CONNECTION_STRING: process.env.TEST_AZURE_STORAGE_CONNECTION_STRING ?? '',
    AZURE_STORAGE_CONTAINER: `t${randomBytes(8).toString('hex')}`,
    ...env,
  });
  const database: Database & { url?: string } = options.database ?? (await createTestDatabase());
  const blobs = createBlobStore(config.storage);
  await blobs.ensureContainer();
  const devKey = await loadDevSigningKey(dataDir);
  const logger = options.logger ?? createLogger(config);
  const clock = createTestClock();
  const sealKey = loadOrCreateSealKey(dataDir);
  const notifier = createNotifier(sealKey);
  const webhookSecret = config.acs.webhookSecret ?? loadOrCreateWebhookSecret(dataDir);
  const services = await startAppServices({
    config,
    database,
    blobs,
    logger,
    devKey,
    sealKey,
    clock,
    webhookSecret,
    jobOptions: { ...testJobOptions, ...options.jobs },
    providerOptions: { pollIntervalMs: 50, maxRetries: 0, timeoutMs: 5000, ...options.providers },
    host: '127.0.0.1',
    port,
  });
  const { server, events, jobs, background, stopJobs } = services;
  const baseUrl = `http://127.0.0.1:${port}`;
  const testApp: TestApp = {
    config,
    // closing the database (a test of a broken database) stops the job workers first
    database: {
      ...database,
      close: async () => {
        await stopJobs();
        await database.close();
      },
    },
    db: database.db,
    jobs,
    background,
    webhookSecret,
    sealKey,
    databaseUrl: database.url,
    events,
    blobs,
    devKey,
    server,
    baseUrl,
    http: supertest(baseUrl),
    clock,
    outbox: () => notifier.readOutbox(database.db, 500),
    tokenFor: (claims, overrides = {}) =>
      signDevToken(
        devKey,
        {
          issuer: overrides.issuer ?? config.identity.issuerTemplate,
          audience: overrides.audience ?? config.identity.audience,
          lifetimeSeconds: overrides.lifetimeSeconds,
        },
        claims,
      ),
    restart: async (restartOptions = {}) => {
      running.delete(testApp);
      await services.stop();
      return startTestApp(
        { ...env, AZURE_STORAGE_CONTAINER: config.storage.container },
        { ...options, database, dataDir, jobs: { ...options.jobs, ...restartOptions.jobs } },
      );
    },
    stop: () =>
      (stopping ??= (async () => {
        running.delete(testApp);
        await services.stop();
        await blobs.container.deleteIfExists();
        await database.close();
        rmSync(dataDir, { recursive: true, force: true });
      })()),
  };
  let stopping: Promise<void> | undefined;
  running.add(testApp);
  return testApp;
}

/** Jobs in tests: polled every half second, retried after 1 s, 2 s, 4 s…, swept every second. */
export const testJobOptions: Partial<TJobOptions> = {
  pollingIntervalSeconds: 0.5,
  retryLimit: 6,
  retryDelaySeconds: 1,
  sendWorkers: 2,
  sweepEveryMs: 1000,
  staleAfterSeconds: 3,
};
