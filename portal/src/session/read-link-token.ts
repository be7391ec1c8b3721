/**
 * Takes a secure-link token out of the address (`/portal/#link=<token>`) and removes it from
 * the URL and the history entry at once, so it is not left in the address bar, the history or
 * a screenshot. Returns the token, or null when the address has none.
 */
export function takeLinkTokenFromLocation(location: Location, history: History): string | null {
  const hash = location.hash.replace(/^#/, '');
  if (!hash) return null;
  const params = new URLSearchParams(hash);
  const token = params.get('link');
  if (token === null) return null;
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  const trimmed = token.trim();
  return trimmed ? trimmed : null;
}
