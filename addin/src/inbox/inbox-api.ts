import type { ApiClient, ConversationKind } from '@confer/ui';

export type InboxFilter = 'all' | 'unread' | 'clients' | 'internal' | 'channels' | 'dms';

/** One row of the Messages inbox (GET /api/v1/inbox). */
export type InboxRow = {
  conversationId: string;
  kind: ConversationKind;
  title: string;
  matter: { id: string; number: string; title: string } | null;
  lastMessage: {
    id: string;
    authorName: string;
    authorKind: 'me' | 'staff' | 'client' | 'third_party';
    text: string;
    at: string;
  } | null;
  activityAt: string;
  unreadCount: number;
  clientReplied: boolean;
  smsFailed: boolean;
  archived: boolean;
};

export type InboxPage = { items: InboxRow[]; nextCursor: string | null; unreadTotal: number | null };

type Sig = { signal?: AbortSignal };

/** The inbox call of the staff API, on an ApiClient's `request`. */
export function createInboxApi(request: ApiClient['request']) {
  return {
    listInbox: (query: { filter: InboxFilter; before?: string; limit?: number }, o: Sig = {}) =>
      request<InboxPage>('GET', '/inbox', {
        ...o,
        query: { filter: query.filter, before: query.before, limit: query.limit },
      }),
  };
}
