import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { ApiProblem, createApiClient, describeError, type Message } from '@confer/ui';
import { ApiContext } from '../../src/common/use-api';
import { MessageItem, type MessageItemProps } from '../../src/conversations/MessageItem';
import { problem, startLoopbackApi, type LoopbackApi } from '../../../ui/test-support/loopback-api';

const message: Message = {
  id: '0b6a7c1e-0000-4000-8000-000000000201',
  conversationId: '0b6a7c1e-0000-4000-8000-000000000202',
  seq: 7,
  body: 'See https://example.org/terms and <b>not bold</b>',
  author: { id: '0b6a7c1e-0000-4000-8000-000000000203', name: 'Sam Staff', initials: 'SS', kind: 'staff' },
  via: 'app',
  createdAt: '2026-12-01T09:30:00.000Z',
  editedAt: null,
  pinnedAt: null,
  pinnedBy: null,
  aboutDocument: null,
  notice: null,
  files: [],
  readBy: [],
  readCount: 0,
};

let api: LoopbackApi | undefined;
afterEach(async () => {
  // The menu's SMS resend talks to the API; none of these tests should reach it.
  expect(api?.requests).toEqual([]);
  await api?.close();
  api = undefined;
});

async function renderItem(props: Partial<MessageItemProps> = {}) {
  api = await startLoopbackApi(() => problem(500, 'unexpected', 'Unexpected request'));
  const edits: string[] = [];
  const pins: string[] = [];
  render(
    <FluentProvider theme={webLightTheme}>
      <ApiContext.Provider value={createApiClient({ baseUrl: api.origin })}>
        <ul>
          <MessageItem
            message={message}
            mine
            receipts={{ kind: 'names', receipts: [] }}
            highlighted={false}
            readOnly={false}
            onEdit={async (_m, body) => void edits.push(body)}
            onTogglePin={async (m) => void pins.push(m.id)}
            onShowRevisions={() => {}}
            onLoadReaders={async () => []}
            {...props}
          />
        </ul>
      </ApiContext.Provider>
    </FluentProvider>,
  );
  return { edits, pins };
}

async function openEditor(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: /^Actions for message from Sam Staff/ }));
  await user.click(await screen.findByRole('menuitem', { name: 'Edit' }));
  return screen.getByRole('textbox', { name: 'Edit message' });
}

describe('staff message item', () => {
  it('when a message holds markup and a URL, then the markup shows as text and the URL as a safe link', async () => {
    await renderItem();
    expect(screen.getByText(/<b>not bold<\/b>/)).toBeTruthy();
    expect(document.querySelector('b')).toBeNull();
    const link = screen.getByRole('link', { name: 'https://example.org/terms' });
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('when the author edits and presses Enter, then the new text is saved', async () => {
    const user = userEvent.setup();
    const { edits } = await renderItem();
    const box = await openEditor(user);
    expect(document.activeElement).toBe(box);
    await user.clear(box);
    await user.type(box, 'Corrected text{Shift>}{Enter}{/Shift}second line{Enter}');
    await waitFor(() => expect(edits).toEqual(['Corrected text\nsecond line']));
  });

  it('when the author presses Escape while editing, then nothing is saved and the message is shown again', async () => {
    const user = userEvent.setup();
    const { edits } = await renderItem();
    const box = await openEditor(user);
    await user.type(box, ' and more{Escape}');
    expect(screen.queryByRole('textbox', { name: 'Edit message' })).toBeNull();
    expect(edits).toEqual([]);
    expect(screen.getByText(/not bold/)).toBeTruthy();
  });

  it('when saving an edit fails, then an alert says Not saved and the editor keeps the text', async () => {
    const user = userEvent.setup();
    await renderItem({
      onEdit: async () => {
        throw new ApiProblem({ status: 409, code: 'edit_window_closed', title: 'Too late to edit' });
      },
    });
    const box = await openEditor(user);
    await user.type(box, '!{Enter}');
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Not saved: /);
    expect((box as HTMLTextAreaElement).value.endsWith('!')).toBe(true);
  });

  it('when pinning fails, then the reason is shown in an alert', async () => {
    const user = userEvent.setup();
    const refusal = new ApiProblem({ status: 403, code: 'forbidden', title: 'Not allowed' });
    await renderItem({
      onTogglePin: async () => {
        throw refusal;
      },
    });
    await user.click(screen.getByRole('button', { name: /^Actions for message from Sam Staff/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'Pin' }));
    expect((await screen.findByRole('alert')).textContent).toBe(describeError(refusal));
  });

  it('when the conversation is read-only, then another person’s message offers no Pin or Edit', async () => {
    await renderItem({ readOnly: true, mine: false });
    expect(screen.queryByRole('button', { name: /^Actions for message/ })).toBeNull();
  });
});
