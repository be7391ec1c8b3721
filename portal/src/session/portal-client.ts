import { createPortalClient, type ApiProblem } from '@confer/ui';

let csrfToken: string | null = null;
const signedOutListeners = new Set<(problem: ApiProblem) => void>();

/** Kept in memory only: the session cookie is HttpOnly and this token comes back from /auth/session. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** The current session's CSRF token (for requests made outside the client, e.g. form uploads). */
export const getCsrfToken = () => csrfToken;

/** Tells every listener the session ended (a request outside the client answered 401 `not_signed_in`). */
export function reportNotSignedIn(problem: ApiProblem) {
  for (const listener of signedOutListeners) listener(problem);
}

/** Called when any request answers 401 `not_signed_in`. */
export function onNotSignedIn(listener: (problem: ApiProblem) => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/** The portal's one API client: same origin, cookie session, CSRF header on changes. */
export const portalClient = createPortalClient({
  getCsrfToken: () => csrfToken,
  onNotSignedIn: (problem) => {
    for (const listener of signedOutListeners) listener(problem);
  },
});
