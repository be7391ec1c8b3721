import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { FormRequest, PortalSession } from '@confer/ui';
import { FormScreen } from '../../src/forms/FormScreen';
import { createLiveHub } from '../../src/live/live-hub';
import { PortalContext, type PortalContextValue } from '../../src/shell/portal-context';
import { startLoopbackApi, type LoopbackApi, type LoopbackHandler } from '../../../ui/test-support/loopback-api';

const REQUEST_ID = '0b6a7c1e-0000-4000-8000-0000000000f1';

const request: FormRequest = {
  id: REQUEST_ID,
  status: 'sent',
  answers: {},
  files: [],
  draftSavedAt: null,
  sentAt: '2026-11-30T10:00:00.000Z',
  submittedAt: null,
  documents: null,
  matterId: '0b6a7c1e-0000-4000-8000-0000000000f2',
  matter: { number: 'M-0042', title: 'Lease renewal' },
  contact: { id: '0b6a7c1e-0000-4000-8000-0000000000f3', name: 'Ana Client' },
  form: {
    id: '0b6a7c1e-0000-4000-8000-0000000000f4',
    title: 'New client intake',
    description: null,
    createdAt: '2026-11-01T10:00:00.000Z',
    fields: [
      { key: 'name', label: 'Full name', type: 'short_text', required: true },
      { key: 'story', label: 'What happened', type: 'long_text', required: false },
      { key: 'role', label: 'You are the', type: 'choice', required: true, options: ['Tenant', 'Landlord'] },
      { key: 'consent', label: 'I agree to the engagement terms', type: 'checkbox', required: true },
    ],
  },
};

let api: LoopbackApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function renderForm(handler: LoopbackHandler) {
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
        <FormScreen requestId={REQUEST_ID} />
      </PortalContext.Provider>
    </FluentProvider>,
  );
  return screen.findByRole('form', { name: 'New client intake' });
}

const answerFormRequest: LoopbackHandler = (incoming) => {
  if (incoming.method === 'GET') return { status: 200, body: request };
  const { answers } = JSON.parse(incoming.body) as { answers: FormRequest['answers'] };
  return {
    status: 200,
    body: { ...request, answers, status: 'submitted', submittedAt: '2026-12-01T09:30:00.000Z' },
  };
};

describe('portal form fields', () => {
  it('when required questions are left empty on Submit, then each says so in an alert beside it, the first has the focus, and nothing is sent', async () => {
    const user = userEvent.setup();
    const form = await renderForm(answerFormRequest);
    await user.click(within(form).getByRole('button', { name: 'Submit' }));
    const name = within(form).getByRole('textbox', { name: /Full name/ });
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(name.getAttribute('aria-invalid')).toBe('true');
    const alerts = within(form).getAllByRole('alert');
    expect(alerts.length).toBeGreaterThanOrEqual(3);
    expect(name.getAttribute('aria-describedby') ?? '').not.toBe('');
    expect(api?.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('when a question with an error is answered, then its error goes away', async () => {
    const user = userEvent.setup();
    const form = await renderForm(answerFormRequest);
    await user.click(within(form).getByRole('button', { name: 'Submit' }));
    const name = within(form).getByRole('textbox', { name: /Full name/ });
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    await user.type(name, 'Ana Client');
    expect(name.getAttribute('aria-invalid')).not.toBe('true');
  });

  it('when every question is answered by keyboard and the form submitted, then the answers are sent and the form shows as sent', async () => {
    const user = userEvent.setup();
    const form = await renderForm(answerFormRequest);
    await user.type(within(form).getByRole('textbox', { name: /Full name/ }), 'Ana Client');
    await user.type(
      within(form).getByRole('textbox', { name: /What happened/ }),
      'The lease ends{Shift>}{Enter}{/Shift}in May.',
    );
    await user.click(within(form).getByRole('radio', { name: 'Tenant' }));
    await user.click(within(form).getByRole('checkbox', { name: /I agree/ }));
    await user.click(within(form).getByRole('button', { name: 'Submit' }));
    expect((await screen.findByText('Form sent')).textContent).toBe('Form sent');
    const submit = api?.requests.find((r) => r.method === 'POST');
    expect(submit?.path).toBe(`/api/portal/v1/forms/${REQUEST_ID}/submit`);
    expect(JSON.parse(submit?.body ?? '{}')).toEqual({
      answers: { name: 'Ana Client', story: 'The lease ends\nin May.', role: 'Tenant', consent: true },
    });
  });

  it('when the form is being submitted, then Submit reads Submitting… and neither a second press nor Enter sends it again', async () => {
    const user = userEvent.setup();
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const form = await renderForm(async (incoming) => {
      if (incoming.method !== 'GET') await answered;
      return answerFormRequest(incoming);
    });
    await user.type(within(form).getByRole('textbox', { name: /Full name/ }), 'Ana Client');
    await user.click(within(form).getByRole('radio', { name: 'Landlord' }));
    await user.click(within(form).getByRole('checkbox', { name: /I agree/ }));
    await user.click(within(form).getByRole('button', { name: 'Submit' }));
    const submitting = await within(form).findByRole('button', { name: 'Submitting…' });
    expect(submitting.getAttribute('aria-disabled')).toBe('true');
    await user.click(submitting);
    await user.type(within(form).getByRole('textbox', { name: /Full name/ }), '{Enter}');
    answer();
    await screen.findByText('Form sent');
    expect(api?.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});
