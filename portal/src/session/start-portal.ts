import { isApiProblem, type PortalSession } from '@confer/ui';
import type { SignInAttempt } from '../auth/CodeScreen';
import type { PasskeySignIn } from '../auth/PasskeyScreen';
import { navigate } from '../routing/navigation';
import { portalClient, setCsrfToken } from './portal-client';

export type Phase =
  | { kind: 'starting' }
  | { kind: 'welcome'; attempt: SignInAttempt }
  | { kind: 'code'; attempt: SignInAttempt; returnTo?: PortalSession }
  | { kind: 'passkey'; signIn: PasskeySignIn }
  | { kind: 'link_invalid' }
  | { kind: 'signed_out'; notice: string | null }
  /** `offerPasskey`: signed in with the emailed code just now, so adding a passkey is offered. */
  | { kind: 'signed_in'; session: PortalSession; offerPasskey?: boolean }
  | { kind: 'failed'; error: unknown };

/** Loads the session behind the cookie and remembers its CSRF token. */
export async function loadSession(): Promise<PortalSession> {
  const session = await portalClient.getSession();
  setCsrfToken(session.csrfToken);
  return session;
}

/** After a sign-in: the conversation the link was for, or To do. */
export function goToLanding(conversationId: string | null) {
  navigate(conversationId ? { name: 'conversation', conversationId, tab: 'messages' } : { name: 'todo' }, {
    replace: true,
  });
}

async function openLink(token: string): Promise<Phase> {
  try {
    const opened = await portalClient.openLink(token);
    if (opened.state === 'signed_in') {
      setCsrfToken(opened.csrfToken);
      const session = await loadSession();
      goToLanding(opened.conversationId);
      return { kind: 'signed_in', session };
    }
    if (opened.state === 'passkey') {
      return {
        kind: 'passkey',
        signIn: {
          linkToken: token,
          firmName: opened.firmName,
          contactName: opened.contactName,
          conversationId: opened.conversationId,
        },
      };
    }
    const attempt: SignInAttempt = {
      attemptToken: opened.attemptToken,
      firmName: opened.firmName,
      contactName: opened.contactName,
      conversationId: opened.conversationId,
      firstTime: opened.firstTime,
    };
    return opened.firstTime ? { kind: 'welcome', attempt } : { kind: 'code', attempt };
  } catch (error) {
    // 410 link_not_valid; a malformed token is refused by validation (400): the same page either way.
    if (isApiProblem(error) && (error.status === 410 || error.code === 'validation_failed')) {
      return { kind: 'link_invalid' };
    }
    return { kind: 'failed', error };
  }
}

async function resumeSession(): Promise<Phase> {
  try {
    return { kind: 'signed_in', session: await loadSession() };
  } catch (error) {
    if (isApiProblem(error) && error.status === 401) return { kind: 'signed_out', notice: null };
    return { kind: 'failed', error };
  }
}

let started: Promise<Phase> | null = null;

/** Runs once per page load (a link must be opened once only, even under React's double effects). */
export function startPortal(linkToken: string | null): Promise<Phase> {
  started ??= linkToken ? openLink(linkToken) : resumeSession();
  return started;
}
