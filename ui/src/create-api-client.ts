import { ApiProblem } from './api-problem.js';
import type {
  AddParticipantsInput,
  AuthConfig,
  Contact,
  Conversation,
  Passkey,
  CreateConversationInput,
  EditMessageInput,
  ListChannelsQuery,
  ListConversationsQuery,
  ListMessagesQuery,
  MarkReadInput,
  Message,
  MessageRevisions,
  ReadReceipt,
  SearchMessagesQuery,
  SearchResult,
  SendMessageInput,
  UnreadCounts,
  UnreadSummary,
  UpdateConversationInput,
  CreateContactInput,
  DeviceAlert,
  EndSessionsResult,
  EmailContext,
  MatterDocument,
  CreateMatterInput,
  CreateStaffInput,
  ItemList,
  ListContactsQuery,
  ListMattersQuery,
  Matter,
  MatterAccess,
  Me,
  Page,
  ProblemDocument,
  Staff,
  UpdateContactInput,
  UpdateMatterAccessInput,
  UpdateMatterInput,
  UpdateStaffInput,
} from './api-types.js';

export type ApiClientOptions = {
  /** Origin (and optional prefix) of the API; '' means same origin. */
  baseUrl?: string;
  /** Returns the bearer token to send, or null/undefined for anonymous calls. */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
};

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

export type RequestOptions = {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  anonymous?: boolean;
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
};

const API_PREFIX = '/api/v1';

function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const id = (value: string) => encodeURIComponent(value);

async function readProblem(response: Response): Promise<ApiProblem> {
  const type = response.headers.get('content-type') ?? '';
  const requestId = response.headers.get('x-request-id') ?? undefined;
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<ProblemDocument>;
      return new ApiProblem({ requestId, ...body, status: response.status });
    } catch {
      // fall through to a generic problem
    }
  }
  return new ApiProblem({ status: response.status, title: response.statusText || undefined, requestId });
}

export function createApiClient(options: ApiClientOptions = {}) {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function request<T>(method: HttpMethod, path: string, opts: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = {
      ...opts.headers,
      accept: 'application/json, application/problem+json',
    };
    if (!opts.anonymous && options.getToken) {
      const token = await options.getToken();
      if (token) headers.authorization = `Bearer ${token}`;
    }
    let body: string | undefined;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const response = await doFetch(`${baseUrl}${API_PREFIX}${path}${buildQuery(opts.query)}`, {
      method,
      headers,
      body,
      signal: opts.signal,
    });
    if (!response.ok) throw await readProblem(response);
    if (response.status === 204 || response.status === 205) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  type Sig = { signal?: AbortSignal };
  /** The same key on every attempt of one message, so a retry never posts it twice. */
  type SendOptions = Sig & { idempotencyKey: string };

  return {
    request,

    getAuthConfig: (o: Sig = {}) => request<AuthConfig>('GET', '/auth-config', { ...o, anonymous: true }),
    getMe: (o: Sig = {}) => request<Me>('GET', '/me', o),

    listMatters: (query: ListMattersQuery = {}, o: Sig = {}) =>
      request<Page<Matter>>('GET', '/matters', { ...o, query: { ...query } }),
    getMatter: (matterId: string, o: Sig = {}) => request<Matter>('GET', `/matters/${id(matterId)}`, o),
    createMatter: (input: CreateMatterInput) => request<Matter>('POST', '/matters', { body: input }),
    updateMatter: (matterId: string, input: UpdateMatterInput) =>
      request<Matter>('PATCH', `/matters/${id(matterId)}`, { body: input }),
    closeMatter: (matterId: string) => request<Matter>('POST', `/matters/${id(matterId)}/close`),
    reopenMatter: (matterId: string) => request<Matter>('POST', `/matters/${id(matterId)}/reopen`),
    listMatterContacts: (matterId: string, o: Sig = {}) =>
      request<ItemList<Contact>>('GET', `/matters/${id(matterId)}/contacts`, o),
    linkMatterContact: (matterId: string, contactId: string) =>
      request<void>('PUT', `/matters/${id(matterId)}/contacts/${id(contactId)}`),
    getMatterAccess: (matterId: string, o: Sig = {}) =>
      request<MatterAccess>('GET', `/matters/${id(matterId)}/access`, o),
    updateMatterAccess: (matterId: string, input: UpdateMatterAccessInput) =>
      request<MatterAccess>('PUT', `/matters/${id(matterId)}/access`, { body: input }),

    listContacts: (query: ListContactsQuery = {}, o: Sig = {}) =>
      request<Page<Contact>>('GET', '/contacts', { ...o, query: { ...query } }),
    getContact: (contactId: string, o: Sig = {}) => request<Contact>('GET', `/contacts/${id(contactId)}`, o),
    createContact: (input: CreateContactInput) => request<Contact>('POST', '/contacts', { body: input }),
    updateContact: (contactId: string, input: UpdateContactInput) =>
      request<Contact>('PATCH', `/contacts/${id(contactId)}`, { body: input }),
    listContactPasskeys: (contactId: string, o: Sig = {}) =>
      request<ItemList<Passkey>>('GET', `/contacts/${id(contactId)}/passkeys`, o),
    revokeContactPasskey: (contactId: string, passkeyId: string) =>
      request<void>('DELETE', `/contacts/${id(contactId)}/passkeys/${id(passkeyId)}`),
    /** Ends every portal session of the contact (their streams close); audited. */
    endContactSessions: (contactId: string) =>
      request<EndSessionsResult>('POST', `/contacts/${id(contactId)}/end-sessions`),
    /** Sign-ins of the conversation's clients from a new device or country, not yet acted on. */
    listDeviceAlerts: (conversationId: string, o: Sig = {}) =>
      request<ItemList<DeviceAlert>>('GET', `/conversations/${id(conversationId)}/device-alerts`, o),
    listContactMatters: (contactId: string, o: Sig = {}) =>
      request<ItemList<Matter>>('GET', `/contacts/${id(contactId)}/matters`, o),

    listStaff: (o: Sig = {}) => request<ItemList<Staff>>('GET', '/staff', o),
    createStaff: (input: CreateStaffInput) => request<Staff>('POST', '/staff', { body: input }),
    updateStaff: (staffId: string, input: UpdateStaffInput) =>
      request<Staff>('PATCH', `/staff/${id(staffId)}`, { body: input }),

    endEngagement: (matterId: string, contactId: string) =>
      request<void>('POST', `/matters/${id(matterId)}/contacts/${id(contactId)}/end-engagement`),

    listConversations: (query: ListConversationsQuery = {}, o: Sig = {}) =>
      request<ItemList<Conversation>>('GET', '/conversations', { ...o, query: { ...query } }),
    listChannels: (query: ListChannelsQuery = {}, o: Sig = {}) =>
      request<ItemList<Conversation>>('GET', '/channels', { ...o, query: { ...query } }),
    listMatterConversations: (matterId: string, o: Sig = {}) =>
      request<ItemList<Conversation>>('GET', `/matters/${id(matterId)}/conversations`, o),
    createConversation: (input: CreateConversationInput) =>
      request<Conversation>('POST', '/conversations', { body: input }),
    getConversation: (conversationId: string, o: Sig = {}) =>
      request<Conversation>('GET', `/conversations/${id(conversationId)}`, o),
    updateConversation: (conversationId: string, input: UpdateConversationInput) =>
      request<Conversation>('PATCH', `/conversations/${id(conversationId)}`, { body: input }),
    joinConversation: (conversationId: string) =>
      request<Conversation>('POST', `/conversations/${id(conversationId)}/join`),
    leaveConversation: (conversationId: string) =>
      request<Conversation>('POST', `/conversations/${id(conversationId)}/leave`),
    addParticipants: (conversationId: string, input: AddParticipantsInput) =>
      request<Conversation>('POST', `/conversations/${id(conversationId)}/participants`, { body: input }),
    removeParticipant: (conversationId: string, participantId: string) =>
      request<Conversation>('DELETE', `/conversations/${id(conversationId)}/participants/${id(participantId)}`),

    listMessages: (conversationId: string, query: ListMessagesQuery = {}, o: Sig = {}) =>
      request<Page<Message>>('GET', `/conversations/${id(conversationId)}/messages`, { ...o, query: { ...query } }),
    listPinnedMessages: (conversationId: string, o: Sig = {}) =>
      request<ItemList<Message>>('GET', `/conversations/${id(conversationId)}/pinned`, o),
    sendMessage: (conversationId: string, input: SendMessageInput, o: SendOptions) =>
      request<Message>('POST', `/conversations/${id(conversationId)}/messages`, {
        body: input,
        signal: o.signal,
        headers: { 'Idempotency-Key': o.idempotencyKey },
      }),
    editMessage: (messageId: string, input: EditMessageInput) =>
      request<Message>('PATCH', `/messages/${id(messageId)}`, { body: input }),
    getMessageRevisions: (messageId: string, o: Sig = {}) =>
      request<MessageRevisions>('GET', `/messages/${id(messageId)}/revisions`, o),
    /** Who has read a message, by name (for conversations too large to list them on each message). */
    getReaders: (messageId: string, o: Sig = {}) =>
      request<ItemList<ReadReceipt>>('GET', `/messages/${id(messageId)}/readers`, o),
    pinMessage: (messageId: string) => request<Message>('POST', `/messages/${id(messageId)}/pin`),
    unpinMessage: (messageId: string) => request<Message>('POST', `/messages/${id(messageId)}/unpin`),
    markConversationRead: (conversationId: string, input: MarkReadInput) =>
      request<UnreadCounts>('POST', `/conversations/${id(conversationId)}/read`, { body: input }),
    getUnread: (o: Sig = {}) => request<UnreadSummary>('GET', '/unread', o),
    searchMessages: (query: SearchMessagesQuery, o: Sig = {}) =>
      request<Page<SearchResult>>('GET', '/search', { ...o, query: { ...query } }),

    listMatterDocuments: (matterId: string, o: Sig = {}) =>
      request<ItemList<MatterDocument>>('GET', `/matters/${id(matterId)}/documents`, o),
    /** The contacts, matters and conversations behind an email's addresses (sender and recipients). */
    getEmailContext: (emails: string[], o: Sig = {}) =>
      request<EmailContext>('GET', '/outlook/email-context', { ...o, query: { emails: emails.join(',') } }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
