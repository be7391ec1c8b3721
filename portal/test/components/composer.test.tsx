import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { PortalMessage, PortalSession } from '@confer/ui';
import { Composer } from '../../src/conversations/Composer';
import { useComposer } from '../../src/conversations/use-composer';
import { createLiveHub } from '../../src/live/live-hub';
import { PortalContext, type PortalContextValue } from '../../src/shell/portal-context';
import {
  startLoopbackApi,
  problem,
  type LoopbackApi,
  type LoopbackHandler,
} from '../../../ui/test-support/loopback-api';

const CONVERSATION = '0b6a7c1e-0000-4000-8000-000000000001';

let api: LoopbackApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

function sentMessage(body: string): PortalMessage {
  return {
    id: '0b6a7c1e-0000-4000-8000-0000000000aa',
    conversationId: CONVERSATION,
    seq: 1,
    body,
    author: { id: 'a', name: 'Ana Client', initials: 'AC', kind: 'contact' },
    mine: true,
    via: 'portal',
    createdAt: new Date().toISOString(),
    editedAt: null,
    pinnedAt: null,
    aboutDocument: null,
    notice: null,
    files: [],
  };
}

function ComposerWithState({ onSent }: { onSent: (message: PortalMessage) => void }) {
  const composer = useComposer(CONVERSATION, onSent);
  return <Composer composer={composer} conversationTitle="Your lease" />;
}

async function renderComposer(handler: LoopbackHandler, uploads = { maxBytes: 1024, maxFiles: 2 }) {
  api = await startLoopbackApi(handler);
  const context = {
    session: { firm: { id: 'firm-1' }, uploads } as unknown as PortalSession,
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
  const sent: PortalMessage[] = [];
  render(
    <FluentProvider theme={webLightTheme}>
      <PortalContext.Provider value={context}>
        <ComposerWithState onSent={(message) => sent.push(message)} />
      </PortalContext.Provider>
    </FluentProvider>,
  );
  return { sent, box: screen.getByRole('textbox', { name: 'Write a message' }) };
}

describe('portal composer', () => {
  it('when the client types and presses Enter, then the message is posted once and the box empties', async () => {
    const user = userEvent.setup();
    const { sent, box } = await renderComposer((request) => ({
      status: 201,
      body: sentMessage(JSON.parse(request.body).body),
    }));
    await user.type(box, 'Thank you, I have signed it.{Enter}');
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.body).toBe('Thank you, I have signed it.');
    expect(box).toHaveProperty('value', '');
    expect(api?.requests).toHaveLength(1);
    expect(api?.requests[0]?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when Shift+Enter is pressed, then a new line starts and nothing is sent', async () => {
    const user = userEvent.setup();
    const { box } = await renderComposer(() => ({ status: 500 }));
    await user.type(box, 'One{Shift>}{Enter}{/Shift}Two');
    expect(box).toHaveProperty('value', 'One\nTwo');
    expect(api?.requests).toEqual([]);
  });

  it('when a message is sending, then the box is read-only and Send is disabled until the answer', async () => {
    const user = userEvent.setup();
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const { box } = await renderComposer(async (request) => {
      await answered;
      return { status: 201, body: sentMessage(JSON.parse(request.body).body) };
    });
    await user.type(box, 'Are you there?{Enter}');
    const sending = await screen.findByRole('button', { name: 'Sending' });
    expect(sending).toHaveProperty('disabled', true);
    expect(box).toHaveProperty('readOnly', true);
    answer();
    await waitFor(() => expect(box).toHaveProperty('readOnly', false));
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);
  });

  it('when the server refuses the message, then it says Not sent in an alert and the text stays for a retry', async () => {
    const user = userEvent.setup();
    const { box } = await renderComposer(() => problem(409, 'conversation_archived', 'Conversation archived'));
    await user.type(box, 'Please call me{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not sent');
    expect(box).toHaveProperty('value', 'Please call me');
  });

  it('when a file over the size limit is attached, then an alert refuses it and Send stays disabled', async () => {
    const user = userEvent.setup();
    const { box } = await renderComposer(() => ({ status: 500 }), { maxBytes: 1024 * 1024, maxFiles: 2 });
    await user.type(box, 'Here is the scan');
    const scan = new File(['x'.repeat(1024 * 1024 + 1)], 'scan.pdf');
    await user.upload(screen.getByLabelText('Choose files to attach'), scan);
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^You can send up to 1 MB at a time; these files add up to/,
    );
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);
    await user.keyboard('{Enter}');
    expect(api?.requests).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Remove scan.pdf' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', false);
  });

  it('when more files than allowed are attached, then the alert says how many may go at once', async () => {
    const user = userEvent.setup();
    await renderComposer(() => ({ status: 500 }), { maxBytes: 1024 * 1024, maxFiles: 2 });
    await user.upload(screen.getByLabelText('Choose files to attach'), [
      new File(['a'], 'a.txt'),
      new File(['b'], 'b.txt'),
      new File(['c'], 'c.txt'),
    ]);
    expect((await screen.findByRole('alert')).textContent).toMatch(/up to 2 files at a time; 3 are selected/);
  });
});
