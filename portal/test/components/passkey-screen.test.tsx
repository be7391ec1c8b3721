import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { PortalSignInGrant } from '@confer/ui';
import type { SignInAttempt } from '../../src/auth/CodeScreen';
import { PasskeyScreen } from '../../src/auth/PasskeyScreen';
import {
  problem,
  startLoopbackApi,
  type LoopbackApi,
  type LoopbackHandler,
} from '../../../ui/test-support/loopback-api';

const signIn = {
  linkToken: 'link-token-1',
  firmName: 'Hale & Partners',
  contactName: 'Ana Client',
  conversationId: null,
};

let api: LoopbackApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function renderPasskeyScreen(handler: LoopbackHandler) {
  api = await startLoopbackApi(handler);
  const grants: PortalSignInGrant[] = [];
  const attempts: SignInAttempt[] = [];
  render(
    <FluentProvider theme={webLightTheme}>
      <PasskeyScreen
        signIn={signIn}
        onSignedIn={(grant) => void grants.push(grant)}
        onCodeSent={(attempt) => void attempts.push(attempt)}
      />
    </FluentProvider>,
  );
  return { grants, attempts };
}

describe('portal passkey screen', () => {
  it('when the client asks for a code instead, then the link is opened again with sendCode and the code step follows', async () => {
    const user = userEvent.setup();
    const { attempts, grants } = await renderPasskeyScreen(() => ({
      status: 200,
      body: {
        state: 'code_sent',
        attemptToken: 'attempt-9',
        firmName: 'Hale & Partners',
        contactName: 'Ana Client',
        firstTime: false,
        conversationId: null,
      },
    }));
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in with your passkey' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Email me a code instead' }));
    await waitFor(() => expect(attempts).toHaveLength(1));
    expect(attempts[0]?.attemptToken).toBe('attempt-9');
    expect(grants).toEqual([]);
    expect(api?.requests.map((r) => [r.path, JSON.parse(r.body)])).toEqual([
      ['/api/portal/v1/auth/open', { token: 'link-token-1', sendCode: true }],
    ]);
  });

  it('when the server refuses to start a passkey sign-in, then its reason is shown and both choices stay open', async () => {
    const user = userEvent.setup();
    await renderPasskeyScreen(() =>
      problem(
        429,
        'too_many_passkey_tries',
        'Too many tries',
        'This link has started several passkey sign-ins in the last hour: try again later or have a code emailed',
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Use my passkey' }));
    expect(await screen.findByText(/several passkey sign-ins in the last hour/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Use my passkey' })).toHaveProperty('disabled', false);
    expect(screen.getByRole('button', { name: 'Email me a code instead' })).toHaveProperty('disabled', false);
    expect(api?.requests.map((r) => r.path)).toEqual(['/api/portal/v1/auth/passkey/options']);
  });
});
