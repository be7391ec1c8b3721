import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { Acknowledgement } from '@confer/ui';
import { AcknowledgementStatus } from '../../src/acknowledgements/AcknowledgementStatus';
import { AcknowledgementsContext } from '../../src/acknowledgements/acknowledgements-context';

const messageId = '0b6a7c1e-0000-4000-8000-000000000301';
const hour = 3_600_000;
const base: Acknowledgement = {
  messageId,
  conversationId: '0b6a7c1e-0000-4000-8000-000000000302',
  kind: 'read',
  dueAt: new Date(Date.now() + 24 * hour).toISOString(),
  requestedAt: new Date(Date.now() - hour).toISOString(),
  requestedBy: { id: '0b6a7c1e-0000-4000-8000-000000000303', name: 'Alex Morgan' },
  acknowledgedAt: null,
  acknowledgedBy: null,
  acknowledgedVia: null,
  steps: [],
};

function renderStatus(ack: Acknowledgement | undefined) {
  render(
    <FluentProvider theme={webLightTheme}>
      <AcknowledgementsContext.Provider value={new Map(ack ? [[messageId, ack]] : [])}>
        <AcknowledgementStatus messageId={messageId} />
      </AcknowledgementsContext.Provider>
    </FluentProvider>,
  );
}

describe('acknowledgement status under a message', () => {
  it('when a message is not marked, then nothing is shown', () => {
    renderStatus(undefined);
    expect(screen.queryByText(/acknowledg/i)).toBeNull();
  });

  it('when a marked message waits, then it says what is needed by when, and which reminders went', () => {
    renderStatus({
      ...base,
      steps: [
        {
          step: 'halfway',
          dueAt: base.requestedAt,
          doneAt: base.requestedAt,
          outcome: 'reminded',
          detail: '1 of 1 emailed',
        },
        { step: 'late', dueAt: base.dueAt, doneAt: null, outcome: null, detail: null },
      ],
    });
    expect(screen.getByText(/^Needs acknowledgement by /)).toBeTruthy();
    expect(screen.getByText(/^\(reminders: emailed /)).toBeTruthy();
  });

  it('when the deadline passed without an answer, then it says so', () => {
    renderStatus({ ...base, kind: 'reply', dueAt: new Date(Date.now() - hour).toISOString() });
    expect(screen.getByText(/^No reply: was due /)).toBeTruthy();
  });

  it('when a client acknowledged, then staff see who and when', () => {
    renderStatus({
      ...base,
      acknowledgedAt: new Date().toISOString(),
      acknowledgedBy: { id: '0b6a7c1e-0000-4000-8000-000000000304', name: 'Jordan Ellis' },
      acknowledgedVia: 'portal',
    });
    expect(screen.getByText(/^Acknowledged by Jordan Ellis at /)).toBeTruthy();
    expect(screen.queryByText(/Needs acknowledgement/)).toBeNull();
  });
});
