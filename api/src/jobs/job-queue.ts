import { sql, type SQL } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { Database, Db } from '../db/connect.js';
import type { Logger } from '../logger.js';

/** The queues Confer uses. Each job's data carries ids only: never content, numbers or tokens. */
export const queueNames = {
  /** Hands one outbox row (email or text) to the provider: `{ outboxId, firmId }`. */
  sendOutbox: 'send-outbox',
  /** Applies one stored ACS event (delivery report, inbound text): `{ eventId }`. */
  acsEvent: 'acs-event',
  /** Decides one new-message email batch when it is due: `{ firmId, batchId }`. */
  unseenEmail: 'unseen-email',
  /** Re-enqueues what is overdue (a crash between commit and work, retries exhausted). */
  sweep: 'sweep',
  /** Removes the staged blocks of uploads whose request died (scheduled every minute, and at start). */
  sweepUploads: 'sweep-uploads',
  /** Renders one file version's thumbnail or first-page preview: `{ firmId, versionId }`. */
  makeFilePreview: 'make-file-preview',
  /** Acts on one reminder step of an acknowledge-by request at its time: `{ firmId, messageId, step }`. */
  acknowledgementStep: 'acknowledgement-step',
} as const;
export type TQueueName = (typeof queueNames)[keyof typeof queueNames];

export type TJobOptions = {
  /** How often an idle worker looks for jobs (pg-boss polls; at least 0.5 s). */
  pollingIntervalSeconds: number;
  /** Retries of a failed job, with exponential backoff from `retryDelaySeconds`. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** Concurrent send-outbox workers per process. */
  sendWorkers: number;
  /** How often this process asks for a sweep (one runs at a time across instances). */
  sweepEveryMs: number;
  /** An unsent row untouched this long past its expected attempt is re-enqueued by the sweep. */
  staleAfterSeconds: number;
  /**
   * Install or upgrade pg-boss's schema and create the queues at start. Off when the schema
   * owner did it before (DATABASE_MIGRATION_URL): the app's role only uses the tables.
   */
  installSchema: boolean;
};

export const defaultJobOptions: TJobOptions = {
  pollingIntervalSeconds: 1,
  retryLimit: 10,
  retryDelaySeconds: 5,
  sendWorkers: 4,
  sweepEveryMs: 30_000,
  staleAfterSeconds: 60,
  installSchema: true,
};

export type TJob<T> = { id: string; data: T; retryCount: number; retryLimit: number };

export type JobQueue = {
  options: TJobOptions;
  /**
   * Enqueues a job. With `tx` the job is inserted in that transaction: it exists if and only
   * if the transaction commits. A `singletonKey` keeps at most one waiting and one running
   * job per key (stately queues). `startAfterSeconds` delays it.
   */
  enqueue(
    name: TQueueName,
    data: Record<string, unknown>,
    options?: { singletonKey?: string; startAfterSeconds?: number },
    tx?: Db,
  ): Promise<void>;
  /**
   * Sends a job to the queue on a cron schedule (UTC), once per tick across every instance:
   * pg-boss keeps the schedule in its tables and one instance at a time sends the due jobs.
   */
  schedule(name: TQueueName, cron: string): Promise<void>;
  /** Runs `handler` for jobs of a queue; a throw fails the job (retried with backoff). */
  work<T>(name: TQueueName, handler: (job: TJob<T>) => Promise<void>, options?: { workers?: number }): Promise<void>;
  /** Stops the workers (waiting for running jobs, up to 10 s). Call before the database closes. */
  stop(): Promise<void>;
};

/**
 * Queues that do not use pg-boss's `stately` policy. A stately queue holds at most one active
 * job, and a job left active by a process that died (SIGKILL, a lost instance) counts as
 * active until it expires (15 minutes, then up to a maintenance round more): meanwhile no
 * other job of that queue can start, and pg-boss's fetch hides the refusal. The two sweeps
 * must run after exactly such a death, and are safe to run twice at once (the upload sweep's
 * every step is conditional; the general sweep only queues jobs under their own keys), so
 * they are standard queues: a dead run holds up nothing.
 */
const queuePolicies: Partial<Record<TQueueName, 'standard'>> = {
  [queueNames.sweep]: 'standard',
  [queueNames.sweepUploads]: 'standard',
  // many delayed jobs wait at once (three per marked message); each locks its step row and
  // does nothing once the step is done, so a repeat (a sweep, a retry) is harmless
  [queueNames.acknowledgementStep]: 'standard',
};

type TExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

const nullify = (values: unknown[] | undefined) => (values ?? []).map((v) => (v === undefined ? null : v));

/**
 * pg-boss's SQL (`$1`, `$2` placeholders) as a Drizzle query, so it can run inside a Drizzle
 * transaction on either driver.
 */
export function toDrizzleSql(text: string, values: unknown[] = []): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, match.index)));
    const value = values[Number(match[1]) - 1];
    chunks.push(sql`${value === undefined ? null : value}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks, sql.raw(''));
}

const inTransaction = (tx: Db): { executeSql: TExecuteSql } => ({
  executeSql: async (text, values) => (await tx.execute(toDrizzleSql(text, values))) as unknown as { rows: unknown[] },
});

/**
 * What a query answers once the queue has stopped. A worker's fetch that was already in flight
 * when stop() returned still runs its job, and pg-boss then completes it without awaiting the
 * promise: it reads `result?.rows || []` and `result && result.rows ? rows[0].count : 0`, so no
 * rows at all (not an empty list) is the answer that neither crashes nor invents a job. The job
 * stays active in the table and is retried after it expires.
 */
const afterStop = {} as { rows: unknown[] };

/** pg-boss over the app's own connections: the pg pool, or PGlite in process. */
function adapterFor(database: Database, isClosed: () => boolean): { executeSql: TExecuteSql } {
  if (database.pool) {
    const pool = database.pool;
    return {
      executeSql: async (text, values) => {
        if (isClosed()) return afterStop;
        return pool.query(text, nullify(values));
      },
    };
  }
  const pglite = database.pglite!;
  return {
    executeSql: async (text, values) => {
      if (isClosed()) return afterStop;
      if (!values || values.length === 0) {
        const results = await pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      return pglite.query(text, nullify(values));
    },
  };
}

/**
 * Starts pg-boss on the app's database (its own `pgboss` schema, created on first start) and
 * creates Confer's queues. Stop it before the database closes.
 */
export async function startJobQueue(
  database: Database,
  logger: Logger,
  overrides: Partial<TJobOptions> = {},
): Promise<JobQueue> {
  const options = { ...defaultJobOptions, ...overrides };
  let closed = false;
  const boss = new PgBoss({
    db: adapterFor(database, () => closed),
    schedule: true,
    migrate: options.installSchema,
    supervise: true,
    maintenanceIntervalSeconds: 120,
  });
  boss.on('error', (error: Error) => {
    if (!closed) logger.warn({ err: { name: error.name, message: error.message } }, 'job queue error');
  });
  await boss.start();
  for (const name of Object.values(queueNames)) {
    const queue = {
      name,
      policy: queuePolicies[name] ?? ('stately' as const),
      retryLimit: options.retryLimit,
      retryDelay: options.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: 15 * 60,
      retentionMinutes: 24 * 60,
    };
    // another instance may create it at the same moment: then update what it made
    if (!(await boss.getQueue(name)) && options.installSchema)
      await boss.createQueue(name, queue).catch(() => undefined);
    await boss.updateQueue(name, queue);
  }
  let stopping = false;
  return {
    options,
    enqueue: async (name, data, sendOptions = {}, tx) => {
      if (stopping) return;
      await boss.send(name, data, {
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
        // in a transaction pg-boss's SQL runs through toDrizzleSql, where each `$5` becomes a
        // parameter of its own, typed by its own context: a delay in seconds would be bound to
        // `CAST($5 as timestamptz)` too and refused, so the time is given as an instant there
        ...(sendOptions.startAfterSeconds
          ? {
              startAfter: tx
                ? new Date(Date.now() + sendOptions.startAfterSeconds * 1000)
                : sendOptions.startAfterSeconds,
            }
          : {}),
        ...(tx ? { db: inTransaction(tx) } : {}),
      });
    },
    schedule: async (name, cron) => {
      await boss.schedule(name, cron, {}, { tz: 'UTC' });
    },
    work: async <T>(
      name: TQueueName,
      handler: (job: TJob<T>) => Promise<void>,
      workOptions: { workers?: number } = {},
    ) => {
      for (let i = 0; i < (workOptions.workers ?? 1); i++) {
        await boss.work<T>(
          name,
          { pollingIntervalSeconds: options.pollingIntervalSeconds, batchSize: 1, includeMetadata: true },
          async (jobs) => {
            for (const job of jobs) {
              await handler({ id: job.id, data: job.data, retryCount: job.retryCount, retryLimit: job.retryLimit });
            }
          },
        );
      }
    },
    stop: async () => {
      if (stopping) return;
      stopping = true;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false });
      closed = true;
    },
  };
}
