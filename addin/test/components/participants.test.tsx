import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { Participant } from '@confer/ui';
import { ParticipantAvatar } from '../../src/conversations/ParticipantAvatar';
import { ParticipantList } from '../../src/conversations/ParticipantList';

function person(n: number, name: string, extra: Partial<Participant> = {}): Participant {
  return {
    id: `0b6a7c1e-0000-4000-8000-0000000003${String(n).padStart(2, '0')}`,
    kind: 'staff',
    staffId: `0b6a7c1e-0000-4000-8000-0000000004${String(n).padStart(2, '0')}`,
    contactId: null,
    contactKind: null,
    name,
    initials: name
      .split(' ')
      .map((w) => w[0])
      .join(''),
    joinedAt: '2026-12-01T09:00:00.000Z',
    leftAt: null,
    ...extra,
  } as Participant;
}

const alex = person(1, 'Alex Morgan');
const jordan = person(2, 'Jordan Ellis', { kind: 'contact', staffId: null, contactKind: 'client' });
const riley = person(3, 'Riley Stone', { kind: 'contact', staffId: null, contactKind: 'third_party' });
const gone = person(4, 'Former Colleague', { leftAt: '2026-12-02T09:00:00.000Z' });

describe('ParticipantList (the conversation header)', () => {
  it('when a conversation has a colleague, a client and a third party, then each is read out with their part and people who left are not', () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <ParticipantList participants={[alex, jordan, riley, gone]} />
      </FluentProvider>,
    );
    const list = screen.getByRole('list', { name: 'Participants (3)' });
    expect(within(list).getByRole('img', { name: 'Alex Morgan' }).textContent).toBe('AM');
    expect(within(list).getByRole('img', { name: 'Jordan Ellis (client)' }).textContent).toBe('JE');
    expect(within(list).getByRole('img', { name: 'Riley Stone (third party)' }).textContent).toBe('RS');
    expect(within(list).getAllByRole('img')).toHaveLength(3);
    expect(list.textContent).not.toContain('FC');
  });

  it('when more than six people take part, then six avatars show and the rest are named after "+N"', () => {
    const many = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => person(n, `Colleague ${n}`));
    render(
      <FluentProvider theme={webLightTheme}>
        <ParticipantList participants={many} />
      </FluentProvider>,
    );
    const list = screen.getByRole('list', { name: 'Participants (8)' });
    expect(within(list).getAllByRole('img')).toHaveLength(6);
    expect(list.textContent).toContain('+2');
    expect(list.textContent).toContain('and Colleague 7, Colleague 8');
  });
});

describe('ParticipantAvatar', () => {
  it('when a colleague appears in the header and beside their written name in the side pane, then both avatars look the same', () => {
    const { container } = render(
      <FluentProvider theme={webLightTheme}>
        <ParticipantAvatar participant={alex} label="Alex Morgan" />
        <ParticipantAvatar participant={alex} />
      </FluentProvider>,
    );
    const [labelled, decorative] = Array.from(container.querySelectorAll('.fui-Avatar'));
    expect(labelled?.getAttribute('aria-label')).toBe('Alex Morgan');
    expect(decorative?.getAttribute('aria-hidden')).toBe('true');
    expect(decorative?.hasAttribute('aria-label')).toBe(false);
    expect(decorative?.className).toBe(labelled?.className);
  });
});
