import type { AuthConfig } from '@confer/ui';
import type { OfficeHost } from '../office/office-host';
import type { AccountManager } from './account-manager-type';
import { clearStaffToken, readStaffToken } from './store-staff-token';
import { t } from '../messages';

export type { AccountManager } from './account-manager-type';

const RETURN_ROUTE_KEY = 'confer.returnRoute';

/** Development sign-in: a page on the API mints a token and sends it back in the fragment. */
export function createDevelopmentAccounts(devSignInUrl: string): AccountManager {
  return {
    kind: 'development',
    getToken: async () => readStaffToken(),
    signIn: async () => {
      // Come back to this page (the task pane or the browser app) and this screen.
      try {
        if (window.location.hash) sessionStorage.setItem(RETURN_ROUTE_KEY, window.location.hash);
      } catch {
        // without storage the app opens on Home
      }
      const separator = devSignInUrl.includes('?') ? '&' : '?';
      window.location.assign(`${devSignInUrl}${separator}return=${encodeURIComponent(window.location.pathname)}`);
      return new Promise<boolean>(() => {}); // the page is leaving
    },
    forgetToken: clearStaffToken,
    signOut: async () => clearStaffToken(),
  };
}

/** After the development sign-in returns: the screen the user was on, if one was remembered. */
export function takeReturnRoute(): string | null {
  try {
    const route = sessionStorage.getItem(RETURN_ROUTE_KEY);
    sessionStorage.removeItem(RETURN_ROUTE_KEY);
    return route && route.startsWith('#/') ? route : null;
  } catch {
    return null;
  }
}

/** The account manager for this configuration and host. MSAL is fetched only in production. */
export async function createAccountManager(config: AuthConfig, host: OfficeHost | null): Promise<AccountManager> {
  if (config.mode === 'embedded' && config.devSignInUrl) return createDevelopmentAccounts(config.devSignInUrl);
  if (!config.entra) throw new Error(t.auth.notConfiguredNoEntra);
  const { createMicrosoftAccounts } = await import('./msal-accounts');
  return createMicrosoftAccounts(config.entra, host);
}
