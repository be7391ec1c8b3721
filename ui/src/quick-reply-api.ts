import { ApiProblem } from './api-problem.js';
import type { ProblemDocument } from './api-types.js';
import type { ClientAcknowledgement } from './portal-api.js';

/*
 * The quick-reply link of a text (`/portal/#reply=<token>`): read the conversation and reply
 * without signing in. No session, so no CSRF token; the browser sends the same-origin `Origin`
 * every portal POST needs. The token travels in the body, never in a URL.
 */

const QUICK_REPLY_PREFIX = '/api/portal/v1/quick-reply';

export type QuickReplyMessage = {
  id: string;
  author: { name: string; kind: 'staff' | 'contact' };
  /** Written by the person holding the link. */
  mine: boolean;
  body: string;
  /** Names and sizes of its files: opening them needs a portal sign-in. */
  files: Array<{ name: string; size: number }>;
  createdAt: string;
};

export type QuickReplyPage = {
  firmName: string;
  conversationTitle: string;
  /** False when the conversation is read-only (matter closed, engagement ended). */
  canReply: boolean;
  /** The last 5 messages, oldest first. */
  messages: QuickReplyMessage[];
  /** Messages of the conversation marked "needs acknowledgement by" or "needs a reply by" (the banner). */
  acknowledgements: ClientAcknowledgement[];
};

export type QuickReplyClientOptions = {
  /** Origin of the API; '' means same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
};

/** An unknown, expired or malformed link: 410 `link_not_valid`, or the token refused by validation. */
export function isQuickReplyLinkInvalid(error: unknown): boolean {
  return error instanceof ApiProblem && (error.status === 410 || error.code === 'validation_failed');
}

export function createQuickReplyClient(options: QuickReplyClientOptions = {}) {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await doFetch(`${baseUrl}${QUICK_REPLY_PREFIX}${path}`, {
      method: 'POST',
      headers: { ...headers, accept: 'application/json, application/problem+json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      let problem: Partial<ProblemDocument> = {};
      if ((response.headers.get('content-type') ?? '').includes('json') && text) {
        try {
          problem = JSON.parse(text) as Partial<ProblemDocument>;
        } catch {
          // a generic problem below
        }
      }
      throw new ApiProblem({ title: response.statusText || undefined, ...problem, status: response.status });
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    /** The firm, the conversation and its last 5 messages. */
    view: (token: string) => post<QuickReplyPage>('/view', { token }),
    /** Sends a reply; the same `idempotencyKey` on a retry never posts it twice. */
    send: (token: string, body: string, idempotencyKey: string) =>
      post<QuickReplyMessage>('/send', { token, body }, { 'Idempotency-Key': idempotencyKey }),
    /** "I have read this" on a marked message: recorded once. */
    acknowledge: (token: string, messageId: string) =>
      post<ClientAcknowledgement>('/acknowledge', { token, messageId }),
  };
}

export type QuickReplyClient = ReturnType<typeof createQuickReplyClient>;
