import {
  isApiProblem,
  type ApiClient,
  type Conversation,
  type ConversationKind,
  type EventStreamState,
  type FilePreview,
  type LiveEvent,
  type Me,
  type UnreadConversation,
  type UnreadCounts,
} from '@confer/ui';
import { checkDocumentAttended } from '../files/check-document-attended';
import { isOwnMessage } from './collect-read-receipts';
import { createEventHub } from '../shell/create-event-hub';

export type UnreadState = {
  loaded: boolean;
  total: number;
  byConversation: Record<string, UnreadConversation>;
};

export type ConversationListsState = {
  status: 'loading' | 'ready' | 'error';
  error: unknown;
  /** Direct messages I am in, newest activity first. */
  direct: Conversation[];
  /** Channels I have joined, newest activity first. */
  channels: Conversation[];
};

export type MessagingSnapshot = {
  connection: EventStreamState;
  /** Status code when the live connection was refused (e.g. 404 before the server supports it). */
  connectionStatus: number | null;
  unread: UnreadState;
  lists: ConversationListsState;
};

export type ConversationMeta = { matterId: string | null; kind: ConversationKind };

function activityOf(c: Conversation): string {
  return c.lastMessageAt ?? c.createdAt;
}

export function sortByActivity(items: Conversation[]): Conversation[] {
  return [...items].sort((a, b) => activityOf(b).localeCompare(activityOf(a)));
}

/**
 * The app-wide messaging model outside React: unread counts, my DMs and channels, and the
 * live events fanned out to screens. Event handling reads and writes the current state
 * synchronously, so rapid events never see stale copies. Screens read it through
 * `useSyncExternalStore` (see use-messaging.ts).
 */
export function createMessagingStore(api: ApiClient, me: Me) {
  let snapshot: MessagingSnapshot = {
    connection: 'connecting',
    connectionStatus: null,
    unread: { loaded: false, total: 0, byConversation: {} },
    lists: { status: 'loading', error: null, direct: [], channels: [] },
  };
  const listeners = new Set<() => void>();
  const events = createEventHub<LiveEvent>();
  /** Previews made since their messages were loaded (`file.preview`), for files shown later too. */
  const previews = new Map<string, FilePreview>();
  // Replaced on every start(), so a stop/start pair (React StrictMode) keeps working.
  let controller = new AbortController();
  let activeConversationId: string | null = null;
  let unreadTimer: ReturnType<typeof setTimeout> | null = null;
  let reconnectHandler: (() => void) | null = null;
  let unreadRequest = 0;
  let listsRequest = 0;

  function update(next: Partial<MessagingSnapshot>) {
    snapshot = { ...snapshot, ...next };
    for (const listener of [...listeners]) listener();
  }

  function metaOf(conversationId: string): ConversationMeta | null {
    const entry = snapshot.unread.byConversation[conversationId];
    if (entry) return { matterId: entry.matterId, kind: entry.kind };
    const listed = [...snapshot.lists.direct, ...snapshot.lists.channels].find((c) => c.id === conversationId);
    return listed ? { matterId: listed.matterId, kind: listed.kind } : null;
  }

  function setUnreadEntry(conversationId: string, unread: number, meta: ConversationMeta, total?: number) {
    const previous = snapshot.unread.byConversation[conversationId];
    const delta = unread - (previous?.unread ?? 0);
    update({
      unread: {
        loaded: snapshot.unread.loaded,
        total: Math.max(0, total ?? snapshot.unread.total + delta),
        byConversation: { ...snapshot.unread.byConversation, [conversationId]: { conversationId, ...meta, unread } },
      },
    });
  }

  async function loadUnread() {
    const { signal } = controller;
    const request = ++unreadRequest;
    try {
      const summary = await api.getUnread({ signal: signal });
      if (request !== unreadRequest) return;
      const byConversation: Record<string, UnreadConversation> = {};
      for (const entry of summary.conversations) byConversation[entry.conversationId] = entry;
      update({ unread: { loaded: true, total: summary.total, byConversation } });
    } catch (error) {
      if (!signal.aborted) console.warn('Could not load unread counts', error);
    }
  }

  function refreshUnreadSoon() {
    if (unreadTimer) clearTimeout(unreadTimer);
    unreadTimer = setTimeout(() => {
      unreadTimer = null;
      void loadUnread();
    }, 250);
  }

  async function loadLists(quiet: boolean) {
    const { signal } = controller;
    const request = ++listsRequest;
    if (!quiet) update({ lists: { ...snapshot.lists, status: 'loading', error: null } });
    try {
      const [direct, channels] = await Promise.all([
        api.listConversations({ kind: 'direct' }, { signal: signal }),
        api.listConversations({ kind: 'channel' }, { signal: signal }),
      ]);
      if (request !== listsRequest) return;
      update({
        lists: {
          status: 'ready',
          error: null,
          direct: sortByActivity(direct.items),
          channels: sortByActivity(channels.items.filter((c) => c.joined !== false)),
        },
      });
    } catch (error) {
      if (signal.aborted || request !== listsRequest) return;
      if (quiet && snapshot.lists.status === 'ready') console.warn('Could not refresh conversations', error);
      else update({ lists: { ...snapshot.lists, status: 'error', error } });
    }
  }

  function listKey(kind: ConversationKind): 'direct' | 'channels' | null {
    return kind === 'direct' ? 'direct' : kind === 'channel' ? 'channels' : null;
  }

  function upsertConversation(conversation: Conversation) {
    const key = listKey(conversation.kind);
    if (key) {
      const others = snapshot.lists[key].filter((c) => c.id !== conversation.id);
      const items = conversation.joined ? sortByActivity([...others, conversation]) : others;
      update({ lists: { ...snapshot.lists, [key]: items } });
    }
    const known = snapshot.unread.byConversation[conversation.id];
    if (known || conversation.unreadCount > 0) {
      setUnreadEntry(conversation.id, conversation.joined ? conversation.unreadCount : 0, {
        matterId: conversation.matterId,
        kind: conversation.kind,
      });
    }
  }

  function removeConversation(conversationId: string) {
    update({
      lists: {
        ...snapshot.lists,
        direct: snapshot.lists.direct.filter((c) => c.id !== conversationId),
        channels: snapshot.lists.channels.filter((c) => c.id !== conversationId),
      },
    });
    const known = snapshot.unread.byConversation[conversationId];
    if (known) setUnreadEntry(conversationId, 0, { matterId: known.matterId, kind: known.kind });
  }

  async function refetchConversation(conversationId: string) {
    const { signal } = controller;
    try {
      upsertConversation(await api.getConversation(conversationId, { signal: signal }));
    } catch (error) {
      if (isApiProblem(error) && (error.status === 404 || error.status === 403)) removeConversation(conversationId);
      else if (!signal.aborted) console.warn('Could not refresh a conversation', error);
    }
  }

  function bumpActivity(conversationId: string, at: string) {
    let changed = false;
    const bump = (items: Conversation[]) => {
      const index = items.findIndex((c) => c.id === conversationId);
      const current = items[index];
      if (!current || (current.lastMessageAt && current.lastMessageAt >= at)) return items;
      changed = true;
      const next = [...items];
      next[index] = { ...current, lastMessageAt: at };
      return sortByActivity(next);
    };
    const direct = bump(snapshot.lists.direct);
    const channels = bump(snapshot.lists.channels);
    if (changed) update({ lists: { ...snapshot.lists, direct, channels } });
  }

  function handleEvent(event: LiveEvent) {
    switch (event.type) {
      case 'message.created': {
        const { conversationId, message } = event.data;
        bumpActivity(conversationId, message.createdAt);
        if (isOwnMessage(message, me)) break;
        if (activeConversationId === conversationId && checkDocumentAttended()) break;
        const meta = metaOf(conversationId);
        if (meta) {
          const current = snapshot.unread.byConversation[conversationId]?.unread ?? 0;
          setUnreadEntry(conversationId, current + 1, meta);
        } else {
          refreshUnreadSoon(); // a conversation we know nothing about yet: ask for exact numbers
        }
        break;
      }
      case 'unread.changed': {
        const { conversationId, unreadCount, total } = event.data;
        const meta = metaOf(conversationId);
        if (meta) setUnreadEntry(conversationId, unreadCount, meta, total);
        else {
          update({ unread: { ...snapshot.unread, total } });
          if (unreadCount > 0) refreshUnreadSoon();
        }
        break;
      }
      case 'channel.activity':
        bumpActivity(event.data.conversationId, event.data.lastMessageAt);
        break;
      case 'file.preview':
        previews.set(event.data.versionId, event.data.preview);
        break;
      case 'conversation.created':
      case 'conversation.updated':
        void refetchConversation(event.data.conversationId);
        break;
      case 'resync':
        void loadLists(true);
        void loadUnread();
        break;
      default:
        break;
    }
    events.publish(event);
  }

  return {
    me,
    events,
    getSnapshot: () => snapshot,
    /** A file's preview as the last `file.preview` event said, if one came since the app started. */
    previewOf: (versionId: string): FilePreview | undefined => previews.get(versionId),
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      controller.abort();
      controller = new AbortController();
      void loadLists(false);
      void loadUnread();
    },
    dispose() {
      controller.abort();
      if (unreadTimer) clearTimeout(unreadTimer);
    },
    handleEvent,
    setConnection(connection: EventStreamState, status: number | null = null) {
      const reconnected = connection === 'open' && snapshot.connection === 'reconnecting';
      update({ connection, connectionStatus: status });
      // Events missed while away are replayed via Last-Event-ID; counts are cheap to re-check anyway.
      if (reconnected) void loadUnread();
    },
    setReconnectHandler(handler: () => void) {
      reconnectHandler = handler;
      return () => {
        if (reconnectHandler === handler) reconnectHandler = null;
      };
    },
    /** Opens the live connection again after it gave up. */
    reconnect() {
      reconnectHandler?.();
    },
    /** The conversation on screen; new messages there do not count as unread while the page is attended. */
    setActiveConversation(conversationId: string | null) {
      activeConversationId = conversationId;
    },
    applyUnreadCounts(conversationId: string, counts: UnreadCounts, meta: ConversationMeta) {
      setUnreadEntry(conversationId, counts.unreadCount, meta, counts.total);
    },
    upsertConversation,
    removeConversation,
    refreshLists: () => loadLists(false),
    refreshUnread: () => loadUnread(),
  };
}

export type MessagingStore = ReturnType<typeof createMessagingStore>;
