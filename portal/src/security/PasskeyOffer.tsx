import { useEffect, useState } from 'react';
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { t } from '../messages';
import { addPasskeyOnThisDevice, deviceCanHoldPasskey } from './passkey-ceremony';

type OfferState = 'hidden' | 'offered' | 'adding' | 'added' | 'failed';

/**
 * After a sign-in with the emailed code, on a device that can hold a passkey: offers to add
 * one so the next link signs in without a code. "Not now" dismisses it for this visit.
 */
export function PasskeyOffer() {
  const [state, setState] = useState<OfferState>('hidden');

  useEffect(() => {
    let active = true;
    void deviceCanHoldPasskey().then((can) => {
      if (active && can) setState('offered');
    });
    return () => {
      active = false;
    };
  }, []);

  const add = async () => {
    setState('adding');
    try {
      await addPasskeyOnThisDevice();
      setState('added');
    } catch {
      setState('failed');
    }
  };

  if (state === 'hidden') return null;
  if (state === 'added' || state === 'failed') {
    return (
      <MessageBar intent={state === 'added' ? 'success' : 'warning'} role="status">
        <MessageBarBody>{state === 'added' ? t.security.passkeyAdded : t.security.passkeyNotAdded}</MessageBarBody>
        <MessageBarActions>
          <Button size="small" appearance="transparent" onClick={() => setState('hidden')}>
            {t.security.dismiss}
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t.security.signInFaster}</MessageBarTitle>
        {t.security.offerText}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" appearance="primary" onClick={add} disabled={state === 'adding'}>
          {state === 'adding' ? t.security.adding : t.security.addAPasskey}
        </Button>
        <Button size="small" onClick={() => setState('hidden')} disabled={state === 'adding'}>
          {t.security.notNow}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
