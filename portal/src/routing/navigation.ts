import { useSyncExternalStore } from 'react';
import { parseRoute, routeHref, type Route } from './route';

const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const getPath = () => window.location.pathname;

/** Moves to a route inside the portal (history entry unless `replace`). */
export function navigate(route: Route, options: { replace?: boolean } = {}) {
  const href = routeHref(route);
  if (href === window.location.pathname && !options.replace) return;
  if (options.replace) window.history.replaceState({ pushed: canGoBackInPortal() }, '', href);
  else window.history.pushState({ pushed: true }, '', href);
  notify();
}

/** True when this history entry was pushed from another portal page (so Back stays in the portal). */
export const canGoBackInPortal = () => (window.history.state as { pushed?: boolean } | null)?.pushed === true;

export function useRoute(): Route {
  const path = useSyncExternalStore(subscribe, getPath);
  return parseRoute(path);
}
