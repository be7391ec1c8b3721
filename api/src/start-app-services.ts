import type { Server } from 'node:http';
import { createApp } from './app.js';
import { systemClock, type Clock } from './clock.js';
import type { TConfig } from './config.js';
import type { Database } from './db/connect.js';
import type { DevSigningKey } from './dev/dev-signing-key.js';
import { createProviders, type TProviderOptions } from './integrations/acs/providers.js';
import type { BlobStore } from './integrations/blob-storage/blob-store.js';
import { startBackgroundJobs, type BackgroundJobs } from './jobs/background-jobs.js';
import { startJobQueue, type JobQueue, type TJobOptions } from './jobs/job-queue.js';
import { createHttpServer } from './http/create-http-server.js';
import { createRefusalTally } from './modules/audit/tally-refusals.js';
import type { Logger } from './logger.js';
import { createEventHub, type EventHub } from './realtime/event-hub.js';

export type TAppServicesInput = {
  config: TConfig;
  database: Database;
  blobs: BlobStore;
  logger: Logger;
  sealKey: Buffer;
  devKey?: DevSigningKey;
  clock?: Clock;
  webhookSecret?: string;
  jobOptions?: Partial<TJobOptions>;
  providerOptions?: TProviderOptions;
  /** Where to listen; the config's host and port unless given. */
  host?: string;
  port?: number;
};

export type AppServices = {
  server: Server;
  events: EventHub;
  jobs: JobQueue;
  background: BackgroundJobs;
  /** Stops the job workers (the database stays open). */
  stopJobs(): Promise<void>;
  /**
   * Ends the SSE streams, closes the server (open requests get `graceMs` to finish, then
   * their connections are cut), writes the refusal counts still held (see tally-refusals)
   * and stops the job workers.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
};

/**
 * Everything that runs over one database and blob store: the real-time hub, pg-boss and its
 * workers, and the HTTP server. The server (`startServer`), the component tests and the
 * benchmarks all start the product through this one function.
 */
export async function startAppServices(input: TAppServicesInput): Promise<AppServices> {
  const { config, database, logger } = input;
  const clock = input.clock ?? systemClock;
  const events = createEventHub({ database, logger });
  await events.start();
  let jobs: JobQueue | undefined;
  let background: BackgroundJobs | undefined;
  const stopJobs = async () => {
    background?.stop();
    await jobs?.stop();
  };
  try {
    jobs = await startJobQueue(database, logger, input.jobOptions);
    const refusals = createRefusalTally({ db: database.db, clock, logger });
    const app = createApp({
      refusals,
      config,
      db: database.db,
      blobs: input.blobs,
      logger,
      devKey: input.devKey,
      events,
      sealKey: input.sealKey,
      clock,
      jobs,
      webhookSecret: input.webhookSecret,
    });
    background = await startBackgroundJobs({
      db: database.db,
      blobs: input.blobs,
      config,
      clock,
      sealKey: input.sealKey,
      logger,
      jobs,
      providers: createProviders(config, input.providerOptions),
    });
    const server = createHttpServer(app, config.http, logger);
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(input.port ?? config.port, input.host ?? config.host, () => {
        server.off('error', fail);
        ok();
      });
    });
    const closeServer = (graceMs: number) =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeIdleConnections();
        if (graceMs <= 0) server.closeAllConnections();
        else setTimeout(() => server.closeAllConnections(), graceMs).unref();
      });
    return {
      server,
      events,
      jobs,
      background,
      stopJobs,
      stop: async ({ graceMs = 0 } = {}) => {
        await events.stop().catch(() => {});
        await closeServer(graceMs);
        // no request is running now: the refusal counts are complete and written
        await refusals.drain();
        await stopJobs();
      },
    };
  } catch (error) {
    await stopJobs().catch(() => {});
    await events.stop().catch(() => {});
    throw error;
  }
}
