import { useCallback, useEffect, useMemo, useState } from 'react';
import { Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { createApiClient, isApiProblem, type AuthConfig, type Me } from '@confer/ui';
import { AppShell } from './AppShell';
import { ErrorBanner } from './ErrorBanner';
import { SignedOutScreen } from './SignedOutScreen';
import { clearStaffToken, readStaffToken } from './store-staff-token';
import { ApiContext } from './use-api';
import { useKeepTabsterAlive } from './use-keep-tabster-alive';

type AuthState =
  | { kind: 'loading' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'signed-out'; config: AuthConfig; notice?: string }
  | { kind: 'signed-in'; config: AuthConfig; me: Me };

const SESSION_ENDED = 'Your session has ended. Sign in again to continue.';

const useStyles = makeStyles({
  centered: {
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    gap: tokens.spacingVerticalM,
    minHeight: '100vh',
    padding: tokens.spacingHorizontalL,
    boxSizing: 'border-box',
  },
});

export function App() {
  const styles = useStyles();
  useKeepTabsterAlive();
  const [auth, setAuth] = useState<AuthState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const api = useMemo(
    () =>
      createApiClient({
        getToken: readStaffToken,
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          if (response.status === 401) {
            // Any 401 means the token is gone or expired: drop it and go back to the sign-in screen.
            clearStaffToken();
            setAuth((prev) =>
              prev.kind === 'signed-in' ? { kind: 'signed-out', config: prev.config, notice: SESSION_ENDED } : prev,
            );
          }
          return response;
        },
      }),
    [],
  );

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    (async () => {
      const config = await api.getAuthConfig({ signal });
      if (!readStaffToken()) {
        setAuth({ kind: 'signed-out', config });
        return;
      }
      try {
        const me = await api.getMe({ signal });
        setAuth({ kind: 'signed-in', config, me });
      } catch (error) {
        if (isApiProblem(error) && error.status === 401) {
          setAuth({ kind: 'signed-out', config, notice: SESSION_ENDED });
        } else {
          throw error;
        }
      }
    })().catch((error: unknown) => {
      if (!signal.aborted) setAuth({ kind: 'failed', error });
    });
    return () => controller.abort();
  }, [api, attempt]);

  const signIn = useCallback(() => {
    if (auth.kind !== 'signed-out' || !auth.config.devSignInUrl) return;
    const url = auth.config.devSignInUrl;
    const separator = url.includes('?') ? '&' : '?';
    window.location.assign(`${url}${separator}return=${encodeURIComponent(import.meta.env.BASE_URL)}`);
  }, [auth]);

  const endSession = useCallback(() => {
    clearStaffToken();
    setAuth((prev) =>
      prev.kind === 'signed-in' ? { kind: 'signed-out', config: prev.config, notice: SESSION_ENDED } : prev,
    );
  }, []);

  const signOut = useCallback(() => {
    clearStaffToken();
    setAuth((prev) => (prev.kind === 'signed-in' ? { kind: 'signed-out', config: prev.config } : prev));
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }, []);

  let content;
  switch (auth.kind) {
    case 'loading':
      content = (
        <main className={styles.centered}>
          <Spinner label="Loading Confer…" />
        </main>
      );
      break;
    case 'failed':
      content = (
        <main className={styles.centered} aria-label="Confer could not start">
          <ErrorBanner error={auth.error} onRetry={() => setAttempt((n) => n + 1)} />
        </main>
      );
      break;
    case 'signed-out':
      content = <SignedOutScreen config={auth.config} notice={auth.notice} onSignIn={signIn} />;
      break;
    case 'signed-in':
      content = <AppShell me={auth.me} onSignOut={signOut} onSessionExpired={endSession} />;
      break;
  }

  return <ApiContext.Provider value={api}>{content}</ApiContext.Provider>;
}
