import { randomUUID } from 'node:crypto';

export type Answer = {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body when it is JSON (problem+json included). */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Milliseconds from sending to the end of the body. */
  ms: number;
  requestId: string;
};

export type RequestOptions = {
  token?: string;
  cookie?: string;
  csrf?: string;
  /** Sends the public Origin (portal POSTs need it). Default: true for non-GET. */
  origin?: boolean;
  body?: unknown;
  /** Raw body (string or bytes) with its own content type. */
  raw?: { data: string | Uint8Array | ReadableStream<Uint8Array>; contentType?: string };
  /** A multipart body (fetch writes the boundary). */
  form?: FormData;
  headers?: Record<string, string>;
  /** X-Request-Id to send (the audit log records it); a fresh one otherwise. */
  requestId?: string;
  timeoutMs?: number;
};

/** HTTP calls to one running Confer, with the bearer token, portal cookie and CSRF header when given. */
export type Api = {
  base: string;
  origin: string;
  call(method: string, path: string, options?: RequestOptions): Promise<Answer>;
};

export function createApi(base: string, origin: string): Api {
  return {
    base,
    origin,
    call: async (method, path, options = {}) => {
      const requestId = options.requestId ?? `drill-${randomUUID()}`;
      const headers: Record<string, string> = { 'x-request-id': requestId, ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.cookie) headers.cookie = options.cookie;
      if (options.csrf) headers['x-csrf-token'] = options.csrf;
      if (options.origin ?? method.toUpperCase() !== 'GET') headers.origin ??= origin;
      let body: BodyInit | undefined;
      if (options.form) {
        body = options.form;
      } else if (options.raw) {
        body = options.raw.data as BodyInit;
        if (options.raw.contentType) headers['content-type'] = options.raw.contentType;
      } else if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const started = performance.now();
      const send = () =>
        fetch(`${base}${path}`, {
          method,
          headers,
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
          ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
        } as RequestInit);
      // A kept-alive connection the server has just closed (after an early 413, say) fails at
      // once; a client retries a GET on a new one. Anything else is reported as it happened.
      const res = await send().catch((error: Error) => {
        const code = (error.cause as { code?: string } | undefined)?.code ?? '';
        if ((method === 'GET' || method === 'HEAD') && /ECONNRESET|EPIPE|UND_ERR_SOCKET/.test(code)) return send();
        throw error;
      });
      const text = await res.text();
      const ms = performance.now() - started;
      let json: unknown;
      if (/json/.test(res.headers.get('content-type') ?? '') && text) {
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
      }
      return { status: res.status, headers: res.headers, text, json, ms, requestId };
    },
  };
}

/** The problem code of an error answer, or the status when there is none. */
export const codeOf = (a: Answer) => (a.json && typeof a.json.code === 'string' ? a.json.code : '');
