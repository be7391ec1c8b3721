/** Where the page keeps its reply token while the tab lives (survives a reload, not the tab). */
export const REPLY_TOKEN_KEY = 'confer.quickReply';

type TokenStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function safeStorage(): TokenStore | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: the page still works, a reload asks to sign in
  }
}

/**
 * Takes a text's quick-reply token out of the address (`/portal/#reply=<token>`), removing it
 * from the URL and the history entry at once, and keeps it in this tab's sessionStorage so a
 * reload shows the same page. With nothing in the address, the tab's kept token (if any); with
 * another link in it, that link (the kept token is forgotten).
 * Returns null when there is none.
 */
export function takeReplyTokenFromLocation(
  location: Location,
  history: History,
  storage: TokenStore | null = safeStorage(),
): string | null {
  const hash = location.hash.replace(/^#/, '');
  if (!hash) return storage?.getItem(REPLY_TOKEN_KEY) || null;
  const token = new URLSearchParams(hash).get('reply');
  if (token === null) {
    // Something else (a secure link, a conversation link) was opened in this tab: it wins.
    storage?.removeItem(REPLY_TOKEN_KEY);
    return null;
  }
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  const trimmed = token.trim();
  if (!trimmed) return null;
  storage?.setItem(REPLY_TOKEN_KEY, trimmed);
  return trimmed;
}

/** Forgets the tab's reply token: the link no longer works, or the person goes on to sign in. */
export function forgetReplyToken(storage: TokenStore | null = safeStorage()): void {
  storage?.removeItem(REPLY_TOKEN_KEY);
}
