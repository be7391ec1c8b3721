import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Azure OpenAI and the managed identity endpoint, on loopback, at the HTTP boundary: the real
 * `openai` SDK (AzureOpenAI) and the real @azure/identity DefaultAzureCredential talk to it.
 *
 * - `GET /msi/token?resource=…` (the App Service / Container Apps protocol: IDENTITY_ENDPOINT
 *   + IDENTITY_HEADER) hands out an opaque token bound to the resource it was asked for.
 * - `POST /openai/deployments/{deployment}/chat/completions?api-version=…` answers only a
 *   bearer token issued for https://cognitiveservices.azure.com, the configured deployment, an
 *   api-version, and a body of one system and one user message (401/404/400 otherwise, in
 *   Azure's error shape). The answer is the user message transformed deterministically by the
 *   style the system instruction asks for (see `emulatedRewrite`).
 *
 * `failWith` makes the next completions fail: a 500 whose error message repeats the draft (so
 * a test can show the API never logs a provider's error text), a 429, a content filter, or a
 * delay longer than the client's timeout.
 */
export type TAzureOpenAiEmulator = {
  /** AZURE_OPENAI_ENDPOINT */
  endpoint: string;
  /** IDENTITY_ENDPOINT (with `identityHeader` as IDENTITY_HEADER) */
  identityEndpoint: string;
  identityHeader: string;
  deployment: string;
  /** Every completions request, in order, with the token's audience as the emulator saw it. */
  completions: Array<{
    deployment: string;
    apiVersion: string | null;
    audience: string | undefined;
    body: { model?: string; messages?: Array<{ role: string; content: unknown }> };
  }>;
  tokenRequests: Array<{ resource: string | null }>;
  failWith(mode: 'none' | 'server-error' | 'throttled' | 'content-filter' | { delayMs: number }): void;
  stop(): Promise<void>;
};

export const cognitiveServicesAudience = 'https://cognitiveservices.azure.com';

/** What the emulator "writes" for a style: small fixed edits, so tests can expect an exact text. */
export function emulatedRewrite(style: string, text: string): string {
  const t = text.trim();
  switch (style) {
    case 'formal':
      return t
        .replace(/^Hi\b/, 'Dear')
        .replace(/\bcan't\b/g, 'cannot')
        .replace(/\bwon't\b/g, 'will not')
        .replace(/\bthanks\b/gi, 'Thank you');
    case 'shorter':
      return t.replace(/\s*\b(just|really|basically|actually)\b/gi, '').replace(/\s{2,}/g, ' ');
    case 'clearer':
      return t.replace(/, and /g, '. ').replace(/\. ([a-z])/g, (_, c: string) => `. ${c.toUpperCase()}`);
    case 'plain':
      return t.replace(/\bforthwith\b/gi, 'now').replace(/\bpursuant to\b/gi, 'under');
    default:
      return t;
  }
}

/** Which style a system instruction asks for, by its wording (see rewrite-instructions.ts). */
function styleOf(instruction: string): string {
  if (/more formal/i.test(instruction)) return 'formal';
  if (/shorter/i.test(instruction)) return 'shorter';
  if (/plain English/i.test(instruction)) return 'plain';
  if (/clearer/i.test(instruction)) return 'clearer';
  return 'unknown';
}

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

export async function startAzureOpenAiEmulator(options: { deployment?: string } = {}): Promise<TAzureOpenAiEmulator> {
  const deployment = options.deployment ?? 'confer-rewrite';
  const identityHeader = randomBytes(16).toString('hex');
  const issued = new Map<string, string>(); // token → resource
  const completions: TAzureOpenAiEmulator['completions'] = [];
  const tokenRequests: TAzureOpenAiEmulator['tokenRequests'] = [];
  let mode: Parameters<TAzureOpenAiEmulator['failWith']>[0] = 'none';

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const azureError = (status: number, code: string, message: string) => send(status, { error: { code, message } });

    if (url.pathname === '/msi/token') {
      const resource = url.searchParams.get('resource');
      tokenRequests.push({ resource });
      if (req.headers['x-identity-header'] !== identityHeader) return send(401, { error: 'invalid_request' });
      const token = `mi-${randomBytes(12).toString('hex')}`;
      issued.set(token, resource ?? '');
      return send(200, {
        access_token: token,
        expires_on: String(Math.floor(Date.now() / 1000) + 3600),
        resource,
        token_type: 'Bearer',
      });
    }

    const match = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(url.pathname);
    if (!match || req.method !== 'POST') return azureError(404, '404', 'Resource not found');
    void readBody(req).then(async (raw) => {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const audience = bearer ? issued.get(bearer) : undefined;
      let body: TAzureOpenAiEmulator['completions'][number]['body'] = {};
      try {
        body = JSON.parse(raw) as typeof body;
      } catch {
        return azureError(400, 'BadRequest', 'The request body is not JSON');
      }
      completions.push({ deployment: match[1]!, apiVersion: url.searchParams.get('api-version'), audience, body });
      if (audience !== cognitiveServicesAudience) {
        return azureError(401, 'PermissionDenied', 'The token is missing, unknown or for another audience');
      }
      if (!url.searchParams.get('api-version')) return azureError(404, '404', 'Resource not found');
      if (match[1] !== deployment) {
        return azureError(404, 'DeploymentNotFound', 'The API deployment for this resource does not exist.');
      }
      const messages = body.messages ?? [];
      const [system, user] = messages;
      if (
        messages.length !== 2 ||
        system?.role !== 'system' ||
        user?.role !== 'user' ||
        typeof system.content !== 'string' ||
        typeof user.content !== 'string'
      ) {
        return azureError(400, 'BadRequest', 'Expected one system and one user message with text content');
      }
      const current = mode;
      if (typeof current === 'object') await new Promise((r) => setTimeout(r, current.delayMs));
      if (current === 'server-error') {
        return azureError(500, 'InternalServerError', `The server had an error while processing: ${user.content}`);
      }
      if (current === 'throttled') {
        res.setHeader('retry-after', '1');
        return azureError(429, '429', 'Requests to the ChatCompletions_Create Operation have exceeded the rate limit');
      }
      const filtered = current === 'content-filter';
      if (res.destroyed) return;
      return send(200, {
        id: `chatcmpl-${completions.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: 'gpt-4o-mini',
        choices: [
          {
            index: 0,
            finish_reason: filtered ? 'content_filter' : 'stop',
            message: {
              role: 'assistant',
              content: filtered ? null : emulatedRewrite(styleOf(system.content), user.content),
            },
          },
        ],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint: base,
    identityEndpoint: `${base}/msi/token`,
    identityHeader,
    deployment,
    completions,
    tokenRequests,
    failWith: (next) => {
      mode = next;
    },
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
