import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { Contact } from '@confer/ui';
import { ContactRow } from '../../src/matters/ContactRow';

const contact: Contact = {
  id: '0b6a7c1e-0000-4000-8000-000000000010',
  name: 'Riya Kapoor',
  email: 'riya.kapoor@mail.example',
  mobile: '+447400100200',
  kind: 'client',
  active: true,
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-01T09:00:00.000Z',
};

function renderRow(value: Contact) {
  render(
    <FluentProvider theme={webLightTheme}>
      <ul>
        <ContactRow contact={value} />
      </ul>
    </FluentProvider>,
  );
  return screen.getByRole('listitem');
}

describe('a contact’s notification choice in the staff app', () => {
  it('when the client chose SMS with quiet hours and a digest, then the line under them says so', () => {
    const row = renderRow({
      ...contact,
      notificationChoice: {
        channel: 'sms',
        quietStart: '22:00',
        quietEnd: '07:00',
        timeZone: 'Europe/London',
        dailyDigest: true,
      },
    });
    expect(row.textContent).toContain('Notified by SMS · quiet 22:00–07:00 Europe/London · daily digest');
  });

  it('when the client never chose, then the line says email and nothing more', () => {
    const row = renderRow({
      ...contact,
      notificationChoice: { channel: 'email', quietStart: null, quietEnd: null, timeZone: 'UTC', dailyDigest: false },
    });
    expect(row.textContent).toContain('Notified by email');
    expect(row.textContent).not.toContain('quiet');
  });

  it('when the contact comes without a choice (another list), then no notification line is shown', () => {
    const row = renderRow(contact);
    expect(row.textContent).not.toContain('Notified');
  });
});
