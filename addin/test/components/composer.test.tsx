import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { Composer } from '../../src/composer/Composer';

type Props = Parameters<typeof Composer>[0];

function renderComposer(props: Partial<Props> = {}) {
  const sent: string[] = [];
  const onSend = props.onSend ?? ((body: string) => void sent.push(body));
  render(
    <FluentProvider theme={webLightTheme}>
      <Composer conversationTitle="Smith v Jones" disabledReason={null} {...props} onSend={onSend} />
    </FluentProvider>,
  );
  return { sent, box: screen.getByRole('textbox', { name: 'Message Smith v Jones' }) };
}

describe('staff composer', () => {
  it('when the user types and presses Enter, then the text is sent and the box empties', async () => {
    const user = userEvent.setup();
    const { sent, box } = renderComposer();
    await user.type(box, 'We filed the claim today.{Enter}');
    expect(sent).toEqual(['We filed the claim today.']);
    expect(box).toHaveProperty('value', '');
  });

  it('when the user presses Shift+Enter, then a new line starts and nothing is sent', async () => {
    const user = userEvent.setup();
    const { sent, box } = renderComposer();
    await user.type(box, 'Line one{Shift>}{Enter}{/Shift}Line two');
    expect(sent).toEqual([]);
    expect(box).toHaveProperty('value', 'Line one\nLine two');
  });

  it('when the box holds only spaces, then Enter and Send send nothing', async () => {
    const user = userEvent.setup();
    const { sent, box } = renderComposer();
    await user.type(box, '   {Enter}');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(sent).toEqual([]);
  });

  it('when a question is put in the box (Ask the client), then it is there to edit, focused, and nothing is sent until Enter', async () => {
    const user = userEvent.setup();
    const { sent, box } = renderComposer({ prefill: { text: 'Was that you?', key: 1 } });
    await waitFor(() => expect(box).toHaveProperty('value', 'Was that you?'));
    expect(document.activeElement).toBe(box);
    expect(sent).toEqual([]);
    await user.type(box, ' Thanks.{Enter}');
    expect(sent).toEqual(['Was that you? Thanks.']);
  });

  it('when sending is turned off, then the box is disabled and says why', () => {
    const { box } = renderComposer({ disabledReason: 'Read-only: matter closed' });
    expect(box).toHaveProperty('disabled', true);
    expect(screen.getByText('Read-only: matter closed')).toBeTruthy();
    expect(box.getAttribute('aria-describedby')).toContain(screen.getByText('Read-only: matter closed').id);
  });

  it('when the text is over the limit, then an alert says by how much and Send does nothing', async () => {
    const user = userEvent.setup();
    const { sent, box } = renderComposer();
    await user.click(box);
    await user.paste('x'.repeat(2005));
    expect(screen.getByRole('alert').textContent).toBe(' · 5 too many');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    await user.keyboard('{Enter}');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(sent).toEqual([]);
  });

  it('when the send is still under way, then the text stays until it is confirmed, and stays after a failure', async () => {
    const user = userEvent.setup();
    let answer: (ok: boolean) => void = () => {};
    const { box } = renderComposer({ onSend: () => new Promise<boolean>((resolve) => (answer = resolve)) });
    await user.type(box, 'First try{Enter}');
    expect(box).toHaveProperty('value', 'First try');
    answer(false);
    await new Promise((r) => setTimeout(r, 0));
    expect(box).toHaveProperty('value', 'First try');
    await user.keyboard('{Enter}');
    answer(true);
    await waitFor(() => expect(box).toHaveProperty('value', ''));
  });
});
