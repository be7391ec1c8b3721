import { createPortalClient, type ApiProblem } from '@confer/ui';

let csrfToken: string | null = null;
const signedOutListeners = new Set<(problem: ApiProblem) => void>();

/** Kept in memory only: the session cookie is HttpOnly and this token comes back from /auth/session. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
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
