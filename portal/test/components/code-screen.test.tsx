import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { PortalSignInGrant } from '@confer/ui';
import { CodeScreen } from '../../src/auth/CodeScreen';
import {
  problem,
  startLoopbackApi,
  type LoopbackApi,
  type LoopbackHandler,
} from '../../../ui/test-support/loopback-api';

const attempt = {
  attemptToken: 'attempt-1',
  firmName: 'Hale & Partners',
  contactName: 'Ana Client',
  conversationId: null,
  firstTime: false,
};

let api: LoopbackApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function renderCodeScreen(handler: LoopbackHandler) {
  api = await startLoopbackApi(handler);
  const grants: PortalSignInGrant[] = [];
  render(
    <FluentProvider theme={webLightTheme}>
      <CodeScreen attempt={attempt} onSignedIn={(grant) => void grants.push(grant)} />
    </FluentProvider>,
  );
  return { grants, box: screen.getByRole('textbox', { name: /6-digit code/ }) };
}

describe('portal code screen', () => {
  it('when the screen opens, then the code box has the focus and takes digits only, six at most', async () => {
    const user = userEvent.setup();
    const { box } = await renderCodeScreen(() => ({ status: 500 }));
    expect(document.activeElement).toBe(box);
    await user.keyboard('12a-34 5678');
    expect(box).toHaveProperty('value', '123456');
  });

  it('when fewer than 6 digits are entered, then an alert beside the field asks for 6 and nothing is sent', async () => {
    const user = userEvent.setup();
    const { box } = await renderCodeScreen(() => ({ status: 500 }));
    await user.type(box, '123{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('Enter the 6 digits from the email.');
    expect(api?.requests).toEqual([]);
  });

  it('when the right code is entered and Enter pressed, then the button says Checking… and the grant comes back', async () => {
    const user = userEvent.setup();
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const { grants, box } = await renderCodeScreen(async () => {
      await answered;
      return { status: 200, body: { conversationId: 'c-1', firmId: 'f-1' } };
    });
    await user.type(box, '246810{Enter}');
    const checking = await screen.findByRole('button', { name: 'Checking…' });
    expect(checking).toHaveProperty('disabled', true);
    answer();
    await waitFor(() => expect(grants).toHaveLength(1));
    expect(grants[0]).toEqual({ conversationId: 'c-1', firmId: 'f-1' });
    const request = api?.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/api/portal/v1/auth/verify');
    expect(JSON.parse(request?.body ?? '{}')).toEqual({ attemptToken: 'attempt-1', code: '246810' });
  });

  it('when the code is wrong, then the box empties, keeps the focus, and an alert beside it says so', async () => {
    const user = userEvent.setup();
    const { box } = await renderCodeScreen(() =>
      problem(400, 'wrong_code', 'Wrong code', 'That code is not right. Check the newest email and try again.'),
    );
    await user.type(box, '111111{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/not right|code/i);
    expect(box).toHaveProperty('value', '');
    expect(document.activeElement).toBe(box);
  });

  it('when sign-in is locked, then the box and both buttons are disabled and the notice says it is locked', async () => {
    const user = userEvent.setup();
    const { box } = await renderCodeScreen(() => problem(429, 'sign_in_locked', 'Sign-in locked'));
    await user.type(box, '999999{Enter}');
    expect(await screen.findByText('Sign-in is locked')).toBeTruthy();
    expect(box).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Resend code' })).toHaveProperty('disabled', true);
  });

  it('when the code has expired, then the notice offers a new code and sending one says it is on its way', async () => {
    const user = userEvent.setup();
    const { box } = await renderCodeScreen((request) =>
      request.path.endsWith('/auth/resend') ? { status: 204 } : problem(400, 'code_expired', 'Code expired'),
    );
    await user.type(box, '123456{Enter}');
    expect(await screen.findByText('This code has expired')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Send a new code' }));
    expect(await screen.findByText('A new code is on its way. Use the code from the newest email.')).toBeTruthy();
    expect(api?.requests.map((r) => r.path)).toEqual(['/api/portal/v1/auth/verify', '/api/portal/v1/auth/resend']);
  });
});
