/**
 * The load generator, in a worker thread: its event loop is not the servers', so client
 * work (building requests, parsing 1,000 event streams) does not queue behind the API's.
 * Commands arrive as { id, command, args } and are answered with { id, result | error }.
 */
import { randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { closedLoop, createClient, openListener, type Listener, type RequestSpec } from './http-load.js';

export type Target = { conversationId: string; authorStaffId: string; staffIds: string[] };

export type ThroughputArgs = {
  base: string;
  /** `send`: the API's endpoint; `floor`: the bare server's. */
  mode: 'send' | 'floor';
  firmId: string;
  targets: Target[];
  tokens: Record<string, string>;
  bodies: string[];
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
  /** Markers continue across runs so every body is unique. */
  firstMarker: number;
};

export type DeliveryArgs = {
  base: string;
  listeners: Array<{ staffId: string; token: string }>;
  targets: Target[];
  tokens: Record<string, string>;
  bodies: string[];
  /** Saturation is measured first, closed loop, with the listeners connected. */
  saturation: { concurrency: number; warmupMs: number; durationMs: number };
  /** The open-loop rate, as a share of that saturation (0.6). */
  loadShare: number;
  warmupMs: number;
  durationMs: number;
  maxInFlight: number;
  maxRequests: number;
  firstMarker: number;
  /** How long to wait for stragglers after the last send. */
  drainMs: number;
};

export type LatencyArgs = {
  base: string;
  requests: RequestSpec[];
  concurrency: number;
  maxMs: number;
};

function sendSpec(args: ThroughputArgs | DeliveryArgs, i: number, marker: number, floor: boolean): RequestSpec {
  const target = args.targets[i % args.targets.length]!;
  const body = JSON.stringify({ body: `${args.bodies[i % args.bodies.length]} #b${marker}#` });
  const headers = {
    'Content-Type': 'application/json',
    Authorization: `Bearer ${args.tokens[target.authorStaffId]}`,
    'Idempotency-Key': randomUUID(),
  };
  const path = floor
    ? `/floor/${(args as ThroughputArgs).firmId}/${target.conversationId}/${target.authorStaffId}`
    : `/api/v1/conversations/${target.conversationId}/messages`;
  return { method: 'POST', path, headers, body };
}

async function throughput(args: ThroughputArgs) {
  const client = createClient(args.base, args.concurrency);
  try {
    const result = await closedLoop({
      client,
      concurrency: args.concurrency,
      warmupMs: args.warmupMs,
      durationMs: args.durationMs,
      maxRequests: args.maxRequests,
      next: (i) => sendSpec(args, i, args.firstMarker + i, args.mode === 'floor'),
    });
    return { ...result, issued: Object.values(result.statuses).reduce((a, b) => a + b, 0) };
  } finally {
    client.close();
  }
}

async function delivery(args: DeliveryArgs) {
  const sentAt = new Map<number, { at: number; target: Target; measured: boolean }>();
  const latencies: number[] = [];
  let delivered = 0;
  let unexpected = 0;
  const streamErrors: string[] = [];
  const sseAgent = new Agent({ keepAlive: false, maxSockets: Infinity });

  // 1. Connect every listener (64 at a time) and wait for each stream's `ready`.
  const connectStarted = performance.now();
  const listeners: Listener[] = [];
  const byStaff = new Map<string, Listener>();
  for (let i = 0; i < args.listeners.length; i += 64) {
    const batch = args.listeners.slice(i, i + 64).map(({ staffId, token }) => {
      const listener = openListener({
        base: args.base,
        agent: sseAgent,
        token,
        staffId,
        onMessage: (marker) => {
          const sent = sentAt.get(marker);
          if (!sent) {
            unexpected++;
            return;
          }
          if (sent.target.authorStaffId === staffId) return; // the author's own echo
          delivered++;
          if (sent.measured) latencies.push(performance.now() - sent.at);
        },
        onError: (e) => {
          if (streamErrors.length < 20) streamErrors.push(e);
        },
      });
      byStaff.set(staffId, listener);
      listeners.push(listener);
      return listener.ready;
    });
    await Promise.all(batch);
  }
  const connectMs = performance.now() - connectStarted;

  // 2. Saturation with the listeners connected: closed loop, as for the throughput runs.
  let marker = args.firstMarker;
  const saturationClient = createClient(args.base, args.saturation.concurrency);
  const saturation = await closedLoop({
    client: saturationClient,
    concurrency: args.saturation.concurrency,
    warmupMs: args.saturation.warmupMs,
    durationMs: args.saturation.durationMs,
    maxRequests: 1_000_000,
    next: (i) => {
      const m = marker++;
      sentAt.set(m, { at: performance.now(), target: args.targets[i % args.targets.length]!, measured: false });
      return sendSpec(args, i, m, false);
    },
  });
  saturationClient.close();
  const saturationDeliveries = delivered;
  // let the fan-out of the saturation run drain before the measured run
  let quiet = delivered;
  for (let i = 0; i < 300; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (delivered === quiet) break;
    quiet = delivered;
  }
  const ratePerSecond = Math.max(1, Math.round(saturation.perSecond * args.loadShare));

  // 3. Open loop at that rate: send on schedule whatever the answers do (bounded in flight).
  const client = createClient(args.base, args.maxInFlight);
  const statuses: Record<string, number> = {};
  let sampleFailure: string | undefined;
  let issued = 0;
  let inFlight = 0;
  let maxBehind = 0;
  let expected = 0;
  const postLatencies: number[] = [];
  const start = performance.now();
  const stopAt = start + args.warmupMs + args.durationMs;
  const pendingSends = new Set<Promise<void>>();
  while (performance.now() < stopAt && issued < args.maxRequests) {
    const due = Math.min(args.maxRequests, Math.floor(((performance.now() - start) / 1000) * ratePerSecond));
    maxBehind = Math.max(maxBehind, due - issued);
    while (issued < due && inFlight < args.maxInFlight) {
      const i = issued++;
      const m = marker++;
      const spec = sendSpec(args, i, m, false);
      const target = args.targets[i % args.targets.length]!;
      const at = performance.now();
      const measured = at >= start + args.warmupMs;
      sentAt.set(m, { at, target, measured });
      if (measured) expected += target.staffIds.filter((s) => s !== target.authorStaffId && byStaff.has(s)).length;
      inFlight++;
      const p = client.send(spec).then((outcome) => {
        inFlight--;
        statuses[outcome.status] = (statuses[outcome.status] ?? 0) + 1;
        if (outcome.status === 201) {
          if (measured) postLatencies.push(outcome.ms);
        } else if (!sampleFailure) sampleFailure = `${outcome.status} ${outcome.body ?? ''}`.slice(0, 500);
      });
      pendingSends.add(p);
      void p.finally(() => pendingSends.delete(p));
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const sendingMs = performance.now() - start;
  await Promise.all([...pendingSends]);
  const measuredLatencyCount = () => latencies.length;
  const drainUntil = performance.now() + args.drainMs;
  while (performance.now() < drainUntil && measuredLatencyCount() < expected) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const received = listeners.reduce((sum, l) => sum + l.bytes(), 0);
  const eventsByType: Record<string, number> = {};
  for (const l of listeners) {
    for (const [type, n] of l.counts()) eventsByType[type] = (eventsByType[type] ?? 0) + n;
  }
  for (const l of listeners) l.close();
  client.close();
  sseAgent.destroy();
  return {
    listeners: listeners.length,
    connectMs,
    saturationPerSecond: saturation.perSecond,
    saturationStatuses: saturation.statuses,
    saturationDeliveries,
    ratePerSecond,
    issued,
    achievedPerSecond: (issued / sendingMs) * 1000,
    maxBehind,
    statuses,
    sampleFailure,
    expected,
    measuredDeliveries: latencies.length,
    delivered,
    unexpected,
    streamErrors,
    receivedBytes: received,
    /** Over the whole phase (saturation run included). */
    eventsByType,
    latencies,
    postLatencies,
  };
}

async function latency(args: LatencyArgs) {
  const client = createClient(args.base, args.concurrency);
  const latencies: number[] = [];
  /** By request index: its latency, or null when it failed or was not sent. */
  const each: Array<number | null> = args.requests.map(() => null);
  const statuses: Record<string, number> = {};
  let sampleFailure: string | undefined;
  let next = 0;
  const stopAt = performance.now() + args.maxMs;
  const caller = async () => {
    while (next < args.requests.length && performance.now() < stopAt) {
      const i = next++;
      const outcome = await client.send(args.requests[i]!, { keepBody: false });
      statuses[outcome.status] = (statuses[outcome.status] ?? 0) + 1;
      if (outcome.status === 200) {
        latencies.push(outcome.ms);
        each[i] = outcome.ms;
      } else if (!sampleFailure) sampleFailure = `${outcome.status} ${outcome.body ?? ''}`.slice(0, 500);
    }
  };
  await Promise.all(Array.from({ length: args.concurrency }, caller));
  client.close();
  return { latencies, each, statuses, sampleFailure, sent: next };
}

const commands = { throughput, delivery, latency } as const;
export type Commands = typeof commands;

parentPort!.on('message', (message: { id: number; command: keyof Commands; args: never }) => {
  const run = commands[message.command] as (args: unknown) => Promise<unknown>;
  run(message.args).then(
    (result) => parentPort!.postMessage({ id: message.id, result }),
    (error: Error) => parentPort!.postMessage({ id: message.id, error: error.stack ?? error.message }),
  );
});
