/**
 * `npm run bench -- upload`: a 100 MB upload through the API against the same bytes sent
 * straight to the same Azurite with the SDK, and the API's peak memory growth during 8
 * concurrent 100 MB uploads. Progress goes to stderr; the last line on stdout is one JSON
 * object with every figure. A benchmark, not a test: it never fails on a target.
 *
 * The API runs in a child process (bench/lib/upload-server.ts): this process generates the
 * request bodies and samples the child's VmRSS from /proc every 50 ms, so the client's
 * buffers are never counted as the API's. Bodies are streamed from a generator (64 KiB
 * slices of one 1 MiB random buffer); nothing here holds 100 MB. Azurite runs as its own
 * child with its data in a temporary directory (not in memory), removed at the end.
 *
 *   BENCH_DATABASE_URL   PostgreSQL server for the API (fresh database); unset: PGlite
 *   BENCH_UPLOAD_MB      size of each upload in MiB (default 100, the API's default limit)
 *   BENCH_UPLOAD_ROUNDS  single-upload rounds, API and SDK alternately (default 3)
 *   BENCH_UPLOAD_CONCURRENT  concurrent uploads for the memory test (default 8)
 *   BENCH_API_NODE_ARGS  extra Node.js options for the API process (e.g. `--cpu-prof`)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobServiceClient } from '@azure/storage-blob';
import { startAzurite } from '../api/src/integrations/blob-storage/start-azurite.js';
import { log, machine, round, sleep } from './lib/stats.js';

const MiB = 1024 * 1024;
const env = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const targetsOf = { upload_ratio: 0.8, peak_rss_growth_mb: 100 };

/** One MiB of random bytes, sliced into 64 KiB chunks `size` bytes long in all. */
const source = randomBytes(MiB);
function* bytes(size: number): Generator<Buffer> {
  const chunk = 64 * 1024;
  for (let sent = 0; sent < size; sent += chunk) {
    const offset = sent % MiB;
    yield source.subarray(offset, offset + Math.min(chunk, size - sent, MiB - offset));
  }
}

type Server = { url: string; token: string; matterId: string; database: string; maxBytes: number };

/** POST /api/v1/matters/:id/documents, multipart, streamed; resolves with status and time. */
function uploadThroughApi(
  server: Server,
  size: number,
  name: string,
): Promise<{ status: number; ms: number; body: string }> {
  const boundary = `----confer-bench-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\n` +
      `Content-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const url = new URL(`/api/v1/matters/${server.matterId}/documents`, server.url);
    const req = request(url, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${server.token}`,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': head.length + size + tail.length,
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, body }));
    });
    req.on('error', reject);
    pipeline(
      Readable.from(
        (function* () {
          yield head;
          yield* bytes(size);
          yield tail;
        })(),
      ),
      req,
    ).catch(reject);
  });
}

/** The same bytes with the SDK's streaming upload (its defaults: 8 MiB blocks, 5 in parallel). */
async function uploadWithSdk(
  service: BlobServiceClient,
  size: number,
  name: string,
  options: { bufferSize?: number; maxConcurrency?: number } = {},
): Promise<number> {
  const client = service.getContainerClient('bench-direct').getBlockBlobClient(name);
  const started = performance.now();
  await client.uploadStream(Readable.from(bytes(size)), options.bufferSize, options.maxConcurrency);
  return performance.now() - started;
}

function startServer(connectionString: string): Promise<{ child: ChildProcess; server: Server }> {
  const child = fork(new URL('./lib/upload-server.ts', import.meta.url), [], {
    execArgv: [
      '--expose-gc',
      ...(process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
    ],
    env: { ...process.env, BENCH_AZURE_CONNECTION_STRING: connectionString },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the API process exited (${code}) before it was ready`)));
    child.on('message', (m: { type: string } & Server) => {
      if (m.type === 'ready') resolve({ child, server: m });
    });
  });
}

/** CPU seconds (user + system) the process has used so far. */
function cpuSecondsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
}

/** Samples the child's VmRSS every 50 ms until stopped; returns the samples (bytes). */
function sampleRss(pid: number) {
  const samples: number[] = [];
  const timer = setInterval(() => {
    try {
      samples.push(rssOf(pid).rss);
    } catch {
      // the process is gone
    }
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return samples;
    },
  };
}

async function main() {
  const began = performance.now();
  const loadAtStart = machine().load_average_1m;
  const size = Math.round(env('BENCH_UPLOAD_MB', 100) * MiB);
  const rounds = Math.round(env('BENCH_UPLOAD_ROUNDS', 3));
  const concurrent = Math.round(env('BENCH_UPLOAD_CONCURRENT', 8));
  const azuriteDir = mkdtempSync(join(tmpdir(), 'confer-bench-azurite-'));
  const cleanups: Array<() => Promise<unknown>> = [async () => rmSync(azuriteDir, { recursive: true, force: true })];
  const runCleanups = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch((e: Error) => log(`cleanup: ${e.message}`));
  };
  process.on('SIGINT', () => void runCleanups().finally(() => process.exit(130)));
  process.on('SIGTERM', () => void runCleanups().finally(() => process.exit(143)));
  try {
    const azurite = await startAzurite({ location: azuriteDir });
    cleanups.push(() => azurite.stop());
    const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
    await service.getContainerClient('bench-direct').createIfNotExists();
    const { child, server } = await startServer(azurite.connectionString);
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.send({ type: 'stop' });
        }),
    );
    const pid = child.pid!;
    log(
      `upload bench: ${size / MiB} MiB uploads; API (pid ${pid}) on ${server.database}; Azurite on disk in ${azuriteDir}`,
    );
    if (size > server.maxBytes) log(`  note: ${size} bytes is over the API's limit of ${server.maxBytes}`);

    const gc = () =>
      new Promise<void>((resolve) => {
        const onMessage = (m: { type: string }) => {
          if (m.type === 'gc-done') {
            child.off('message', onMessage);
            resolve();
          }
        };
        child.on('message', onMessage);
        child.send({ type: 'gc' });
      });

    // Warm-up: JWKS fetch, first blob calls, JIT, on both paths.
    const warm = await uploadThroughApi(server, 4 * MiB, 'warm-up.bin');
    if (warm.status !== 201) throw new Error(`warm-up upload failed: ${warm.status} ${warm.body}`);
    await uploadWithSdk(service, 4 * MiB, 'warm-up.bin');

    // 1. Memory: N concurrent uploads against a settled baseline (first, on a fresh process,
    //    so earlier big uploads cannot have grown the heap beforehand).
    await gc();
    await sleep(1000);
    const baselineSamples: number[] = [];
    for (let i = 0; i < 10; i++) {
      baselineSamples.push(rssOf(pid).rss);
      await sleep(50);
    }
    const baseline = Math.max(...baselineSamples);
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets VmHWM to the current RSS
    } catch {
      // not permitted here: VmHWM then includes the start-up peak
    }
    log(`\n== ${concurrent} concurrent uploads (baseline RSS ${(baseline / MiB).toFixed(0)} MiB)`);
    const sampler = sampleRss(pid);
    const t0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: concurrent }, (_, i) => uploadThroughApi(server, size, `concurrent-${i}.bin`)),
    );
    const concurrentMs = performance.now() - t0;
    const samples = sampler.stop();
    const hwm = rssOf(pid).hwm;
    const peak = Math.max(...samples);
    const failed = results.filter((r) => r.status !== 201);
    log(
      `  ${results.length - failed.length}/${results.length} stored in ${(concurrentMs / 1000).toFixed(1)} s ` +
        `(${((concurrent * size) / MiB / (concurrentMs / 1000)).toFixed(0)} MiB/s in all); ` +
        `peak RSS ${(peak / MiB).toFixed(0)} MiB (${samples.length} samples), VmHWM ${(hwm / MiB).toFixed(0)} MiB`,
    );
    if (failed[0]) log(`  failure: ${failed[0].status} ${failed[0].body.slice(0, 300)}`);

    // 2. One upload at a time: API and SDK alternately, same bytes, same Azurite.
    log(`\n== single ${size / MiB} MiB uploads, API vs SDK, ${rounds} rounds`);
    const apiMs: number[] = [];
    const sdkMs: number[] = [];
    const apiCpu: number[] = [];
    for (let r = 1; r <= rounds; r++) {
      const cpuBefore = cpuSecondsOf(pid);
      const api = await uploadThroughApi(server, size, `single-${r}.bin`);
      if (api.status !== 201) throw new Error(`upload failed: ${api.status} ${api.body.slice(0, 300)}`);
      apiCpu.push(cpuSecondsOf(pid) - cpuBefore);
      apiMs.push(api.ms);
      sdkMs.push(await uploadWithSdk(service, size, `single-${r}.bin`));
      log(
        `  round ${r}: API ${(api.ms / 1000).toFixed(2)} s (${(size / MiB / (api.ms / 1000)).toFixed(0)} MiB/s, ` +
          `API process CPU ${apiCpu[r - 1]!.toFixed(2)} s), ` +
          `SDK ${(sdkMs[r - 1]! / 1000).toFixed(2)} s (${(size / MiB / (sdkMs[r - 1]! / 1000)).toFixed(0)} MiB/s)`,
      );
    }
    // For the record: the SDK staging 4 MiB blocks one at a time, as the API does.
    const sdkSequentialMs = await uploadWithSdk(service, size, 'sequential.bin', {
      bufferSize: 4 * MiB,
      maxConcurrency: 1,
    });
    log(`  SDK with 4 MiB blocks one at a time (the API's pattern): ${(sdkSequentialMs / 1000).toFixed(2)} s`);

    const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
    const api = median(apiMs);
    const sdk = median(sdkMs);
    const figures = {
      bench: 'upload',
      database: server.database,
      upload_mib: size / MiB,
      upload_ratio: round(sdk / api, 3),
      api_upload_s: round(api / 1000, 2),
      sdk_upload_s: round(sdk / 1000, 2),
      api_mib_per_s: round(size / MiB / (api / 1000), 0),
      sdk_mib_per_s: round(size / MiB / (sdk / 1000), 0),
      sdk_sequential_4mib_s: round(sdkSequentialMs / 1000, 2),
      upload_ratio_vs_sdk_sequential: round(sdkSequentialMs / api, 3),
      api_rounds_s: apiMs.map((v) => round(v / 1000, 2)),
      api_cpu_s_per_upload: round(median(apiCpu), 2),
      sdk_rounds_s: sdkMs.map((v) => round(v / 1000, 2)),
      concurrent_uploads: concurrent,
      concurrent_stored: results.length - failed.length,
      concurrent_s: round(concurrentMs / 1000, 1),
      baseline_rss_mb: round(baseline / MiB, 0),
      peak_rss_mb: round(peak / MiB, 0),
      peak_rss_growth_mb: round((peak - baseline) / MiB, 1),
      peak_rss_growth_hwm_mb: round((hwm - baseline) / MiB, 1),
      rss_samples: samples.length,
      targets: targetsOf,
      met: {
        upload_ratio: sdk / api >= targetsOf.upload_ratio,
        peak_rss_growth_mb: (peak - baseline) / MiB <= targetsOf.peak_rss_growth_mb,
      },
      seconds: { total: round((performance.now() - began) / 1000, 0) },
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
