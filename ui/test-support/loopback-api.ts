// A tiny HTTP server on 127.0.0.1 standing in for the API in component tests: the components
// talk to it over real HTTP with the real fetch. Relative URLs ('/api/v1/...', as the apps use
// on their own origin) are resolved against the server, as a browser resolves them against the
// page's origin.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LoopbackRequest = { method: string; path: string; headers: IncomingMessage['headers']; body: string };
export type LoopbackAnswer = { status: number; body?: unknown; headers?: Record<string, string> };
export type LoopbackHandler = (request: LoopbackRequest) => LoopbackAnswer | Promise<LoopbackAnswer>;

export type LoopbackApi = {
  origin: string;
  /** Every request received, in order. */
  requests: LoopbackRequest[];
  close: () => Promise<void>;
};

const realFetch = globalThis.fetch;

export async function startLoopbackApi(handler: LoopbackHandler): Promise<LoopbackApi> {
  const requests: LoopbackRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      void Promise.resolve(handler(request)).then((answer) => {
        const problem = answer.status >= 400;
        res.writeHead(answer.status, {
          'content-type': problem ? 'application/problem+json' : 'application/json',
          'x-request-id': `req-${requests.length}`,
          ...answer.headers,
        });
        res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
    realFetch(typeof input === 'string' || input instanceof URL ? new URL(input, origin) : input, init);
  return {
    origin,
    requests,
    close: async () => {
      globalThis.fetch = realFetch;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A problem+json answer as the API writes it. */
export const problem = (status: number, code: string, title: string, detail?: string): LoopbackAnswer => ({
  status,
  body: { type: `https://confer.example/problems/${code}`, title, status, code, ...(detail ? { detail } : {}) },
});
