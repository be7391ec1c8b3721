import { useCallback, useEffect, useLayoutEffect, useReducer, useRef } from 'react';
import type { AcknowledgeBy, ApiClient, LiveMessage, Message, Page, SendMessageWithSmsInput } from '@confer/ui';
import { createIdempotencyKey } from '../composer/create-idempotency-key';

export type PendingMessage = {
  /** Also the Idempotency-Key: the same on every retry, so the server stores the message once. */
  key: string;
  body: string;
  createdAt: string;
  status: 'sending' | 'failed';
  error: unknown;
  /** Also text it to the conversation's clients and third parties. */
  sendAsSms?: boolean;
  /** Needs acknowledging or a reply from a client by a deadline. */
  acknowledgeBy?: AcknowledgeBy;
};

export type MessagesState = {
  status: 'loading' | 'ready' | 'error';
  error: unknown;
  /** A contiguous window of the conversation, oldest first, unique by id. */
  messages: Message[];
  olderCursor: string | null;
  olderStatus: 'idle' | 'loading' | 'error';
  olderError: unknown;
  /** Opened around a search hit: newer messages exist beyond this window. */
  hasGapAfter: boolean;
  pending: PendingMessage[];
  /** participantId → the highest seq they have read (from read.updated). */
  readPositions: Record<string, number>;
  /**
   * participantId → their read mark when the messages were loaded or, if later, when first
   * heard of: what the server's read counts already include.
   */
  readFrom: Record<string, number>;
};

type Action =
  | { type: 'loading' }
  | { type: 'loaded'; messages: Message[]; olderCursor: string | null; hasGapAfter: boolean }
  | { type: 'failed'; error: unknown }
  | { type: 'older-loading' }
  | { type: 'older-loaded'; page: Page<Message> }
  | { type: 'older-failed'; error: unknown }
  | { type: 'latest-merged'; page: Page<Message> }
  | { type: 'received'; message: LiveMessage; mine: boolean }
  | { type: 'updated'; message: LiveMessage | Message }
  | { type: 'pending-added'; pending: PendingMessage }
  | { type: 'pending-sent'; key: string; message: Message }
  | { type: 'pending-failed'; key: string; error: unknown }
  | { type: 'pending-retried'; key: string }
  | { type: 'pending-discarded'; key: string }
  | { type: 'read'; participantId: string; seq: number; previous?: number };

const PAGE_SIZE = 50;

const initialState: MessagesState = {
  status: 'loading',
  error: null,
  messages: [],
  olderCursor: null,
  olderStatus: 'idle',
  olderError: null,
  hasGapAfter: false,
  pending: [],
  readPositions: {},
  readFrom: {},
};

function toMessage(message: LiveMessage | Message, previous?: Message): Message {
  return {
    ...previous,
    ...message,
    readBy: message.readBy !== undefined ? message.readBy : (previous?.readBy ?? []),
    readCount: message.readCount ?? previous?.readCount ?? 0,
  };
}

/** Inserts or replaces by id, keeping seq order. Unknown messages are only inserted when `insert`. */
function mergeOne(list: Message[], incoming: LiveMessage | Message, insert: boolean): Message[] {
  const index = list.findIndex((m) => m.id === incoming.id);
  if (index >= 0) {
    const next = [...list];
    next[index] = toMessage(incoming, list[index]);
    return next;
  }
  if (!insert) return list;
  const message = toMessage(incoming);
  let at = list.length;
  while (at > 0 && (list[at - 1]?.seq ?? 0) > message.seq) at -= 1;
  return [...list.slice(0, at), message, ...list.slice(at)];
}

function mergeMany(list: Message[], incoming: Message[]): Message[] {
  return incoming.reduce((acc, m) => mergeOne(acc, m, true), list);
}

function reducer(state: MessagesState, action: Action): MessagesState {
  switch (action.type) {
    case 'loading':
      return { ...state, status: 'loading', error: null };
    case 'loaded':
      return {
        ...state,
        status: 'ready',
        error: null,
        messages: mergeMany([], action.messages),
        olderCursor: action.olderCursor,
        olderStatus: 'idle',
        olderError: null,
        hasGapAfter: action.hasGapAfter,
        // the loaded read counts include every read heard of so far
        readFrom: { ...state.readPositions },
      };
    case 'failed':
      return { ...state, status: 'error', error: action.error };
    case 'older-loading':
      return { ...state, olderStatus: 'loading', olderError: null };
    case 'older-loaded':
      return {
        ...state,
        messages: mergeMany(state.messages, action.page.items),
        olderCursor: action.page.nextCursor,
        olderStatus: 'idle',
      };
    case 'older-failed':
      return { ...state, olderStatus: 'error', olderError: action.error };
    case 'latest-merged': {
      const { items, nextCursor } = action.page;
      const last = state.messages.at(-1);
      const first = items[0];
      // Pages are contiguous ranges, so overlapping ones join up: keep what we have and add the
      // rest. Otherwise start over from the latest page (seq may skip numbers, so "next to each
      // other" cannot be told from seq alone).
      const joins = !!last && !!first && (first.seq <= last.seq || nextCursor === null);
      if (state.status === 'ready' && joins && !state.hasGapAfter) {
        return { ...state, messages: mergeMany(state.messages, items) };
      }
      if (state.status === 'ready' && items.length === 0) return state;
      return {
        ...state,
        status: 'ready',
        error: null,
        messages: mergeMany([], items),
        olderCursor: nextCursor,
        olderStatus: 'idle',
        hasGapAfter: false,
      };
    }
    case 'received': {
      const last = state.messages.at(-1);
      const insert = !state.hasGapAfter || (last !== undefined && action.message.seq <= last.seq);
      let pending = state.pending;
      if (action.mine) {
        // Our own message can arrive live before the POST answers (or after it failed with the
        // request having reached the server): retire its twin, preferring one still sending.
        const sameBody = (p: PendingMessage) => p.body === action.message.body;
        let twin = pending.findIndex((p) => p.status === 'sending' && sameBody(p));
        if (twin < 0) twin = pending.findIndex((p) => p.status === 'failed' && sameBody(p));
        if (twin >= 0) pending = pending.filter((_, i) => i !== twin);
      }
      return { ...state, messages: mergeOne(state.messages, action.message, insert), pending };
    }
    case 'updated':
      return { ...state, messages: mergeOne(state.messages, action.message, false) };
    case 'pending-added':
      return { ...state, pending: [...state.pending, action.pending] };
    case 'pending-sent':
      return {
        ...state,
        pending: state.pending.filter((p) => p.key !== action.key),
        messages: mergeOne(state.messages, action.message, !state.hasGapAfter),
      };
    case 'pending-failed':
      return {
        ...state,
        pending: state.pending.map((p) => (p.key === action.key ? { ...p, status: 'failed', error: action.error } : p)),
      };
    case 'pending-retried':
      return {
        ...state,
        pending: state.pending.map((p) => (p.key === action.key ? { ...p, status: 'sending', error: null } : p)),
      };
    case 'pending-discarded':
      return { ...state, pending: state.pending.filter((p) => p.key !== action.key) };
    case 'read': {
      const current = state.readPositions[action.participantId];
      if (current !== undefined && action.seq <= current) return state;
      const from = state.readFrom[action.participantId] ?? action.previous ?? current ?? action.seq;
      return {
        ...state,
        readPositions: { ...state.readPositions, [action.participantId]: action.seq },
        readFrom: { ...state.readFrom, [action.participantId]: from },
      };
    }
    default:
      return state;
  }
}

type UseConversationMessagesOptions = {
  api: ApiClient;
  conversationId: string;
  /** Open centred on this message (from a search result). */
  aroundSeq: number | null;
  onSendFailed?: (error: unknown) => void;
};

/** The message window of one conversation: paging, live merging, optimistic sending. */
export function useConversationMessages({
  api,
  conversationId,
  aroundSeq,
  onSendFailed,
}: UseConversationMessagesOptions) {
  const [state, dispatch] = useReducer(reducer, initialState);
  const stateRef = useRef(state);
  const sendFailed = useRef(onSendFailed);
  useLayoutEffect(() => {
    stateRef.current = state;
    sendFailed.current = onSendFailed;
  });
  const [attempt, bump] = useReducer((n: number) => n + 1, 0);
  const jumped = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    dispatch({ type: 'loading' });
    (async () => {
      if (aroundSeq == null || jumped.current) {
        const page = await api.listMessages(conversationId, { limit: PAGE_SIZE }, { signal });
        dispatch({ type: 'loaded', messages: page.items, olderCursor: page.nextCursor, hasGapAfter: false });
        return;
      }
      const [around, latest] = await Promise.all([
        api.listMessages(conversationId, { around: aroundSeq, limit: PAGE_SIZE }, { signal }),
        api.listMessages(conversationId, { limit: PAGE_SIZE }, { signal }),
      ]);
      const aroundLast = around.items.at(-1)?.seq ?? 0;
      const aroundFirst = around.items[0]?.seq ?? Number.POSITIVE_INFINITY;
      const latestFirst = latest.items[0]?.seq;
      // Each page is a contiguous range. They join up when they overlap or when the latest page
      // reaches back to the start; seq numbers may skip, so adjacency alone proves nothing.
      if (latestFirst === undefined || latestFirst <= aroundLast || latest.nextCursor === null) {
        // One contiguous window reaching the newest message.
        dispatch({
          type: 'loaded',
          messages: [...around.items, ...latest.items],
          olderCursor: latestFirst === undefined || aroundFirst <= latestFirst ? around.nextCursor : latest.nextCursor,
          hasGapAfter: false,
        });
      } else {
        dispatch({ type: 'loaded', messages: around.items, olderCursor: around.nextCursor, hasGapAfter: true });
      }
    })().catch((error: unknown) => {
      if (!signal.aborted) dispatch({ type: 'failed', error });
    });
    return () => controller.abort();
  }, [api, conversationId, aroundSeq, attempt]);

  const loadOlder = useCallback(async () => {
    const { olderCursor, olderStatus } = stateRef.current;
    if (!olderCursor || olderStatus === 'loading') return;
    dispatch({ type: 'older-loading' });
    try {
      const page = await api.listMessages(conversationId, { before: olderCursor, limit: PAGE_SIZE });
      dispatch({ type: 'older-loaded', page });
    } catch (error) {
      dispatch({ type: 'older-failed', error });
    }
  }, [api, conversationId]);

  /** Leaves a search-hit window for the newest messages. */
  const jumpToLatest = useCallback(() => {
    jumped.current = true;
    bump();
  }, []);

  /** After a resync or reconnect: fetch the newest page and merge it. */
  const refreshLatest = useCallback(async () => {
    try {
      const page = await api.listMessages(conversationId, { limit: PAGE_SIZE });
      dispatch({ type: 'latest-merged', page });
    } catch (error) {
      console.warn('Could not refresh messages', error);
    }
  }, [api, conversationId]);

  const deliver = useCallback(
    async (pending: PendingMessage) => {
      try {
        const input: SendMessageWithSmsInput = { body: pending.body };
        if (pending.sendAsSms) input.sendAsSms = true;
        if (pending.acknowledgeBy) input.acknowledgeBy = pending.acknowledgeBy;
        const message = await api.sendMessage(conversationId, input, { idempotencyKey: pending.key });
        dispatch({ type: 'pending-sent', key: pending.key, message });
      } catch (error) {
        // Already retired by its own live event: it did arrive, so there is nothing to report.
        if (!stateRef.current.pending.some((p) => p.key === pending.key)) return;
        dispatch({ type: 'pending-failed', key: pending.key, error });
        sendFailed.current?.(error);
      }
    },
    [api, conversationId],
  );

  const send = useCallback(
    (body: string, options: { sendAsSms?: boolean; acknowledgeBy?: AcknowledgeBy } = {}) => {
      const pending: PendingMessage = {
        ...(options.sendAsSms ? { sendAsSms: true } : {}),
        ...(options.acknowledgeBy ? { acknowledgeBy: options.acknowledgeBy } : {}),
        key: createIdempotencyKey(),
        body,
        createdAt: new Date().toISOString(),
        status: 'sending',
        error: null,
      };
      if (stateRef.current.hasGapAfter) jumpToLatest();
      dispatch({ type: 'pending-added', pending });
      void deliver(pending);
    },
    [deliver, jumpToLatest],
  );

  const retry = useCallback(
    (key: string) => {
      const pending = stateRef.current.pending.find((p) => p.key === key);
      if (!pending || pending.status !== 'failed') return;
      dispatch({ type: 'pending-retried', key });
      void deliver(pending); // same key: a request that did arrive the first time is not stored twice
    },
    [deliver],
  );

  const discard = useCallback((key: string) => dispatch({ type: 'pending-discarded', key }), []);
  const receive = useCallback(
    (message: LiveMessage, mine: boolean) => dispatch({ type: 'received', message, mine }),
    [],
  );
  const update = useCallback((message: LiveMessage | Message) => dispatch({ type: 'updated', message }), []);
  const markReadBy = useCallback(
    (participantId: string, seq: number, previous?: number) => dispatch({ type: 'read', participantId, seq, previous }),
    [],
  );

  return {
    state,
    loadOlder,
    jumpToLatest,
    refreshLatest,
    send,
    retry,
    discard,
    receive,
    update,
    markReadBy,
    reload: bump,
  };
}
