import { request, type ClientRequest } from 'node:http';

export type StreamEvent = { id?: string; event: string; data: string; at: number };

export type EventStream = {
  events: StreamEvent[];
  /** The HTTP status of the answer (0 until it came, or when the connection failed). */
  status: number;
  /** When the server ended the stream (ms since the epoch), if it did. */
  closedAt?: number;
  /** Resolves once the answer's headers came (or the request failed). */
  opened: Promise<void>;
  /** Resolves when the stream ends, whoever ends it. */
  ended: Promise<void>;
  close(): void;
};

/**
 * A server-sent events stream over node:http (GET with a bearer token or the portal cookie,
 * optionally resuming after `lastEventId`), parsed into events with their arrival time.
 */
export function openEventStream(options: {
  port: number;
  path: string;
  headers?: Record<string, string>;
  lastEventId?: string;
}): EventStream {
  let closedByUs = false;
  let markOpened!: () => void;
  let markEnded!: () => void;
  const stream: EventStream = {
    events: [],
    status: 0,
    opened: new Promise<void>((resolve) => (markOpened = resolve)),
    ended: new Promise<void>((resolve) => (markEnded = resolve)),
    close: () => {
      closedByUs = true;
      req.destroy();
    },
  };
  const finish = () => {
    if (!closedByUs && stream.closedAt === undefined) stream.closedAt = Date.now();
    markOpened();
    markEnded();
  };
  const req: ClientRequest = request(
    {
      host: '127.0.0.1',
      port: options.port,
      path: options.path,
      headers: {
        accept: 'text/event-stream',
        ...options.headers,
        ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}),
      },
      agent: false,
    },
    (res) => {
      stream.status = res.statusCode ?? 0;
      markOpened();
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: StreamEvent = { event: 'message', data: '', at: Date.now() };
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'id') event.id = value;
            else if (field === 'event') event.event = value;
            else if (field === 'data') event.data += value;
            else continue;
            isEvent = true;
          }
          if (isEvent && (event.data || event.id)) stream.events.push(event);
        }
      });
      res.on('end', finish);
      res.on('close', finish);
      res.on('error', finish);
    },
  );
  req.on('error', finish);
  req.end();
  return stream;
}
