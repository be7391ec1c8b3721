import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { PortalNotificationChoice, PortalSession } from '@confer/ui';
import { createLiveHub } from '../../src/live/live-hub';
import { NotificationChoicesScreen } from '../../src/settings/NotificationChoicesScreen';
import { PortalContext, type PortalContextValue } from '../../src/shell/portal-context';
import { startLoopbackApi, type LoopbackApi, type LoopbackHandler } from '../../../ui/test-support/loopback-api';

let api: LoopbackApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const stored: PortalNotificationChoice = {
  channel: 'email',
  quietStart: '22:00',
  quietEnd: '07:00',
  timeZone: 'Europe/London',
  dailyDigest: false,
  hasMobile: false,
  chosen: true,
};

async function renderScreen(handler: LoopbackHandler) {
  api = await startLoopbackApi(handler);
  const context = {
    session: { firm: { id: 'firm-1', name: 'Hale & Partners' } } as unknown as PortalSession,
    live: createLiveHub(),
    conversations: {
      state: { status: 'loading' },
      data: undefined,
      error: undefined,
      loading: true,
      reload() {},
      setData() {},
    },
  } as PortalContextValue;
  render(
    <FluentProvider theme={webLightTheme}>
      <PortalContext.Provider value={context}>
        <NotificationChoicesScreen />
      </PortalContext.Provider>
    </FluentProvider>,
  );
}

describe('portal notification choices', () => {
  it('when the page opens, then it shows the stored channel, quiet hours and zone', async () => {
    await renderScreen(() => ({ status: 200, body: stored }));
    expect(await screen.findByRole('radio', { name: 'Email' })).toHaveProperty('checked', true);
    expect(screen.getByLabelText('From')).toHaveProperty('value', '22:00');
    expect(screen.getByLabelText('To')).toHaveProperty('value', '07:00');
    expect(screen.getByRole('combobox', { name: 'Time zone' })).toHaveProperty('value', 'Europe/London');
    expect(screen.getByText('Texts need a mobile number: ask the firm to add yours.')).toBeTruthy();
  });

  it('when the client chooses SMS and the server refuses it for want of a mobile, then the message shows beside the choice', async () => {
    const user = userEvent.setup();
    await renderScreen((request) =>
      request.method === 'GET'
        ? { status: 200, body: stored }
        : {
            status: 422,
            body: {
              type: 'https://confer.example/problems/sms_needs_mobile',
              title: 'Unprocessable',
              status: 422,
              code: 'sms_needs_mobile',
              detail: 'body.channel: texts need a mobile number',
              errors: [{ location: 'body', field: 'channel', message: 'texts need a mobile number: ask the firm' }],
            },
          },
    );
    await user.click(await screen.findByRole('radio', { name: 'Text message (SMS)' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('texts need a mobile number: ask the firm')).toBeTruthy();
    const put = api!.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toBe('/api/portal/v1/notification-choices');
    expect(JSON.parse(put!.body)).toEqual({
      channel: 'sms',
      quietStart: '22:00',
      quietEnd: '07:00',
      timeZone: 'Europe/London',
      dailyDigest: false,
    });
  });

  it('when the client ticks the digest and saves, then the server gets it and the page says Saved.', async () => {
    const user = userEvent.setup();
    await renderScreen((request) =>
      request.method === 'GET'
        ? { status: 200, body: stored }
        : { status: 200, body: { ...stored, ...JSON.parse(request.body) } },
    );
    await user.click(await screen.findByRole('checkbox', { name: /one summary email a day/ }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByText('Saved.')).toBeTruthy());
    expect(JSON.parse(api!.requests.find((r) => r.method === 'PUT')!.body).dailyDigest).toBe(true);
  });
});
