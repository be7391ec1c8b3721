/**
 * Takes a text's quick-reply token out of the address (`/portal/#reply=<token>`) and removes it
 * from the URL and the history entry at once. Returns the token, or null when there is none.
 */
export function takeReplyTokenFromLocation(location: Location, history: History): string | null {
  const hash = location.hash.replace(/^#/, '');
  if (!hash) return null;
  const token = new URLSearchParams(hash).get('reply');
  if (token === null) return null;
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  const trimmed = token.trim();
  return trimmed ? trimmed : null;
}
