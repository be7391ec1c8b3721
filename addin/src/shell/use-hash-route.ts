import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'matter'; matterId: string }
  | { name: 'conversation'; conversationId: string; seq: number | null }
  | { name: 'channels' }
  | { name: 'search'; q: string }
  | { name: 'staff' }
  | { name: 'settings' }
  | { name: 'unrouted-texts' }
  | { name: 'outlook-share-attachments' }
  | { name: 'outlook-share-files' };

function decode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const queryAt = raw.indexOf('?');
  const path = queryAt === -1 ? raw : raw.slice(0, queryAt);
  const params = new URLSearchParams(queryAt === -1 ? '' : raw.slice(queryAt + 1));

  if (path === '/staff') return { name: 'staff' };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/unrouted-texts') return { name: 'unrouted-texts' };
  if (path === '/outlook/share-attachments') return { name: 'outlook-share-attachments' };
  if (path === '/outlook/share-files') return { name: 'outlook-share-files' };
  if (path === '/channels') return { name: 'channels' };
  if (path === '/search') {
    const q = params.get('q')?.trim() ?? '';
    return q ? { name: 'search', q } : { name: 'home' };
  }
  const matter = /^\/matters\/([^/?#]+)$/.exec(path);
  if (matter?.[1]) {
    const matterId = decode(matter[1]);
    return matterId ? { name: 'matter', matterId } : { name: 'home' };
  }
  const conversation = /^\/conversations\/([^/?#]+)$/.exec(path);
  if (conversation?.[1]) {
    const conversationId = decode(conversation[1]);
    const seqText = params.get('seq');
    const seq = seqText && /^\d+$/.test(seqText) ? Number(seqText) : null;
    return conversationId ? { name: 'conversation', conversationId, seq } : { name: 'home' };
  }
  return { name: 'home' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'matter':
      return `#/matters/${encodeURIComponent(route.matterId)}`;
    case 'conversation':
      return `#/conversations/${encodeURIComponent(route.conversationId)}${route.seq != null ? `?seq=${route.seq}` : ''}`;
    case 'channels':
      return '#/channels';
    case 'search':
      return `#/search?${new URLSearchParams({ q: route.q }).toString()}`;
    case 'staff':
      return '#/staff';
    case 'settings':
      return '#/settings';
    case 'unrouted-texts':
      return '#/unrouted-texts';
    case 'outlook-share-attachments':
      return '#/outlook/share-attachments';
    case 'outlook-share-files':
      return '#/outlook/share-files';
    default:
      return '#/';
  }
}

export function navigateTo(route: Route): void {
  window.location.hash = routeHref(route);
}

/** A stable key per screen (not per query), used to move focus and remember list positions. */
export function routeKey(route: Route): string {
  switch (route.name) {
    case 'matter':
      return `matter:${route.matterId}`;
    case 'conversation':
      return `conversation:${route.conversationId}`;
    default:
      return route.name;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = () => window.location.hash;

/** Tiny hash router: the current route, re-rendering on `hashchange`. */
export function useHashRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, getHash));
}
