import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { UploadLimitsProvider, createApiClient, isApiProblem, type AuthConfig, type Me } from '@confer/ui';
import { AppShell } from './AppShell';
import { createAccountManager, type AccountManager } from '../auth/account-manager';
import { ErrorNotice } from '@confer/ui/errors';
import { useOffice } from '../office/use-office';
import { SignedOutScreen } from '../auth/SignedOutScreen';
import { ApiContext } from '../common/use-api';
import { TokenContext } from '../auth/use-token';
import { useKeepTabsterAlive } from './use-keep-tabster-alive';
import { t } from '../messages';

type AuthState =
  | { kind: 'loading' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'signed-out'; config: AuthConfig; notice?: string }
  | { kind: 'signed-in'; config: AuthConfig; me: Me };

const SESSION_ENDED = t.shell.yourSessionHasEnded;

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
  const { host } = useOffice();
  const [auth, setAuth] = useState<AuthState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [signingIn, setSigningIn] = useState(false);
  const [signInError, setSignInError] = useState<unknown>(null);
  // The account manager (development sign-in, or Microsoft through MSAL) once the config is known.
  const accounts = useRef<AccountManager | null>(null);
  const accountsLoading = useRef<Promise<AccountManager> | null>(null);
  const getToken = useCallback(() => accounts.current?.getToken() ?? Promise.resolve(null), []);

  const api = useMemo(
    () =>
      createApiClient({
        getToken,
        fetch: async (input, init) => {
          const response = await fetch(input, init);
          if (response.status === 401) {
            // Any 401 means the token is gone or expired: drop it and go back to the sign-in screen.
            accounts.current?.forgetToken();
            setAuth((prev) =>
              prev.kind === 'signed-in' ? { kind: 'signed-out', config: prev.config, notice: SESSION_ENDED } : prev,
            );
          }
          return response;
        },
      }),
    [getToken],
  );

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    (async () => {
      const config = await api.getAuthConfig({ signal });
      accountsLoading.current ??= createAccountManager(config, host);
      accounts.current = await accountsLoading.current;
      if (signal.aborted) return;
      if (!(await accounts.current.getToken().catch(() => null))) {
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
  }, [api, host, attempt]);

  const signIn = useCallback(async () => {
    const manager = accounts.current;
    if (auth.kind !== 'signed-out' || !manager) return;
    setSigningIn(true);
    setSignInError(null);
    try {
      if (await manager.signIn()) setAttempt((n) => n + 1);
    } catch (error) {
      setSignInError(error);
    } finally {
      setSigningIn(false);
    }
  }, [auth]);

  const endSession = useCallback(() => {
    accounts.current?.forgetToken();
    setAuth((prev) =>
      prev.kind === 'signed-in' ? { kind: 'signed-out', config: prev.config, notice: SESSION_ENDED } : prev,
    );
  }, []);

  const signOut = useCallback(() => {
    void accounts.current?.signOut();
    setAuth((prev) => (prev.kind === 'signed-in' ? { kind: 'signed-out', config: prev.config } : prev));
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }, []);

  let content;
  switch (auth.kind) {
    case 'loading':
      content = (
        <main className={styles.centered}>
          <Spinner label={t.shell.loadingConfer} />
        </main>
      );
      break;
    case 'failed':
      content = (
        <main className={styles.centered} aria-label={t.shell.conferCouldNotStart}>
          <ErrorNotice error={auth.error} onRetry={() => setAttempt((n) => n + 1)} />
        </main>
      );
      break;
    case 'signed-out':
      content = (
        <SignedOutScreen
          config={auth.config}
          notice={auth.notice}
          busy={signingIn}
          error={signInError}
          onSignIn={() => void signIn()}
        />
      );
      break;
    case 'signed-in':
      content = (
        <UploadLimitsProvider limits={auth.me.uploads}>
          <AppShell me={auth.me} getToken={getToken} onSignOut={signOut} onSessionExpired={endSession} />
        </UploadLimitsProvider>
      );
      break;
  }

  return (
    <ApiContext.Provider value={api}>
      <TokenContext.Provider value={getToken}>{content}</TokenContext.Provider>
    </ApiContext.Provider>
  );
}
