/**
 * The Office sign-in dialog (`/addin/auth-dialog.html`), the fallback when Outlook offers no
 * nested app authentication: it signs in with MSAL's redirect inside the dialog, then hands the
 * API token to the task pane with `messageParent` and closes. It shows only a status line.
 */
import { createStandardPublicClientApplication } from '@azure/msal-browser';
import type { AuthConfig } from '@confer/ui';
import { connectOfficeHost } from '../office/office-host';
import { apiScopes, msalConfiguration, type DialogTokenMessage } from './msal-accounts';
import { t } from '../messages';

const status = document.getElementById('status');
const say = (text: string) => {
  if (status) status.textContent = text;
};

async function run() {
  const host = await connectOfficeHost();
  if (!host) {
    say(t.auth.thisPageSignsYou);
    return;
  }
  const send = (message: DialogTokenMessage) => host.messageParent(JSON.stringify(message));
  try {
    const response = await fetch('/api/v1/auth-config', { headers: { accept: 'application/json' } });
    const config = (await response.json()) as AuthConfig;
    if (!config.entra) throw new Error(t.auth.notConfigured);
    const pca = await createStandardPublicClientApplication(msalConfiguration(config.entra));
    const result = await pca.handleRedirectPromise();
    if (result) {
      send({ accessToken: result.accessToken, expiresOn: result.expiresOn?.getTime() ?? Date.now() + 5 * 60_000 });
      say(t.auth.signedInYouCan);
      return;
    }
    say(t.auth.openingTheMicrosoftSign);
    await pca.acquireTokenRedirect({ scopes: apiScopes(config.entra), redirectStartPage: window.location.href });
  } catch (error) {
    say(t.auth.signInDidNot);
    send({ error: error instanceof Error ? error.message : t.auth.signInFailed });
  }
}

void run();
