/**
 * The one account manager: how the staff app gets a token for the API and signs in.
 *
 * - Embedded mode: the development sign-in page (the token comes back in the URL fragment and
 *   lives in sessionStorage).
 * - Production: Microsoft Entra through MSAL, loaded only then (see msal-accounts.ts): nested
 *   app authentication inside Outlook where the host supports it (silent, then popup, then
 *   the Office dialog), the Office dialog on older Outlook, and a redirect in a plain browser.
 *
 * Tokens are requested for the API's scope only (`<audience>/access_as_user`). Nothing
 * personal (tokens, names, addresses) is logged.
 */
export type AccountManager = {
  kind: 'development' | 'microsoft';
  /** A token for the API without any interaction, or null when the user must sign in. */
  getToken(): Promise<string | null>;
  /** Interactive sign-in. Resolves true when signed in on this page (a redirect never resolves). */
  signIn(): Promise<boolean>;
  /** The API refused the token (401): forget it so the next call does not reuse it. */
  forgetToken(): void;
  signOut(): Promise<void>;
};
