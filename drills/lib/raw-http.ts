import { Agent, request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';

export type RawAnswer = {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  ms: number;
};

/**
 * One HTTP/1.1 request through node:http, for what fetch cannot send: another loopback source
 * address (`localAddress`, e.g. 127.0.0.7), header values fetch refuses, bytes that are not
 * UTF-8. Answers errors (a reset connection) as status 0 with the message in the body.
 */
export function rawRequest(options: {
  port: number;
  method: string;
  path: string;
  headers?: OutgoingHttpHeaders;
  body?: Buffer | string;
  localAddress?: string;
  agent?: Agent | false;
  timeoutMs?: number;
}): Promise<RawAnswer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: options.port,
        method: options.method,
        path: options.path,
        headers: options.headers,
        localAddress: options.localAddress,
        agent: options.agent ?? false,
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            ms: performance.now() - started,
          }),
        );
        res.on('error', (error) =>
          resolve({ status: 0, headers: {}, body: Buffer.from(error.message), ms: performance.now() - started }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) =>
      resolve({ status: 0, headers: {}, body: Buffer.from(error.message), ms: performance.now() - started }),
    );
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}
