/**
 * MSAL's redirect target (`/addin/auth-redirect.html`): hands the sign-in answer back to the
 * page that started it (the browser app, or the sign-in dialog) and shows nothing else.
 */
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';
import { t } from '../messages';

broadcastResponseToMainFrame().catch(() => {
  const status = document.getElementById('status');
  if (status) status.textContent = t.auth.signInDidNot;
});
