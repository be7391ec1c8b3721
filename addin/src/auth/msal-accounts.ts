import {
  BrowserAuthError,
  InteractionRequiredAuthError,
  LogLevel,
  createNestablePublicClientApplication,
  createStandardPublicClientApplication,
  type AccountInfo,
  type Configuration,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { DIALOG_CLOSED, OfficeError, type OfficeHost } from '../office/office-host';
import type { AccountManager } from './account-manager-type';

/** Loaded only in production (a chunk of its own): MSAL is not part of the first download. */

export type EntraSettings = { clientId: string; audience: string };

/** The one scope Confer asks for: the API's. */
export const apiScopes = (entra: EntraSettings) => [`${entra.audience.replace(/\/+$/, '')}/access_as_user`];

export const AUTHORITY = 'https://login.microsoftonline.com/organizations';
export const redirectUri = () => `${window.location.origin}/addin/auth-redirect.html`;
const DIALOG_URL = () => `${window.location.origin}/addin/auth-dialog.html`;

/** MSAL settings shared by the task pane, the browser app and the sign-in dialog. Logs carry no personal data. */
export function msalConfiguration(entra: EntraSettings): Configuration {
  return {
    auth: { clientId: entra.clientId, authority: AUTHORITY, redirectUri: redirectUri() },
    cache: { cacheLocation: 'sessionStorage' },
    system: {
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message, containsPii) => {
          if (containsPii || level > LogLevel.Warning) return;
          console.warn(`Sign-in: ${message}`);
        },
      },
    },
  };
}

/** What the sign-in dialog sends back to the task pane. */
export type DialogTokenMessage = { accessToken: string; expiresOn: number } | { error: string };

const needsInteraction = (error: unknown) =>
  error instanceof InteractionRequiredAuthError ||
  (error instanceof BrowserAuthError && /no_account|interaction_required|login_required/i.test(error.errorCode));

function pickAccount(pca: IPublicClientApplication): AccountInfo | undefined {
  const active = pca.getActiveAccount();
  if (active) return active;
  const [first] = pca.getAllAccounts();
  if (first) pca.setActiveAccount(first);
  return first;
}

export async function createMicrosoftAccounts(entra: EntraSettings, host: OfficeHost | null): Promise<AccountManager> {
  const scopes = apiScopes(entra);

  // Outlook: nested app authentication where the host offers it, else the Office dialog.
  if (host) {
    const naa = host.supports('NestedAppAuth', '1.1')
      ? await createNestablePublicClientApplication(msalConfiguration(entra)).catch(() => null)
      : null;
    let dialogToken: { accessToken: string; expiresOn: number } | null = null;

    const fromDialog = async () => {
      const raw = await host.openDialog(DIALOG_URL(), { heightPercent: 60, widthPercent: 30 });
      const message = JSON.parse(raw) as DialogTokenMessage;
      if ('error' in message) throw new Error(message.error);
      dialogToken = message;
      return message.accessToken;
    };
    const silent = async () => {
      if (dialogToken && dialogToken.expiresOn - Date.now() > 60_000) return dialogToken.accessToken;
      if (!naa) return null;
      try {
        const result = await naa.acquireTokenSilent({ scopes, account: pickAccount(naa) });
        if (result.account) naa.setActiveAccount(result.account);
        return result.accessToken;
      } catch (error) {
        if (needsInteraction(error)) return null;
        throw error;
      }
    };
    return {
      kind: 'microsoft',
      getToken: silent,
      async signIn() {
        if (await silent().catch(() => null)) return true;
        if (naa) {
          try {
            const result = await naa.acquireTokenPopup({ scopes });
            if (result.account) naa.setActiveAccount(result.account);
            return true;
          } catch (error) {
            // A popup the host refused or blocked: fall back to the Office dialog below.
            if (error instanceof BrowserAuthError && /user_cancelled/i.test(error.errorCode)) return false;
          }
        }
        try {
          return Boolean(await fromDialog());
        } catch (error) {
          if (error instanceof OfficeError && error.code === DIALOG_CLOSED) return false;
          throw error;
        }
      },
      forgetToken() {
        dialogToken = null;
      },
      async signOut() {
        dialogToken = null;
        await naa?.clearCache().catch(() => undefined);
      },
    };
  }

  // A plain browser: MSAL's redirect flow (auth-redirect.html brings the answer back here).
  const pca = await createStandardPublicClientApplication(msalConfiguration(entra));
  const returned = await pca.handleRedirectPromise().catch(() => null);
  if (returned?.account) pca.setActiveAccount(returned.account);
  return {
    kind: 'microsoft',
    async getToken() {
      const account = pickAccount(pca);
      if (!account) return null;
      try {
        return (await pca.acquireTokenSilent({ scopes, account })).accessToken;
      } catch (error) {
        if (needsInteraction(error)) return null;
        throw error;
      }
    },
    async signIn() {
      await pca.acquireTokenRedirect({ scopes, redirectStartPage: window.location.href });
      return new Promise<boolean>(() => {}); // the page is leaving for Microsoft's sign-in
    },
    forgetToken() {
      // MSAL refreshes on the next silent call when the token has expired
    },
    async signOut() {
      await pca.clearCache().catch(() => undefined);
    },
  };
}
