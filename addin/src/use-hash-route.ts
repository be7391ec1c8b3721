import { useSyncExternalStore } from 'react';

export type Route = { name: 'matters' } | { name: 'matter'; matterId: string } | { name: 'staff' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '/staff') return { name: 'staff' };
  const match = /^\/matters\/([^/?#]+)$/.exec(path);
  if (match?.[1]) {
    try {
      return { name: 'matter', matterId: decodeURIComponent(match[1]) };
    } catch {
      return { name: 'matters' };
    }
  }
  return { name: 'matters' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'matter':
      return `#/matters/${encodeURIComponent(route.matterId)}`;
    case 'staff':
      return '#/staff';
    default:
      return '#/matters';
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
