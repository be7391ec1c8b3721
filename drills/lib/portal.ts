import type { Answer, RequestOptions } from './http.js';
import { expectStatus, type Stack, type TMail } from './stack.js';

export const linkTokenIn = (text: string) => /#link=([A-Za-z0-9_-]+)/.exec(text)?.[1];
export const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1];

/** The newest email of a kind to an address. */
export async function latestMail(stack: Stack, to: string, kind: 'secure_link' | 'sign_in_code'): Promise<TMail> {
  const mail = (await stack.outbox()).find((m) => m.to === to && m.kind === kind);
  if (!mail) throw new Error(`no ${kind} email to ${to}`);
  return mail;
}

export async function latestLinkToken(stack: Stack, email: string): Promise<string> {
  const token = linkTokenIn((await latestMail(stack, email, 'secure_link')).text ?? '');
  if (!token) throw new Error(`no link in the newest secure_link email to ${email}`);
  return token;
}

export async function latestCode(stack: Stack, email: string): Promise<string> {
  const code = codeIn((await latestMail(stack, email, 'sign_in_code')).subject ?? '');
  if (!code) throw new Error(`no code in the newest sign_in_code email to ${email}`);
  return code;
}

export const openLink = (stack: Stack, token: string, options: RequestOptions = {}) =>
  stack.api.call('POST', '/api/portal/v1/auth/open', { ...options, body: { token } });

export const verifyCode = (stack: Stack, attemptToken: string, code: string, options: RequestOptions = {}) =>
  stack.api.call('POST', '/api/portal/v1/auth/verify', { ...options, body: { attemptToken, code } });

export type PortalSession = {
  cookie: string;
  csrf: string;
  /** The raw cookie value (the session id). */
  sessionId: string;
  call(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<Answer>;
};

export function sessionFrom(stack: Stack, answer: Answer): PortalSession {
  const setCookie = answer.headers.getSetCookie().find((c) => c.startsWith('__Host-confer_session='));
  if (!setCookie) throw new Error(`no session cookie in the answer (${answer.status})`);
  const cookie = setCookie.split(';')[0]!;
  const csrf = answer.json.csrfToken as string;
  return {
    cookie,
    csrf,
    sessionId: cookie.slice(cookie.indexOf('=') + 1),
    call: (method, path, body, options) =>
      stack.api.call(method, `/api/portal/v1${path}`, {
        ...options,
        cookie,
        csrf,
        ...(body === undefined ? {} : { body }),
      }),
  };
}

/** Opens the contact's newest link and, when a code is asked for, enters the newest code. */
export async function signInContact(stack: Stack, email: string): Promise<PortalSession> {
  const opened = expectStatus(await openLink(stack, await latestLinkToken(stack, email)), 200, 'open link');
  if (opened.json.state === 'signed_in') return sessionFrom(stack, opened);
  const verified = await verifyCode(stack, opened.json.attemptToken, await latestCode(stack, email));
  return sessionFrom(stack, expectStatus(verified, 200, 'verify code'));
}

export type TContactSpec = { name: string; email?: string | null; mobile?: string | null };
export type TConversationSetup = {
  conversationId: string;
  matterId: string;
  contacts: Array<{ id: string; name: string; email: string | null; mobile: string | null }>;
};

/**
 * Contacts (through the staff API), linked to a matter, in a new external conversation: each
 * contact with an email gets their secure link by email (in the outbox).
 */
export async function externalConversation(
  stack: Stack,
  token: string,
  options: { contacts: TContactSpec[]; requireMfa?: boolean; matterNumber?: string },
): Promise<TConversationSetup> {
  const staff = stack.staff(token);
  let matterId: string;
  if (options.matterNumber) {
    const created = await staff('POST', '/matters', {
      number: options.matterNumber,
      title: `Drill ${options.matterNumber}`,
    });
    matterId = expectStatus(created, 201, 'create matter').json.id;
  } else {
    const list = expectStatus(await staff('GET', '/matters?limit=50'), 200, 'list matters');
    matterId = (list.json.items as Array<{ id: string; number: string }>).find((m) => m.number === '2026-0001')!.id;
  }
  const contacts: TConversationSetup['contacts'] = [];
  for (const spec of options.contacts) {
    const created = expectStatus(
      await staff('POST', '/contacts', {
        name: spec.name,
        email: spec.email ?? null,
        mobile: spec.mobile ?? null,
        kind: 'client',
      }),
      201,
      `create contact ${spec.name}`,
    );
    expectStatus(await staff('PUT', `/matters/${matterId}/contacts/${created.json.id}`), [200, 201, 204], 'link');
    contacts.push({ id: created.json.id, name: spec.name, email: created.json.email, mobile: created.json.mobile });
  }
  const conversation = expectStatus(
    await staff('POST', '/conversations', {
      kind: 'external_matter',
      matterId,
      contactIds: contacts.map((c) => c.id),
      requireMfa: options.requireMfa ?? true,
    }),
    201,
    'create conversation',
  );
  return { conversationId: conversation.json.id, matterId, contacts };
}
