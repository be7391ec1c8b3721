import { createEventStreamParser, type ServerSentEvent } from './create-event-stream-parser.js';

export type EventStreamState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export type EventStreamStateDetail = {
  /** HTTP status of the response that caused the change, if any. */
  status?: number;
  error?: unknown;
  /** When reconnecting: the delay before the next attempt. */
  retryInMs?: number;
};

export type OpenEventStreamOptions = {
  url: string;
  /** Called before every (re)connection, so a refreshed token is picked up. */
  getToken: () => string | null | undefined | Promise<string | null | undefined>;
  onEvent: (event: ServerSentEvent) => void;
  onStateChange?: (state: EventStreamState, detail: EventStreamStateDetail) => void;
  /** Resume after this event id (sent as `Last-Event-ID` on the first request). */
  lastEventId?: string;
  /** First reconnection delay until the server sends `retry:`. Default 1 s. */
  initialRetryMs?: number;
  /** Cap for the exponential backoff. Default 30 s. */
  maxRetryMs?: number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
};

export type EventStream = {
  close: () => void;
  readonly lastEventId: string;
  readonly state: EventStreamState;
};

/** Responses that mean "do not try again": signed out, forbidden, or the server says stop (204). */
const FATAL_STATUSES = new Set([204, 401, 403, 404]);

class StreamEndedError extends Error {
  constructor() {
    super('The event stream ended.');
    this.name = 'StreamEndedError';
  }
}

/**
 * A fetch-based Server-Sent Events client (EventSource cannot send an Authorization header).
 * Parses `id:` / `event:` / `data:` / `retry:`, remembers the last id, and reconnects with
 * exponential backoff (based on the server's `retry:`), sending `Last-Event-ID` so the server
 * can replay what was missed.
 */
export function openEventStream(options: OpenEventStreamOptions): EventStream {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const maxRetryMs = options.maxRetryMs ?? 30_000;
  let baseRetryMs = options.initialRetryMs ?? 1_000;
  let failures = 0;
  let state: EventStreamState = 'connecting';
  let closed = false;
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const parser = createEventStreamParser({
    onEvent: (event) => {
      if (!closed) options.onEvent(event);
    },
    onRetry: (delayMs) => {
      baseRetryMs = delayMs;
    },
  });
  let lastEventId = options.lastEventId ?? '';

  function setState(next: EventStreamState, detail: EventStreamStateDetail = {}) {
    state = next;
    options.onStateChange?.(next, detail);
  }

  async function connect() {
    controller = new AbortController();
    const { signal } = controller;
    parser.reset();
    const headers: Record<string, string> = { accept: 'text/event-stream', 'cache-control': 'no-cache' };
    const token = await options.getToken();
    if (closed) return;
    if (token) headers.authorization = `Bearer ${token}`;
    if (lastEventId) headers['last-event-id'] = lastEventId;

    const response = await doFetch(options.url, { headers, signal, cache: 'no-store', credentials: 'same-origin' });
    if (FATAL_STATUSES.has(response.status)) {
      await response.body?.cancel().catch(() => undefined);
      stop({ status: response.status });
      return;
    }
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok || !type.includes('text/event-stream') || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw Object.assign(new Error(`Event stream refused with status ${response.status}`), {
        status: response.status,
      });
    }

    failures = 0;
    setState('open', { status: response.status });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.push(value);
        lastEventId = parser.lastEventId || lastEventId;
      }
    } finally {
      reader.releaseLock();
    }
    throw new StreamEndedError();
  }

  function stop(detail: EventStreamStateDetail) {
    closed = true;
    if (timer) clearTimeout(timer);
    controller?.abort();
    setState('closed', detail);
  }

  function scheduleReconnect(error: unknown) {
    if (closed) return;
    // Exponential backoff from the server's retry delay, with jitter so clients spread out.
    const exponential = Math.min(maxRetryMs, baseRetryMs * 2 ** Math.min(failures, 10));
    const delay = failures === 0 ? baseRetryMs : Math.round(exponential * (0.5 + Math.random() * 0.5));
    failures += 1;
    const status = (error as { status?: unknown } | null)?.status;
    setState('reconnecting', { error, retryInMs: delay, ...(typeof status === 'number' ? { status } : {}) });
    timer = setTimeout(run, delay);
  }

  function run() {
    timer = null;
    if (closed) return;
    connect().catch((error: unknown) => {
      if (closed) return;
      scheduleReconnect(error);
    });
  }

  setState('connecting');
  run();

  return {
    close() {
      if (!closed) stop({});
    },
    get lastEventId() {
      return lastEventId;
    },
    get state() {
      return state;
    },
  };
}
