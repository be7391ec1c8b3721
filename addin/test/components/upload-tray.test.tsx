import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { UploadLimitsProvider, createApiClient, type Message } from '@confer/ui';
import { FileUploadProgress } from '@confer/ui/components';
import { ApiContext } from '../../src/common/use-api';
import { Composer } from '../../src/composer/Composer';
import { buildComposerAttachments } from '../../src/composer/build-composer-attachments';
import { useAttachments } from '../../src/composer/use-attachments';
import { startLoopbackApi, type LoopbackApi, type LoopbackHandler } from '../../../ui/test-support/loopback-api';

const CONVERSATION = '0b6a7c1e-0000-4000-8000-000000000101';
const MB = 1024 * 1024;

let api: LoopbackApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

function ComposerWithFiles({ onSent }: { onSent: (message: Message) => void }) {
  const attachments = useAttachments({ conversationId: CONVERSATION, dropEnabled: true, onSent });
  return (
    <Composer
      conversationTitle="Smith v Jones"
      disabledReason={null}
      onSend={(body) => attachments.send(body)}
      attachments={buildComposerAttachments(attachments, {
        conversationTitle: 'Smith v Jones',
        matterId: null,
        disabled: false,
      })}
    />
  );
}

async function renderTray(handler: LoopbackHandler, limits = { maxBytes: MB, maxFiles: 2 }) {
  api = await startLoopbackApi(handler);
  const client = createApiClient({ baseUrl: api.origin, getToken: () => 'staff-token' });
  const sent: Message[] = [];
  render(
    <FluentProvider theme={webLightTheme}>
      <ApiContext.Provider value={client}>
        <UploadLimitsProvider limits={limits}>
          <ComposerWithFiles onSent={(message) => sent.push(message)} />
        </UploadLimitsProvider>
      </ApiContext.Provider>
    </FluentProvider>,
  );
  return { sent, input: screen.getByTestId('attach-files-input') as HTMLInputElement };
}

describe('staff upload tray', () => {
  it('when files are attached, then each is listed with its size and can be removed', async () => {
    const user = userEvent.setup();
    const { input } = await renderTray(() => ({ status: 500 }));
    await user.upload(input, [new File(['a'.repeat(2048)], 'lease.pdf'), new File(['b'], 'note.txt')]);
    const list = screen.getByRole('list', { name: 'Files to send' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([expect.stringContaining('lease.pdf'), expect.stringContaining('note.txt')]);
    expect(screen.getByText('Attached: 2 files')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Remove lease.pdf' }));
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
  });

  it('when the files are over the size limit, then an alert refuses them and Send does nothing until one is removed', async () => {
    const user = userEvent.setup();
    const { input } = await renderTray(() => ({ status: 500 }));
    await user.upload(input, new File(['x'.repeat(MB + 1)], 'scan.tiff'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^A message can carry up to 1 MB; these files add up to 1\.0 MB/);
    const send = screen.getByRole('button', { name: 'Send' });
    expect(send.getAttribute('aria-disabled')).toBe('true');
    await user.click(send);
    expect(api?.requests).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Remove scan.tiff' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('when more files are attached than one message may carry, then the alert says how many to remove', async () => {
    const user = userEvent.setup();
    const { input } = await renderTray(() => ({ status: 500 }));
    await user.upload(input, [new File(['a'], 'a.txt'), new File(['b'], 'b.txt'), new File(['c'], 'c.txt')]);
    expect((await screen.findByRole('alert')).textContent).toMatch(/up to 2 files; 3 are selected\. Remove 1/);
  });

  it('when text alone is sent, then it goes to the API once with the bearer token and an Idempotency-Key', async () => {
    const user = userEvent.setup();
    const { sent } = await renderTray((request) => ({
      status: 201,
      body: { id: 'm-1', body: (JSON.parse(request.body) as { body: string }).body },
    }));
    await user.type(screen.getByRole('textbox', { name: 'Message Smith v Jones' }), 'Draft attached tomorrow.{Enter}');
    await waitFor(() => expect(sent).toHaveLength(1));
    const request = api?.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.path).toContain(`/api/v1/conversations/${CONVERSATION}/`);
    expect(request?.headers.authorization).toBe('Bearer staff-token');
    expect(request?.headers['idempotency-key']).toBeTruthy();
    expect(JSON.parse(request?.body ?? '{}')).toMatchObject({ body: 'Draft attached tomorrow.' });
  });
});

describe('upload progress (shared)', () => {
  it('when a file is part way, then its bar and hint show the share; when done, it says Uploaded', () => {
    const { rerender } = render(
      <FluentProvider theme={webLightTheme}>
        <FileUploadProgress name="lease.pdf" size={2048} value={0.42} />
      </FluentProvider>,
    );
    expect(screen.getByText('lease.pdf (2 KB)')).toBeTruthy();
    expect(screen.getByText('42%')).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0.42');
    rerender(
      <FluentProvider theme={webLightTheme}>
        <FileUploadProgress name="lease.pdf" size={2048} value={1} />
      </FluentProvider>,
    );
    expect(screen.getByText('Uploaded')).toBeTruthy();
  });
});
