/** One server-sent event as received. */
export type ReceivedEvent = {
  id: string | undefined;
  type: string;
  data: string;
  /** `data` parsed as JSON. */
  json<T = Record<string, unknown>>(): T;
};

export type EventStream = {
  status: number;
  headers: Headers;
  /** Every event received so far, in order (comments and `retry:` are not events). */
  events: ReceivedEvent[];
  /** Comment lines (`: ping`) received so far, without the colon. */
  comments: string[];
  /** The last `retry:` value, if any. */
  retry: number | undefined;
  /** True once the server ended the stream (or it was closed here). */
  ended: boolean;
  /**
   * Resolves with the first `count` events (of `type`, when given, else all but `ready`)
   * once they have arrived; rejects after `timeoutMs` (default 5 s) listing what did arrive.
   */
  waitFor(count: number, options?: { type?: string; timeoutMs?: number }): Promise<ReceivedEvent[]>;
  /** Resolves when the server ends the stream; rejects after `timeoutMs` (default 5 s). */
  waitForEnd(timeoutMs?: number): Promise<void>;
  /** Aborts the request. */
  close(): Promise<void>;
};

export type OpenEventStreamOptions = {
  token?: string;
  /** Sent as the `Last-Event-ID` header. */
  lastEventId?: string | number;
  headers?: Record<string, string>;
};

/** Control events the server sends itself; `waitFor` skips them unless asked for by type. */
const controlTypes = new Set(['ready']);

/**
 * Opens an SSE stream with fetch (so a bearer header can be sent, which EventSource cannot)
 * and parses it as the browser would: `field: value` lines, blank line ends an event, `:`
 * starts a comment. Resolves once the response headers are in; throws if the status is not
 * 200, with the body. Always `close()` it (or let the server end it).
 */
export async function openEventStream(url: string, options: OpenEventStreamOptions = {}): Promise<EventStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { Accept: 'text/event-stream', ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.lastEventId !== undefined) headers['Last-Event-ID'] = String(options.lastEventId);
  const res = await fetch(url, { headers, signal: controller.signal });
  if (res.status !== 200 || !res.body) {
    const body = await res.text();
    throw new Error(`Event stream refused: ${res.status} ${body}`);
  }

  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of [...listeners]) listener();
  };
  const stream: EventStream = {
    status: res.status,
    headers: res.headers,
    events: [],
    comments: [],
    retry: undefined,
    ended: false,
    waitFor: (count, { type, timeoutMs = 5000 } = {}) => {
      const matching = () =>
        stream.events.filter((e) => (type === undefined ? !controlTypes.has(e.type) : e.type === type));
      return waitUntil(
        () => (matching().length >= count ? matching().slice(0, count) : undefined),
        () =>
          `${count} event(s)${type ? ` of type ${type}` : ''}; got ${JSON.stringify(
            stream.events.map((e) => [e.id, e.type]),
          )}${stream.ended ? ' and the stream ended' : ''}`,
        timeoutMs,
      );
    },
    waitForEnd: (timeoutMs = 5000) =>
      waitUntil(
        () => (stream.ended ? true : undefined),
        () => 'the stream to end',
        timeoutMs,
      ).then(() => undefined),
    close: async () => {
      controller.abort();
      await reading.catch(() => {});
    },
  };

  function waitUntil<T>(check: () => T | undefined, describe: () => string, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const done = (fn: () => void) => {
        clearTimeout(timer);
        listeners.delete(listener);
        fn();
      };
      const listener = () => {
        const value = check();
        if (value !== undefined) done(() => resolve(value));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`Timed out waiting for ${describe()}`))), timeoutMs);
      listeners.add(listener);
      listener();
    });
  }

  // The parser, after the EventSource processing model (WHATWG HTML §9.2.6).
  let id: string | undefined;
  let type = '';
  let data: string[] = [];
  const dispatch = () => {
    if (data.length > 0) {
      const text = data.join('\n');
      stream.events.push({ id, type: type || 'message', data: text, json: <T>() => JSON.parse(text) as T });
    }
    type = '';
    data = [];
  };
  const processLine = (line: string) => {
    if (line === '') return dispatch();
    if (line.startsWith(':')) {
      stream.comments.push(line.slice(1).trim());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'id') id = value;
    else if (field === 'event') type = value;
    else if (field === 'data') data.push(value);
    else if (field === 'retry' && /^\d+$/.test(value)) stream.retry = Number(value);
  };

  const reading = (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let pending = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        // a CR at the end may be the first half of a CRLF: keep it for the next chunk
        const text = pending + value;
        const held = text.endsWith('\r') ? '\r' : '';
        const lines = (held ? text.slice(0, -1) : text).split(/\r\n|\r|\n/);
        pending = (lines.pop() ?? '') + held;
        for (const line of lines) processLine(line);
        changed();
      }
    } catch {
      // aborted by close(), or the connection dropped
    } finally {
      stream.ended = true;
      changed();
    }
  })();

  return stream;
}
