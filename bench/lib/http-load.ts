import { Agent, request, type IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';

export type RequestSpec = {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
};

export type Outcome = { status: number; ms: number; body?: string };

/** A keep-alive client for one origin with at most `maxSockets` connections. */
export function createClient(base: string, maxSockets: number) {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'fifo' });
  function send(spec: RequestSpec, options: { keepBody?: boolean; timeoutMs?: number } = {}): Promise<Outcome> {
    const started = performance.now();
    return new Promise((resolve) => {
      const headers: Record<string, string | number> = { ...spec.headers };
      if (spec.body !== undefined) headers['Content-Length'] = Buffer.byteLength(spec.body);
      const req = request(
        { agent, host: url.hostname, port: url.port, method: spec.method, path: spec.path, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => {
            if (options.keepBody || (res.statusCode ?? 500) >= 400) chunks.push(c);
          });
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              ms: performance.now() - started,
              body: chunks.length ? Buffer.concat(chunks).toString() : undefined,
            }),
          );
          res.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
        },
      );
      req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error('timeout')));
      req.on('error', (error) => resolve({ status: 0, ms: performance.now() - started, body: error.message }));
      req.end(spec.body);
    });
  }
  return { send, close: () => agent.destroy() };
}

export type LoopResult = {
  /** Requests completed with a 2xx during the measured window. */
  ok: number;
  failed: number;
  /** Status code (0: network error) -> count, over the whole run. */
  statuses: Record<string, number>;
  /** A sample failure body, for the log. */
  sampleFailure?: string;
  /** Per-request latency (ms) of the measured window. */
  latencies: number[];
  measuredMs: number;
  perSecond: number;
};

/**
 * Closed loop: `concurrency` callers each send, wait for the answer, send the next, until
 * the warm-up plus `durationMs` has passed or `maxRequests` were sent. Only the window after
 * the warm-up is measured.
 */
export async function closedLoop(options: {
  client: ReturnType<typeof createClient>;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  maxRequests: number;
  next: (i: number) => RequestSpec;
}): Promise<LoopResult> {
  const { client } = options;
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let sampleFailure: string | undefined;
  let issued = 0;
  let ok = 0;
  let failed = 0;
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const stopAt = measureFrom + options.durationMs;
  let measuredEnd = measureFrom;
  const caller = async () => {
    while (issued < options.maxRequests && performance.now() < stopAt) {
      const spec = options.next(issued++);
      const sentAt = performance.now();
      const outcome = await client.send(spec);
      statuses[outcome.status] = (statuses[outcome.status] ?? 0) + 1;
      const done = performance.now();
      if (sentAt >= measureFrom && done <= stopAt) {
        if (outcome.status >= 200 && outcome.status < 300) {
          ok++;
          latencies.push(outcome.ms);
        } else failed++;
        measuredEnd = Math.max(measuredEnd, done);
      }
      if ((outcome.status < 200 || outcome.status >= 300) && !sampleFailure) {
        sampleFailure = `${outcome.status} ${outcome.body ?? ''}`.slice(0, 500);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, caller));
  const measuredMs = Math.max(1, Math.min(stopAt, performance.now()) - measureFrom);
  void measuredEnd;
  return { ok, failed, statuses, sampleFailure, latencies, measuredMs, perSecond: (ok / measuredMs) * 1000 };
}

/** One server-sent-events connection, parsed just enough to time `message.created`. */
export type Listener = {
  staffId: string;
  ready: Promise<void>;
  close(): void;
  /** Bytes received, for the record. */
  bytes(): number;
  /** Events received by type (all of them, not only the timed `message.created`). */
  counts(): Map<string, number>;
};

/**
 * Opens `GET /api/v1/events` and calls `onMessage(marker)` for every `message.created`
 * whose body carries `#b<marker>#`. Resolves `ready` at the stream's `ready` event.
 */
export function openListener(options: {
  base: string;
  agent: Agent;
  token: string;
  staffId: string;
  onMessage: (marker: number) => void;
  onError: (error: string) => void;
}): Listener {
  const url = new URL('/api/v1/events', options.base);
  let received = 0;
  const counts = new Map<string, number>();
  let res: IncomingMessage | undefined;
  let markReady: () => void = () => {};
  let failReady: (e: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  let isReady = false;
  const req = request(
    {
      agent: options.agent,
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      headers: { Authorization: `Bearer ${options.token}`, Accept: 'text/event-stream' },
    },
    (response) => {
      res = response;
      if (response.statusCode !== 200) {
        failReady(new Error(`event stream refused: ${response.statusCode}`));
        response.resume();
        return;
      }
      response.setEncoding('utf8');
      let pending = '';
      response.on('data', (chunk: string) => {
        received += chunk.length;
        pending += chunk;
        let end: number;
        while ((end = pending.indexOf('\n\n')) !== -1) {
          const block = pending.slice(0, end);
          pending = pending.slice(end + 2);
          const type = /(?:^|\n)event: ([^\n]*)/.exec(block)?.[1];
          if (type) counts.set(type, (counts.get(type) ?? 0) + 1);
          if (block.includes('\nevent: message.created\n')) {
            const m = /#b(\d+)#/.exec(block);
            if (m) options.onMessage(Number(m[1]));
          } else if (!isReady && block.includes('\nevent: ready\n')) {
            isReady = true;
            markReady();
          }
        }
      });
      response.on('end', () => {
        if (!isReady) failReady(new Error('event stream ended before ready'));
        else options.onError(`stream of ${options.staffId} ended`);
      });
      response.on('error', () => {});
    },
  );
  req.on('error', (error) => {
    if (!isReady) failReady(error);
    else options.onError(error.message);
  });
  req.end();
  return {
    staffId: options.staffId,
    ready,
    bytes: () => received,
    counts: () => counts,
    close: () => {
      res?.destroy();
      req.destroy();
    },
  };
}
