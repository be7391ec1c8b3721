import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { AppThemeProvider } from '@confer/ui/theme';
import { App } from './App';
import { ConversationLinkPage, takeConversationLink } from './ConversationLinkPage';
import { takeLinkTokenFromLocation } from './session/read-link-token';
import { takeReplyTokenFromLocation } from './quick-reply/take-reply-token';
import './global.css';

const QuickReplyPage = lazy(() => import('./quick-reply/QuickReplyPage').then((m) => ({ default: m.QuickReplyPage })));

// A text's quick-reply link ("#reply=<token>"): reply without signing in; the token leaves the address bar at once.
const replyToken = takeReplyTokenFromLocation(window.location, window.history);
// Before anything renders: take the secure-link token out of the address bar and history.
const linkToken = takeLinkTokenFromLocation(window.location, window.history);
// A link from an email sent with Outlook ("#conversation=<id>"): ask for the email address, or go there if signed in.
const conversationLink = takeConversationLink(window.location, window.history);
// A secure link opened in a tab that already shows the portal changes only the fragment: start over.
window.addEventListener('hashchange', () => {
  if (/(^#|&)(link|reply)=/.test(window.location.hash)) window.location.reload();
});

const container = document.getElementById('root');
if (!container) throw new Error('Missing #root element');

createRoot(container).render(
  <StrictMode>
    <AppThemeProvider style={{ height: '100%' }}>
      {replyToken ? (
        <Suspense fallback={null}>
          <QuickReplyPage token={replyToken} />
        </Suspense>
      ) : conversationLink ? (
        <ConversationLinkPage conversationId={conversationLink}>
          <App linkToken={linkToken} />
        </ConversationLinkPage>
      ) : (
        <App linkToken={linkToken} />
      )}
    </AppThemeProvider>
  </StrictMode>,
);
