import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import { Body1, Button, Spinner, makeStyles } from '@fluentui/react-components';
import { describeError, type PortalSignInGrant } from '@confer/ui';
import { AuthLayout } from './auth/AuthLayout';
import { CodeScreen } from './auth/CodeScreen';
import { LinkInvalidScreen } from './auth/LinkInvalidScreen';
import { PasskeyScreen } from './auth/PasskeyScreen';
import { SignedOutScreen } from './auth/SignedOutScreen';
import { WelcomeScreen } from './auth/WelcomeScreen';
import { onNotSignedIn, portalClient, setCsrfToken } from './session/portal-client';
import { goToLanding, loadSession, startPortal, type Phase } from './session/start-portal';
import { navigate } from './routing/navigation';
import { t } from './messages';

// The signed-in portal loads after sign-in, so the link and code screens open fast on a phone.
const PortalShell = lazy(() => import('./shell/PortalShell').then((m) => ({ default: m.PortalShell })));

const useStyles = makeStyles({
  starting: { display: 'flex', height: '100%', alignItems: 'center', justifyContent: 'center' },
  text: { margin: 0 },
  retry: { alignSelf: 'flex-start' },
});

export type AppProps = { linkToken: string | null };

export function App({ linkToken }: AppProps) {
  const styles = useStyles();
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });

  useEffect(() => {
    let active = true;
    void startPortal(linkToken).then((next) => {
      if (active) setPhase(next);
    });
    return () => {
      active = false;
    };
  }, [linkToken]);

  const signedOut = useCallback((notice: string | null) => {
    setCsrfToken(null);
    setPhase({ kind: 'signed_out', notice });
    navigate({ name: 'todo' }, { replace: true });
  }, []);

  // Any 401 not_signed_in while signed in: the session ended (idle, expired, or ended elsewhere).
  useEffect(
    () =>
      onNotSignedIn(() => {
        setCsrfToken(null);
        setPhase((current) =>
          current.kind === 'signed_in' ? { kind: 'signed_out', notice: t.app.yourSessionHasEnded } : current,
        );
      }),
    [],
  );

  /** `offerPasskey`: the sign-in used the emailed code, so the portal offers a passkey for next time. */
  const signedIn = useCallback(async (grant: PortalSignInGrant, offerPasskey = false) => {
    setCsrfToken(grant.csrfToken);
    try {
      const session = await loadSession();
      goToLanding(grant.conversationId);
      setPhase({ kind: 'signed_in', session, offerPasskey });
    } catch (error) {
      // The code was accepted and the cookie is set: "Try again" reloads into the session.
      goToLanding(grant.conversationId);
      setPhase({ kind: 'failed', error });
    }
  }, []);

  switch (phase.kind) {
    case 'starting':
      return <Starting />;
    case 'welcome':
      return (
        <WelcomeScreen
          firmName={phase.attempt.firmName}
          contactName={phase.attempt.contactName}
          onContinue={() => setPhase({ kind: 'code', attempt: phase.attempt })}
        />
      );
    case 'code':
      return (
        <CodeScreen
          key={phase.attempt.attemptToken}
          attempt={phase.attempt}
          onSignedIn={(grant) => signedIn(grant, true)}
          onCancel={
            phase.returnTo
              ? {
                  label: t.app.backTo(phase.returnTo.firm.name),
                  run: () => phase.returnTo && setPhase({ kind: 'signed_in', session: phase.returnTo }),
                }
              : undefined
          }
        />
      );
    case 'passkey':
      return (
        <PasskeyScreen
          signIn={phase.signIn}
          onSignedIn={(grant) => signedIn(grant)}
          onCodeSent={(attempt) => setPhase({ kind: 'code', attempt })}
        />
      );
    case 'link_invalid':
      return <LinkInvalidScreen />;
    case 'signed_out':
      return <SignedOutScreen notice={phase.notice} />;
    case 'failed':
      return (
        <AuthLayout title={t.app.weCouldNotOpen}>
          <Body1 as="p" className={styles.text} role="alert">
            {describeError(phase.error)}
          </Body1>
          <Button className={styles.retry} appearance="primary" onClick={() => window.location.reload()}>
            {t.app.tryAgain}
          </Button>
        </AuthLayout>
      );
    case 'signed_in':
      return (
        <Suspense fallback={<Starting />}>
          <PortalShell
            key={phase.session.firm.id}
            session={phase.session}
            offerPasskey={phase.offerPasskey ?? false}
            onAccessEnded={(reason) =>
              signedOut(reason === 'sessions_ended' ? t.app.yourFirmSignedYouOut : t.app.yourAccessToThis)
            }
            onSignOut={async () => {
              await portalClient.signOut();
              signedOut(t.app.youHaveSignedOut);
            }}
            onSwitchFirm={async (firmId) => {
              const switched = await portalClient.switchFirm(firmId);
              setPhase({
                kind: 'code',
                returnTo: phase.session,
                attempt: {
                  attemptToken: switched.attemptToken,
                  firmName: switched.firmName,
                  contactName: phase.session.contact.name,
                  conversationId: null,
                  firstTime: false,
                },
              });
            }}
          />
        </Suspense>
      );
  }
}

function Starting() {
  const styles = useStyles();
  return (
    <div className={styles.starting}>
      <Spinner label={t.app.openingYourSecurePortal} />
    </div>
  );
}
