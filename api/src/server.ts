import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { createAdjustableClock, systemClock } from './clock.js';
import { loadConfig, type TConfig } from './config.js';
import { connectDatabase, type Database } from './db/connect.js';
import { waitForMigrations } from './db/pending-migrations.js';
import { loadDevSigningKey } from './dev/dev-signing-key.js';
import { seedDemoFirm } from './dev/seed-demo-firm.js';
import { seedDemoHistory } from './dev/seed-demo-history.js';
import { seedDemoAcknowledgements } from './dev/seed-demo-acknowledgements.js';
import { seedDemoNotificationChoices } from './dev/seed-demo-notification-choices.js';
import { createBlobStore } from './integrations/blob-storage/blob-store.js';
import { createEntraDatabasePassword } from './integrations/identity/entra-database-password.js';
import { createLogger, type Logger } from './logger.js';
import { loadOrCreateSealKey } from './integrations/secrets/seal.js';
import { startJobQueue } from './jobs/job-queue.js';
import { roleThatMayChangeAuditLog } from './db/app-role.js';
import { ensureAppPrincipal } from './db/ensure-app-principal.js';
import { startAppServices } from './start-app-services.js';

export type RunningConfer = {
  url: string;
  server: Server;
  /** Embedded mode: the loopback port of the Azurite child process. */
  azuritePort?: number;
  stop(): Promise<void>;
};

/**
 * The database: the configured server (with `DATABASE_AUTH=entra`, each connection's password
 * is an Entra token), else (embedded mode only) PGlite under the data dir.
 */
export async function openDatabase(config: TConfig): Promise<Database> {
  if (config.database.url) {
    return connectDatabase({
      url: config.database.url,
      poolMax: config.database.poolMax,
      password: config.database.auth === 'entra' ? createEntraDatabasePassword() : undefined,
    });
  }
  if (config.mode === 'production') throw new Error('DATABASE_URL is required in production');
  return connectDatabase({ dataDir: resolve(config.dataDir, 'pgdata') });
}

/**
 * Migrations (and, with `installJobSchema`, pg-boss's schema): over DATABASE_MIGRATION_URL (the
 * schema owner) when set, else over the app's own connection (`database`, opened here when not
 * given). Then, with DATABASE_APP_PRINCIPAL, the app's login role is made a member of confer_app
 * (created when missing). Embedded mode runs this at start; in production only `--migrate-only`
 * (the migration job) does, and replicas wait for it.
 */
export async function migrateDatabase(
  config: TConfig,
  database: Database | undefined,
  logger: Logger,
  installJobSchema: boolean,
): Promise<void> {
  // one token cache for the owner's connections (the migrations, then the principal's step)
  const password = config.database.auth === 'entra' ? createEntraDatabasePassword() : undefined;
  const opened = config.database.migrationUrl
    ? await connectDatabase({ url: config.database.migrationUrl, poolMax: 2, password })
    : database
      ? undefined
      : await openDatabase(config);
  const owner = opened ?? database!;
  try {
    await owner.migrate();
    if (installJobSchema) await (await startJobQueue(owner, logger)).stop();
    const ownerUrl = config.database.migrationUrl ?? config.database.url;
    if (config.database.appPrincipal && ownerUrl) {
      await ensureAppPrincipal({ ownerUrl, password, name: config.database.appPrincipal, logger });
    }
  } finally {
    if (opened) await opened.close();
  }
}

export async function startServer(config: TConfig, logger: Logger = createLogger(config)): Promise<RunningConfer> {
  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => {});
  };
  try {
    const database = await openDatabase(config);
    cleanups.push(() => database.close());
    // Embedded mode migrates at start; production replicas wait for the migration job.
    if (config.mode === 'embedded') await migrateDatabase(config, database, logger, !!config.database.migrationUrl);
    else await waitForMigrations(database, logger);
    if (config.mode === 'production') {
      const role = await roleThatMayChangeAuditLog(database.db);
      if (role) {
        throw new Error(
          `DATABASE_URL connects as "${role}", which may change or delete audit log rows: ` +
            'production connects as a member of the confer_app role (see README, Production mode)',
        );
      }
    }

    let storage = config.storage;
    let azuritePort: number | undefined;
    if (!storage.connectionString && !storage.accountUrl) {
      if (config.mode === 'production') throw new Error('Blob storage is required in production');
      const { startAzurite } = await import('./integrations/blob-storage/start-azurite.js');
      const azurite = await startAzurite({ location: resolve(config.dataDir, 'azurite') });
      cleanups.push(() => azurite.stop());
      storage = { ...storage, connectionString: azurite.connectionString };
      azuritePort = azurite.port;
      logger.info({ port: azurite.port }, 'Azurite blob storage started');
    }
    const blobs = createBlobStore(storage);
    await blobs.ensureContainer();

    let devKey;
    if (config.mode === 'embedded') {
      devKey = await loadDevSigningKey(resolve(config.dataDir));
      if (await seedDemoFirm(database.db)) logger.info('Seeded the demo firm');
    }

    const sealKey = config.sealKey ?? loadOrCreateSealKey(resolve(config.dataDir));
    // embedded mode: /dev/clock may move the app's clock (see dev-routes.ts); production reads the system's
    const clock = config.mode === 'embedded' ? createAdjustableClock() : systemClock;
    // once per data directory: a few weeks of history, so the first screen shows the product in use
    if (config.mode === 'embedded' && (await seedDemoHistory({ db: database.db, blobs, config, clock, sealKey }))) {
      logger.info('Seeded the demo firm’s history');
    }
    // once per data directory: acknowledge-by deadlines on that history (one met, one open, one missed)
    if (config.mode === 'embedded' && (await seedDemoAcknowledgements({ db: database.db, config, clock, sealKey }))) {
      logger.info('Seeded the demo firm’s acknowledge-by deadlines');
    }
    // once per data directory: a client's notification choice (SMS, quiet hours), after the reminders above
    if (config.mode === 'embedded' && (await seedDemoNotificationChoices(database.db))) {
      logger.info('Seeded the demo firm’s notification choices');
    }
    const services = await startAppServices({
      config,
      database,
      blobs,
      logger,
      devKey,
      sealKey,
      clock,
      // production: the migration job installed pg-boss's schema; requests run without DDL rights
      jobOptions: { installSchema: config.mode === 'embedded' && !config.database.migrationUrl },
    });
    // Cleanups run last-in first-out: the services stop before the database closes.
    cleanups.push(() => services.stop({ graceMs: 5000 }));
    const { server } = services;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return { url: `http://localhost:${port}`, server, azuritePort, stop: cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** `npm start` and `npm run db:migrate` land here (see scripts/start.mjs). */
export async function runFromCommandLine(argv: string[]): Promise<void> {
  let config: TConfig;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(78);
  }
  const logger = createLogger(config);
  if (argv.includes('--migrate-only')) {
    // production's DATABASE_URL is a confer_app member, which may not change the schema
    if (config.mode === 'production' && !config.database.migrationUrl) {
      process.stderr.write(
        'Confer cannot migrate: DATABASE_MIGRATION_URL (the schema owner) is required by --migrate-only in production\n',
      );
      process.exit(78);
    }
    // only the owner's connection: the job's identity may not be DATABASE_URL's principal
    await migrateDatabase(config, undefined, logger, true);
    logger.info({ principal: config.database.appPrincipal }, 'Migrations applied');
    return;
  }
  const running = await startServer(config, logger);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Shutting down');
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const base = config.mode === 'embedded' ? running.url : config.publicBaseUrl;
  const lines = [
    '',
    `Confer is running (${config.mode} mode)`,
    `  Staff app:      ${base}/addin/`,
    `  Client portal:  ${base}/portal/`,
    `  API:            ${base}/api/v1/openapi.json`,
    ...(config.mode === 'embedded'
      ? [`  Dev sign-in:    ${base}/dev/sign-in`, `  Data:           ${join(resolve(config.dataDir))}`]
      : []),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
