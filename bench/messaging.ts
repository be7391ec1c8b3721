/**
 * `npm run bench -- messaging`: Confer's send endpoint against a floor server, send →
 * event-stream delivery latency with 1,000 listeners, open-conversation and search latency
 * over BENCH_MESSAGES seeded messages. Progress goes to stderr; the last line on stdout is
 * one JSON object with every figure. A benchmark, not a test: it never fails on a target.
 *
 *   BENCH_DATABASE_URL   PostgreSQL server (a fresh database is created and dropped);
 *                        unset: PGlite in memory
 *   BENCH_MESSAGES       messages seeded (default 1,000,000)
 *   BENCH_CONCURRENCY    closed-loop callers for the throughput runs (default 32)
 *   BENCH_SECONDS        measured seconds per throughput run (default 10)
 *   BENCH_POOL_MAX       the pool size the app and the floor share (default: the app's, 10)
 *   BENCH_LOG_LEVEL      the app's access log level (default info, written to /dev/null)
 *   BENCH_SETUP_SQL      SQL run after seeding, before measuring: try an index without a
 *                        migration, or drop one to measure what it buys (then ANALYZE runs)
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { loadConfig } from '../api/src/config.js';
import { startBenchApp } from './lib/app.js';
import { createCpuProbe } from './lib/cpu.js';
import { openBenchDatabase } from './lib/database.js';
import { startFloorServer } from './lib/floor-server.js';
import { createStatementCounter, type StatementCount } from './lib/statements.js';
import type { RequestSpec } from './lib/http-load.js';
import { seed, trafficShare } from './lib/seed.js';
import { log, machine, percentile, round, summarize } from './lib/stats.js';
import { createRandom, searchQueries, sentence } from './lib/vocabulary.js';
import { startClientWorker } from './lib/worker-rpc.js';

const env = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

const targetsOf = {
  send_ratio: 0.3,
  round_trips_per_send: 3,
  delivery_p99_ms: 30,
  open_p99_ms: 10,
  search_p95_ms: 50,
};

async function main() {
  const began = performance.now();
  const loadAtStart = machine().load_average_1m;
  const messages = Math.round(env('BENCH_MESSAGES', 1_000_000));
  const concurrency = Math.round(env('BENCH_CONCURRENCY', 32));
  const seconds = env('BENCH_SECONDS', 10);
  const poolMax = Math.round(env('BENCH_POOL_MAX', loadConfig({}).database.poolMax));
  const phases: Record<string, number> = {};
  const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    log(`\n== ${name}`);
    try {
      return await fn();
    } finally {
      phases[name] = round((performance.now() - t) / 1000, 1)!;
    }
  };

  const bench = await openBenchDatabase({ poolMax });
  const cleanups: Array<() => Promise<unknown>> = [() => bench.close()];
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log('\ninterrupted: cleaning up (Ctrl-C again to leave at once)');
    void runCleanups().finally(() => process.exit(130));
  };
  const runCleanups = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch((e: Error) => log(`cleanup: ${e.message}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    log(`messaging bench on ${bench.description}; ${messages.toLocaleString('en')} messages; pool ${poolMax}`);
    const seeded = await phase('seed', () => seed(bench, messages, log));
    log(`  seeded in ${seeded.seconds.toFixed(0)} s: ${JSON.stringify(seeded.counts)}`);
    const setupSql = process.env.BENCH_SETUP_SQL?.trim();
    if (setupSql) {
      log(`  BENCH_SETUP_SQL: ${setupSql}`);
      await bench.session(async (s) => {
        await s.query(setupSql);
        await s.query('analyze');
      });
    }

    const app = await startBenchApp(bench.database);
    cleanups.push(() => app.stop());
    const floor = await startFloorServer(bench.database);
    cleanups.push(() => floor.close());
    const client = startClientWorker();
    cleanups.push(() => client.stop());

    const tokens: Record<string, string> = {};
    for (const s of seeded.staff) {
      tokens[s.id] = await app.tokenFor({
        tenantId: seeded.tenantId,
        objectId: s.objectId,
        name: s.name,
        email: s.email,
      });
    }
    const random = createRandom(99);
    const bodies = Array.from({ length: 2000 }, () =>
      Array.from({ length: 1 + Math.floor(random() * 2) }, () => sentence(random)).join(' '),
    );
    const targets = seeded.targets.map((t) => ({
      kind: t.kind,
      conversationId: t.conversationId,
      authorStaffId: t.authorStaffId,
      staffIds: t.staffIds,
    }));
    const auth = (staffId: string) => ({ Authorization: `Bearer ${tokens[staffId]}` });

    // Warm-up: the JWKS fetch, JIT, both servers' first connections.
    await client.call('latency', {
      base: app.url,
      requests: targets.slice(0, 50).map((t) => ({
        method: 'GET' as const,
        path: `/api/v1/conversations/${t.conversationId}/messages`,
        headers: auth(t.authorStaffId),
      })),
      concurrency: 2,
      maxMs: 30_000,
    });

    // 1. Open a conversation: its newest 50 messages, one request at a time.
    const open = await phase('open conversation (latest 50)', async () => {
      const requests: RequestSpec[] = Array.from({ length: 2000 }, (_, i) => {
        const t = targets[(i * 7) % targets.length]!;
        return {
          method: 'GET',
          path: `/api/v1/conversations/${t.conversationId}/messages?limit=50`,
          headers: auth(t.authorStaffId),
        };
      });
      const r = await client.call('latency', { base: app.url, requests, concurrency: 1, maxMs: 90_000 });
      log(`  ${JSON.stringify({ ...summarize(r.latencies), statuses: r.statuses })}`);
      // where the tail is: by conversation kind, and the slowest opens with their participant count
      const byKind: Record<string, number[]> = {};
      const each = r.each.map((ms, i) => ({ ms, target: targets[(i * 7) % targets.length]! }));
      for (const { ms, target } of each) if (ms !== null) (byKind[target.kind] ??= []).push(ms);
      for (const [kind, values] of Object.entries(byKind)) log(`    ${kind}: ${JSON.stringify(summarize(values))}`);
      const slowest = each
        .filter((e): e is { ms: number; target: (typeof targets)[number] } => e.ms !== null)
        .sort((x, y) => y.ms - x.ms)
        .slice(0, 20)
        .map((e) => `${e.ms.toFixed(1)} ms ${e.target.kind} (${e.target.staffIds.length} staff)`);
      log(`    slowest 1%: ${slowest.join(', ')}`);
      if (r.sampleFailure) log(`  failure: ${r.sampleFailure}`);
      return { ...r, byKind };
    });

    // 2. Search as ordinary staff (not admins), a realistic mix of queries, one at a time.
    const search = await phase('search', async () => {
      const searchers = seeded.staff.filter((s) => s.role === 'staff');
      const queries = searchQueries(400);
      const requests: RequestSpec[] = queries.map((q, i) => ({
        method: 'GET',
        path: `/api/v1/search?q=${encodeURIComponent(q.q)}&limit=20`,
        headers: auth(searchers[(i * 13) % searchers.length]!.id),
      }));
      const r = await client.call('latency', { base: app.url, requests, concurrency: 1, maxMs: 180_000 });
      const byKind: Record<string, number[]> = {};
      r.each.forEach((ms, i) => {
        if (ms !== null) (byKind[queries[i]!.kind] ??= []).push(ms);
      });
      log(`  ${JSON.stringify({ ...summarize(r.latencies), statuses: r.statuses })}`);
      for (const [kind, values] of Object.entries(byKind)) log(`    ${kind}: ${JSON.stringify(summarize(values))}`);
      if (r.sampleFailure) log(`  failure: ${r.sampleFailure}`);
      return { ...r, byKind };
    });

    // 3. Throughput: floor and send alternately, twice each; the better run of each counts.
    const runs = await phase('send throughput vs floor', async () => {
      type Run = {
        mode: 'send' | 'floor';
        perSecond: number;
        p50: number;
        p99: number;
        failed: number;
        /** Per request: API main-thread busy ms and PostgreSQL CPU ms (null: not measurable). */
        apiBusyMs: number;
        dbCpuMs: number | null;
        /** Send runs on PostgreSQL: statements executed per request, from pg_stat_statements. */
        statements?: StatementCount & { perRequest: number };
      };
      const out: Run[] = [];
      const probe = await createCpuProbe(bench.database);
      const counter = await createStatementCounter(bench.database);
      let marker = 10_000_000;
      for (const round_ of [1, 2]) {
        for (const mode of ['floor', 'send'] as const) {
          if (mode === 'send') await counter?.reset();
          const window = probe.start();
          const r = await client.call('throughput', {
            base: mode === 'send' ? app.url : floor.url,
            mode,
            firmId: seeded.firmId,
            targets,
            tokens,
            bodies,
            concurrency,
            warmupMs: 2000,
            durationMs: seconds * 1000,
            maxRequests: 2_000_000,
            firstMarker: marker,
          });
          const cpu = window.stop();
          const counted = mode === 'send' ? await counter?.read() : undefined;
          const statements = counted && { ...counted, perRequest: counted.calls / Math.max(1, r.issued) };
          marker += r.issued + 1;
          const p50 = percentile(r.latencies, 50);
          const p99 = percentile(r.latencies, 99);
          const apiBusyMs = cpu.apiBusyMs / Math.max(1, r.issued);
          const dbCpuMs = cpu.dbCpuMs === null ? null : cpu.dbCpuMs / Math.max(1, r.issued);
          out.push({ mode, perSecond: r.perSecond, p50, p99, failed: r.failed, apiBusyMs, dbCpuMs, statements });
          log(
            `  round ${round_} ${mode.padEnd(5)} ${r.perSecond.toFixed(0).padStart(6)}/s ` +
              `p50 ${p50.toFixed(1)} ms p99 ${p99.toFixed(1)} ms (${concurrency} callers; ${JSON.stringify(r.statuses)}); ` +
              `per request: API main thread busy ${apiBusyMs.toFixed(2)} ms` +
              (dbCpuMs === null ? '' : `, PostgreSQL CPU ${dbCpuMs.toFixed(2)} ms`),
          );
          if (statements) {
            log(
              `    statements per send: ${statements.perRequest.toFixed(2)} (${statements.calls} over ${r.issued} sends; ` +
                `pg-boss polling apart: ${statements.background_calls})`,
            );
            for (const t of statements.top) {
              log(`      ${(t.calls / Math.max(1, r.issued)).toFixed(2).padStart(6)}  ${t.mean_ms} ms  ${t.query}`);
            }
          }
          if (r.sampleFailure) log(`  failure: ${r.sampleFailure}`);
        }
      }
      return out;
    });
    const best = (mode: 'send' | 'floor') =>
      runs.filter((r) => r.mode === mode).reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    const sendBest = best('send');
    const floorBest = best('floor');
    // Round trips: the mean over the send runs that were counted (PostgreSQL only).
    const counted = runs.flatMap((r) => (r.statements ? [r.statements.perRequest] : []));
    const roundTrips = counted.length ? counted.reduce((a, b) => a + b, 0) / counted.length : null;

    // 4. Delivery: 1,000 listeners connected; saturation measured again with them (the
    //    fan-out costs the server too), then sends at 60% of it, open loop.
    const loop = monitorEventLoopDelay({ resolution: 5 });
    const pool = bench.database.pool;
    const poolWaits: number[] = [];
    const poolTimer = pool ? setInterval(() => poolWaits.push(pool.waitingCount), 50) : undefined;
    const delivery = await phase('delivery latency', async () => {
      log(`  ${seeded.staff.length} listeners; saturation with them connected, then 60% of it`);
      loop.enable();
      const r = await client.call('delivery', {
        base: app.url,
        listeners: seeded.staff.map((s) => ({ staffId: s.id, token: tokens[s.id]! })),
        targets,
        tokens,
        bodies,
        saturation: { concurrency, warmupMs: 2000, durationMs: seconds * 1000 },
        loadShare: 0.6,
        warmupMs: 3000,
        durationMs: 20_000,
        maxInFlight: 64,
        maxRequests: 200_000,
        firstMarker: 100_000_000,
        drainMs: 10_000,
      });
      loop.disable();
      clearInterval(poolTimer);
      log(
        `  connected ${r.listeners} streams in ${(r.connectMs / 1000).toFixed(1)} s; saturation with them ` +
          `${r.saturationPerSecond.toFixed(0)}/s ${JSON.stringify(r.saturationStatuses)}`,
      );
      log(
        `  open loop at ${r.ratePerSecond}/s: sent ${r.issued} (${r.achievedPerSecond.toFixed(0)}/s, ` +
          `at most ${r.maxBehind} behind schedule); ${JSON.stringify(r.statuses)}`,
      );
      log(
        `  deliveries measured ${r.measuredDeliveries} of ${r.expected} expected; ` +
          `${JSON.stringify(summarize(r.latencies))}; POST ${JSON.stringify(summarize(r.postLatencies))}`,
      );
      log(
        `  server event-loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`,
      );
      if (poolWaits.length) {
        log(`  queries waiting for a pooled connection: ${JSON.stringify(summarize(poolWaits))} (sampled every 50 ms)`);
      }
      log(
        `  events received by the listeners over the phase: ${JSON.stringify(r.eventsByType)} ` +
          `(${(r.receivedBytes / 1024 ** 2).toFixed(1)} MiB)`,
      );
      if (r.sampleFailure) log(`  failure: ${r.sampleFailure}`);
      if (r.streamErrors.length) log(`  stream errors: ${r.streamErrors.slice(0, 5).join('; ')}`);
      return r;
    });

    const figures = {
      bench: 'messaging',
      database: bench.kind,
      database_version: bench.description,
      messages_seeded: seeded.counts.messages,
      send_per_s: round(sendBest.perSecond, 0),
      floor_per_s: round(floorBest.perSecond, 0),
      send_ratio: round(sendBest.perSecond / floorBest.perSecond, 3),
      round_trips_per_send: roundTrips === null ? null : round(roundTrips, 2),
      send_runs_per_s: runs.filter((r) => r.mode === 'send').map((r) => round(r.perSecond, 0)),
      floor_runs_per_s: runs.filter((r) => r.mode === 'floor').map((r) => round(r.perSecond, 0)),
      send_p50_ms: round(sendBest.p50, 2),
      send_p99_ms: round(sendBest.p99, 2),
      floor_p50_ms: round(floorBest.p50, 2),
      floor_p99_ms: round(floorBest.p99, 2),
      send_api_busy_ms_per_req: round(sendBest.apiBusyMs, 2),
      send_db_cpu_ms_per_req: sendBest.dbCpuMs === null ? null : round(sendBest.dbCpuMs, 2),
      floor_api_busy_ms_per_req: round(floorBest.apiBusyMs, 3),
      floor_db_cpu_ms_per_req: floorBest.dbCpuMs === null ? null : round(floorBest.dbCpuMs, 3),
      send_with_listeners_per_s: round(delivery.saturationPerSecond, 0),
      delivery_rate_per_s: delivery.ratePerSecond,
      delivery_achieved_per_s: round(delivery.achievedPerSecond, 0),
      delivery_listeners: delivery.listeners,
      delivery_p50_ms: round(percentile(delivery.latencies, 50), 2),
      delivery_p99_ms: round(percentile(delivery.latencies, 99), 2),
      delivery_measured: delivery.measuredDeliveries,
      delivery_expected: delivery.expected,
      delivery_post_p99_ms: round(percentile(delivery.postLatencies, 99), 2),
      delivery_event_loop_delay_p99_ms: round(loop.percentile(99) / 1e6, 1),
      delivery_events_by_type: delivery.eventsByType,
      open_p50_ms: round(percentile(open.latencies, 50), 2),
      open_p99_ms: round(percentile(open.latencies, 99), 2),
      open_requests: open.latencies.length,
      open_p99_by_kind_ms: Object.fromEntries(
        Object.entries(open.byKind).map(([k, v]) => [k, round(percentile(v, 99), 1)]),
      ),
      search_p50_ms: round(percentile(search.latencies, 50), 2),
      search_p95_ms: round(percentile(search.latencies, 95), 2),
      search_p99_ms: round(percentile(search.latencies, 99), 2),
      search_requests: search.latencies.length,
      search_p95_by_kind_ms: Object.fromEntries(
        Object.entries(search.byKind).map(([k, v]) => [k, round(percentile(v, 95), 1)]),
      ),
      targets: targetsOf,
      met: {
        send_ratio: sendBest.perSecond / floorBest.perSecond >= targetsOf.send_ratio,
        round_trips_per_send: roundTrips === null ? null : roundTrips <= targetsOf.round_trips_per_send,
        delivery_p99_ms: percentile(delivery.latencies, 99) <= targetsOf.delivery_p99_ms,
        open_p99_ms: percentile(open.latencies, 99) <= targetsOf.open_p99_ms,
        search_p95_ms: percentile(search.latencies, 95) <= targetsOf.search_p95_ms,
      },
      settings: {
        concurrency,
        seconds_per_run: seconds,
        pool_max: poolMax,
        traffic_share: trafficShare,
        ...(setupSql ? { setup_sql: setupSql } : {}),
      },
      seconds: { ...phases, total: round((performance.now() - began) / 1000, 0) },
      machine: { ...machine(), load_average_1m_at_start: loadAtStart },
    };
    await runCleanups();
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } catch (error) {
    await runCleanups();
    throw error;
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
