import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppThemeProvider } from '@confer/ui/theme';
import { App } from './shell/App';
import { takeReturnRoute } from './auth/account-manager';
import { connectOfficeHost, createBrowserSettings, repairHistoryApi } from './office/office-host';
import { OfficeContext } from './office/use-office';
import { useOfficeDarkTheme } from './office/use-office-theme';
import { outlookViewRoute } from './outlook/outlook-routes';
import { takeStaffTokenFromHash } from './auth/store-staff-token';
import './global.css';

// In the task pane Office.js has blanked history.replaceState; bring it back first.
repairHistoryApi();
// The dev sign-in page redirects back with #token=<JWT>; take it before anything renders, then
// return to the screen the user signed in from.
takeStaffTokenFromHash();
const start = takeReturnRoute() ?? outlookViewRoute(window.location.search);
if (start && (!window.location.hash || window.location.hash === '#/')) {
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search + start);
}

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

// The task pane page loads Office.js; the browser app does not, and gets no host at once.
const host = await connectOfficeHost();
const office = { host, settings: host?.settings ?? createBrowserSettings() };

/** In Outlook the Office theme decides light or dark; in a browser the operating system does. */
function Root() {
  const officeDark = useOfficeDarkTheme(office.host);
  return (
    <AppThemeProvider hostDark={officeDark} style={{ minHeight: '100%' }}>
      <OfficeContext.Provider value={office}>
        <App />
      </OfficeContext.Provider>
    </AppThemeProvider>
  );
}

createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
