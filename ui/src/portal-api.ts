import type { ApiProblem } from './api-problem.js';
import type { FilePreview, Passkey, Schema } from './api-types.js';
import type { paths } from './generated/api.js';
import { postPortalForm, problemFromAnswer } from './post-portal-form.js';

/*
 * The client portal's API (/api/portal/v1): wire types and a typed client.
 *
 * The portal is signed in by an HttpOnly session cookie the server sets; every state-changing
 * request (POST/PATCH/PUT) also carries `X-CSRF-Token` with the token from open/verify/session.
 * Requests are same-origin, so the browser sends the cookie and `Origin` itself.
 */

export const PORTAL_API_PREFIX = '/api/portal/v1';

/**
 * Limits the server enforces, checked in the browser first so people get a clear message.
 * Upload limits differ per deployment: they come with the session (`session.uploads`).
 */
export const PORTAL_LIMITS = {
  messageChars: 2000,
} as const;

/** Types the server will send inline (`?inline=1`) for a preview in a sandboxed frame. */
export const PORTAL_PREVIEWABLE_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
]);

export type PortalMessage = Schema<'PortalMessage'>;
export type PortalFileRef = PortalMessage['files'][number];
export type PortalMessageAuthor = PortalMessage['author'];
export type PortalMessageVia = PortalMessage['via'];
export type PortalConversation = Schema<'PortalConversation'>;
export type PortalMatterRef = NonNullable<PortalConversation['matter']>;
export type PortalParticipant = PortalConversation['participants'][number];
export type PortalFile = Schema<'PortalFile'>;

export type PortalTodo = Pick<
  paths['/api/portal/v1/todo']['get']['responses'][200]['content']['application/json'],
  'unreadMessages' | 'documentsToOpen'
>;

export type PortalSession = Schema<'PortalSession'>;
export type PortalOpenLinkResult = Schema<'PortalOpenLinkResult'>;
export type PortalSignInGrant = Schema<'PortalSignInGrant'>;
export type PortalSwitchFirmResult = Schema<'PortalSwitchFirmResult'>;
/** Options for the browser's WebAuthn call: hand `options` to @simplewebauthn/browser as `optionsJSON`. */
export type PasskeyOptions = Schema<'PasskeyOptions'>;

export type PortalItems<T> = { items: T[] };

export type PortalMessagePage = { items: PortalMessage[]; nextCursor: string | null };

export type PortalSendMessageInput = Schema<'PortalSendMessage'>;
/** A message marked "needs acknowledgement by" or "needs a reply by", as the client sees it (the banner). */
export type ClientAcknowledgement = Schema<'ClientAcknowledgement'>;
/** How the client chose to be told of new messages from this firm. */
export type NotificationChoice = Schema<'NotificationChoice'>;
export type NotificationChannel = NotificationChoice['channel'];
/** The choice, and whether the firm has a mobile number for the client (texts need one). */
export type PortalNotificationChoice = Schema<'PortalNotificationChoice'>;

/** A message as the event stream sends it: no `mine` flag (see `fromLiveMessage`). */
export type PortalLiveMessage = Omit<PortalMessage, 'mine'> & { mine?: boolean };

export type PortalLiveEvent =
  | {
      type: 'message.created' | 'message.edited' | 'message.pinned';
      conversationId: string;
      message: PortalLiveMessage;
    }
  | {
      type:
        | 'conversation.created'
        | 'conversation.updated'
        | 'files.changed'
        | 'acknowledgement.changed'
        | 'acknowledgement.reminder';
      conversationId: string;
    }
  | { type: 'file.preview'; conversationId: string; versionId: string; preview: FilePreview }
  | { type: 'resync' }
  /** The contact's access ended (disabled), or staff ended their sessions (`reason: 'sessions_ended'`). */
  | { type: 'contact.disabled'; reason?: 'sessions_ended' };

/** Event types the portal listens for on its stream. */
export const PORTAL_EVENT_TYPES = [
  'message.created',
  'message.edited',
  'message.pinned',
  'conversation.created',
  'conversation.updated',
  'files.changed',
  'file.preview',
  'acknowledgement.changed',
  'acknowledgement.reminder',
  'resync',
  'contact.disabled',
] as const;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Parses one server-sent event of the portal stream; null for anything unexpected. */
export function parsePortalEvent(type: string, data: string): PortalLiveEvent | null {
  let payload: unknown;
  try {
    payload = data ? JSON.parse(data) : {};
  } catch {
    return null;
  }
  if (!isObject(payload)) return null;
  const conversationId = typeof payload.conversationId === 'string' ? payload.conversationId : null;
  switch (type) {
    case 'message.created':
    case 'message.edited':
    case 'message.pinned': {
      const message = payload.message;
      if (!conversationId || !isObject(message) || typeof message.id !== 'string') return null;
      if (typeof message.seq !== 'number' || !isObject(message.author)) return null;
      return { type, conversationId, message: message as PortalLiveMessage };
    }
    case 'conversation.created':
    case 'conversation.updated':
    case 'files.changed':
    case 'acknowledgement.changed':
    case 'acknowledgement.reminder':
      return conversationId ? { type, conversationId } : null;
    case 'file.preview': {
      const preview = payload.preview;
      if (!conversationId || typeof payload.versionId !== 'string' || !isObject(preview)) return null;
      if (preview.status !== 'ready' && preview.status !== 'failed' && preview.status !== 'pending') return null;
      return { type, conversationId, versionId: payload.versionId, preview: preview as FilePreview };
    }
    case 'resync':
      return { type: 'resync' };
    case 'contact.disabled':
      return payload.reason === 'sessions_ended'
        ? { type: 'contact.disabled', reason: 'sessions_ended' }
        : { type: 'contact.disabled' };
    default:
      return null;
  }
}

/** The event stream's message with `mine` worked out for the signed-in contact. */
export function fromLiveMessage(message: PortalLiveMessage, contactId: string): PortalMessage {
  return {
    id: message.id,
    conversationId: message.conversationId,
    seq: message.seq,
    author: message.author,
    mine: message.author.kind === 'contact' && message.author.id === contactId,
    body: message.body,
    via: message.via,
    createdAt: message.createdAt,
    editedAt: message.editedAt,
    pinnedAt: message.pinnedAt,
    files: message.files ?? [],
    aboutDocument: message.aboutDocument ?? null,
    notice: message.notice ?? null,
  };
}

/** A file version's bytes with the session cookie (each fetch is an audited download). */
export async function fetchPortalFile(
  versionId: string,
  options: { signal?: AbortSignal; baseUrl?: string } = {},
): Promise<Blob> {
  const response = await fetch(portalFileUrl(versionId, { baseUrl: options.baseUrl }), {
    credentials: 'same-origin',
    signal: options.signal,
  });
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw problemFromAnswer(
      response.status,
      response.statusText,
      text,
      response.headers.get('content-type') ?? '',
      response.headers.get('x-request-id') ?? undefined,
    );
  }
  return response.blob();
}

/** Download URL of a file version; `inline` asks for a preview (PDFs and images only). */
/** A closed matter's conversation record (PDF; `json` for its manifest with the hash chain). */
export function portalRecordUrl(conversationId: string, format: 'pdf' | 'json' = 'pdf'): string {
  return `${PORTAL_API_PREFIX}/conversations/${encodeURIComponent(conversationId)}/record${format === 'json' ? '?format=json' : ''}`;
}

export function portalFileUrl(versionId: string, options: { inline?: boolean; baseUrl?: string } = {}): string {
  const base = (options.baseUrl ?? '').replace(/\/+$/, '');
  return `${base}${PORTAL_API_PREFIX}/files/${encodeURIComponent(versionId)}${options.inline ? '?inline=1' : ''}`;
}

/** A file's thumbnail or first-page preview (same-origin, sent with the session cookie). */
export const portalPreviewUrl = (versionId: string) =>
  `${PORTAL_API_PREFIX}/files/${encodeURIComponent(versionId)}/preview`;

export const isPortalPreviewable = (contentType: string) => PORTAL_PREVIEWABLE_TYPES.has(contentType);

export type PortalClientOptions = {
  /** Origin of the API; '' means same origin. */
  baseUrl?: string;
  /** The CSRF token of the current session, sent on every POST/PATCH/PUT. */
  getCsrfToken: () => string | null | undefined;
  /** Called for any 401 `not_signed_in` answer (the session ended or never existed). */
  onNotSignedIn?: (problem: ApiProblem) => void;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Injected for tests; defaults to the global XMLHttpRequest. */
  createXhr?: () => XMLHttpRequest;
};

type Sig = { signal?: AbortSignal };

export type PortalUploadProgress = { loaded: number; total: number };

export type PortalUploadInput = {
  body?: string;
  files: readonly File[];
  /** The same key on every attempt of one send, so a retry never posts it twice. */
  idempotencyKey: string;
  onProgress?: (progress: PortalUploadProgress) => void;
};

export type PortalUpload = {
  /** The message with its files, or an ApiProblem, a TypeError (network) or an AbortError. */
  promise: Promise<PortalMessage>;
  /** Cancels the upload (`xhr.abort()`); the promise rejects with an AbortError. */
  abort: () => void;
};

export const isAbortError = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

export function createPortalClient(options: PortalClientOptions) {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const url = (path: string) => `${baseUrl}${PORTAL_API_PREFIX}${path}`;

  function checkSignedIn(problem: ApiProblem): ApiProblem {
    if (problem.status === 401 && problem.code === 'not_signed_in') options.onNotSignedIn?.(problem);
    return problem;
  }

  async function request<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    opts: Sig & { body?: unknown; headers?: Record<string, string>; query?: Record<string, string | undefined> } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { ...opts.headers, accept: 'application/json, application/problem+json' };
    if (method !== 'GET') {
      const csrf = options.getCsrfToken();
      if (csrf) headers['x-csrf-token'] = csrf;
    }
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(opts.query ?? {})) if (value) params.set(key, value);
    const queryText = params.toString();
    const query = queryText ? `?${queryText}` : '';
    const response = await doFetch(url(path) + query, {
      method,
      headers,
      body,
      signal: opts.signal,
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw checkSignedIn(
        problemFromAnswer(
          response.status,
          response.statusText,
          text,
          response.headers.get('content-type') ?? '',
          response.headers.get('x-request-id') ?? undefined,
        ),
      );
    }
    if (response.status === 204 || response.status === 205) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const id = (value: string) => encodeURIComponent(value);

  /** Sends files (and optional text) as one message, with upload progress and cancel. */
  function uploadFiles(conversationId: string, input: PortalUploadInput): PortalUpload {
    const form = new FormData();
    if (input.body) form.append('body', input.body);
    for (const file of input.files) form.append('files', file, file.name);
    return postPortalForm<PortalMessage>(options.createXhr?.() ?? new XMLHttpRequest(), {
      url: url(`/conversations/${id(conversationId)}/uploads`),
      form,
      headers: { 'Idempotency-Key': input.idempotencyKey },
      csrfToken: options.getCsrfToken(),
      onProgress: input.onProgress,
      onProblem: checkSignedIn,
    });
  }

  return {
    request,
    uploadFiles,

    /** `sendCode`: email a code even though the contact has a passkey (the fallback). */
    openLink: (token: string, opts: { sendCode?: boolean } = {}) =>
      request<PortalOpenLinkResult>('POST', '/auth/open', { body: { token, ...opts } }),
    passkeySignInOptions: (token: string) =>
      request<PasskeyOptions>('POST', '/auth/passkey/options', { body: { token } }),
    /** `response`: what @simplewebauthn/browser's startAuthentication gave. */
    signInWithPasskey: (token: string, response: object) =>
      request<PortalSignInGrant>('POST', '/auth/passkey', { body: { token, response } }),
    listPasskeys: (o: Sig = {}) => request<PortalItems<Passkey>>('GET', '/auth/passkeys', o),
    passkeyRegistrationOptions: () => request<PasskeyOptions>('POST', '/auth/passkeys/options'),
    /** `response`: what @simplewebauthn/browser's startRegistration gave. */
    addPasskey: (response: object) => request<Passkey>('POST', '/auth/passkeys', { body: { response } }),
    removePasskey: (passkeyId: string) => request<void>('DELETE', `/auth/passkeys/${id(passkeyId)}`),
    verifyCode: (attemptToken: string, code: string) =>
      request<PortalSignInGrant>('POST', '/auth/verify', { body: { attemptToken, code } }),
    resendCode: (attemptToken: string) => request<void>('POST', '/auth/resend', { body: { attemptToken } }),
    requestLink: (email: string) => request<{ message: string }>('POST', '/auth/request-link', { body: { email } }),
    getSession: (o: Sig = {}) => request<PortalSession>('GET', '/auth/session', o),
    switchFirm: (firmId: string) => request<PortalSwitchFirmResult>('POST', '/auth/switch', { body: { firmId } }),
    signOut: () => request<void>('POST', '/auth/sign-out'),

    getTodo: (o: Sig = {}) => request<PortalTodo>('GET', '/todo', o),
    listConversations: (o: Sig = {}) => request<PortalItems<PortalConversation>>('GET', '/conversations', o),
    getConversation: (conversationId: string, o: Sig = {}) =>
      request<PortalConversation>('GET', `/conversations/${id(conversationId)}`, o),
    listMessages: (conversationId: string, query: { before?: string } = {}, o: Sig = {}) =>
      request<PortalMessagePage>('GET', `/conversations/${id(conversationId)}/messages`, { ...o, query }),
    listPinned: (conversationId: string, o: Sig = {}) =>
      request<PortalItems<PortalMessage>>('GET', `/conversations/${id(conversationId)}/pinned`, o),
    listConversationFiles: (conversationId: string, o: Sig = {}) =>
      request<PortalItems<PortalFile>>('GET', `/conversations/${id(conversationId)}/files`, o),
    listDocuments: (query: { q?: string } = {}, o: Sig = {}) =>
      request<PortalItems<PortalFile>>('GET', '/documents', { ...o, query }),
    sendMessage: (conversationId: string, input: PortalSendMessageInput, o: Sig & { idempotencyKey: string }) =>
      request<PortalMessage>('POST', `/conversations/${id(conversationId)}/messages`, {
        body: input,
        signal: o.signal,
        headers: { 'Idempotency-Key': o.idempotencyKey },
      }),
    editMessage: (messageId: string, body: string) =>
      request<PortalMessage>('PATCH', `/messages/${id(messageId)}`, { body: { body } }),
    markRead: (conversationId: string, seq: number) =>
      request<{ unreadCount: number }>('POST', `/conversations/${id(conversationId)}/read`, { body: { seq } }),
    /** Messages of the conversation marked "needs acknowledgement by" or "needs a reply by". */
    listAcknowledgements: (conversationId: string, o: Sig = {}) =>
      request<PortalItems<ClientAcknowledgement>>('GET', `/conversations/${id(conversationId)}/acknowledgements`, o),
    /** "I have read this": recorded once; a repeat answers with the acknowledgement kept. */
    acknowledge: (messageId: string) =>
      request<ClientAcknowledgement>('POST', `/messages/${id(messageId)}/acknowledge`),
    getNotificationChoice: (o: Sig = {}) => request<PortalNotificationChoice>('GET', '/notification-choices', o),
    saveNotificationChoice: (choice: NotificationChoice) =>
      request<PortalNotificationChoice>('PUT', '/notification-choices', { body: choice }),
  };
}

export type PortalClient = ReturnType<typeof createPortalClient>;
