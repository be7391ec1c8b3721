import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { PortalMessage } from '@confer/ui';
import { MessageItem } from '../../src/conversations/MessageItem';

const base: PortalMessage = {
  id: '0b6a7c1e-0000-4000-8000-000000000301',
  conversationId: '0b6a7c1e-0000-4000-8000-000000000302',
  seq: 3,
  body: 'Please read [the terms](https://example.org/terms) <script>alert(1)</script>',
  author: { id: '0b6a7c1e-0000-4000-8000-000000000303', name: 'Sam Staff', initials: 'SS', kind: 'staff' },
  mine: false,
  via: 'app',
  createdAt: '2026-12-01T09:30:00.000Z',
  editedAt: null,
  pinnedAt: null,
  aboutDocument: null,
  notice: null,
  files: [],
};

function renderItem(message: PortalMessage, onEdit?: (message: PortalMessage) => void) {
  render(
    <FluentProvider theme={webLightTheme}>
      <ul>
        <MessageItem message={message} onEdit={onEdit} />
      </ul>
    </FluentProvider>,
  );
}

describe('portal message item', () => {
  it('when the firm writes a link and markup, then the link shows where it goes and the markup stays text', () => {
    renderItem(base);
    const article = screen.getByRole('article', { name: /^Sam Staff, / });
    const link = within(article).getByRole('link', { name: 'the terms' });
    expect(link.getAttribute('href')).toBe('https://example.org/terms');
    expect(link.getAttribute('title')).toBe('https://example.org/terms');
    expect(article.textContent).toContain('<script>alert(1)</script>');
    expect(document.querySelector('script')).toBeNull();
  });

  it('when the message is the client’s own, then it reads You and its menu offers Edit', async () => {
    const user = userEvent.setup();
    const edited: string[] = [];
    renderItem({ ...base, mine: true, author: { ...base.author, kind: 'contact', name: 'Ana Client' } }, (m) =>
      edited.push(m.id),
    );
    expect(screen.getByRole('article', { name: /^You, / })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Options for your message' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Edit' }));
    expect(edited).toEqual([base.id]);
  });

  it('when the message is someone else’s, then there is no edit menu', () => {
    renderItem(base, () => {});
    expect(screen.queryByRole('button', { name: 'Options for your message' })).toBeNull();
  });

  it('when the message was edited and pinned, then both are shown', () => {
    renderItem({ ...base, editedAt: '2026-12-01T10:00:00.000Z', pinnedAt: '2026-12-01T10:05:00.000Z' });
    const article = screen.getByRole('article');
    expect(within(article).getByText('edited')).toBeTruthy();
    expect(article.textContent).toContain('pinned');
  });
});
