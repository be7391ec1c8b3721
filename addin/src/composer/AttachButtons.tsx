import { lazy, Suspense, useRef } from 'react';
import { Button } from '@fluentui/react-components';
import { useComposerActionStyles } from './composer-styles';
import { AttachRegular, DocumentRegular } from '@fluentui/react-icons';
import type { Attachments } from './use-attachments';
import { useDialogState } from '../common/use-dialog-state';

const MatterDocumentPicker = lazy(() =>
  import('../files/MatterDocumentPicker').then((m) => ({ default: m.MatterDocumentPicker })),
);

type AttachButtonsProps = {
  attachments: Attachments;
  /** The matter of a matter conversation: its documents may be attached as copies. */
  matterId: string | null;
  disabled: boolean;
};

/** "Attach files" (a file picker) and, in matter conversations, "From matter documents". */
export function AttachButtons({ attachments, matterId, disabled }: AttachButtonsProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const actions = useComposerActionStyles();
  const picker = useDialogState();
  const pickerButton = useRef<HTMLButtonElement>(null);

  function closePicker() {
    picker.close();
    requestAnimationFrame(() => pickerButton.current?.focus());
  }

  return (
    <>
      <input
        ref={inputRef}
        type="file"
        multiple
        hidden
        aria-hidden="true"
        tabIndex={-1}
        data-testid="attach-files-input"
        onChange={(event) => {
          attachments.addFiles(Array.from(event.target.files ?? []));
          event.target.value = '';
        }}
      />
      <Button
        type="button"
        size="small"
        appearance="subtle"
        icon={<AttachRegular />}
        className={actions.action}
        aria-label="Attach files"
        title="Attach files"
        disabled={disabled}
        onClick={() => inputRef.current?.click()}
      >
        <span className={actions.label}>Attach files</span>
      </Button>
      {matterId && (
        <Button
          ref={pickerButton}
          type="button"
          size="small"
          appearance="subtle"
          icon={<DocumentRegular />}
          className={actions.action}
          aria-label="From matter documents"
          title="Attach from the matter's documents"
          disabled={disabled}
          onClick={() => picker.open(true)}
        >
          <span className={actions.label}>From matter documents</span>
        </Button>
      )}
      {matterId && picker.state && (
        <Suspense fallback={null}>
          <MatterDocumentPicker
            key={picker.state.key}
            open={picker.state.open}
            matterId={matterId}
            title="Attach matter documents"
            description="Each document's current version is sent as a copy with your message."
            confirmLabel="Attach"
            busyLabel="Attaching…"
            multiple
            onPick={(docs) => {
              attachments.addDocuments(docs.map((d) => ({ id: d.id, name: d.name, size: d.latest.size })));
              closePicker();
            }}
            onClose={closePicker}
          />
        </Suspense>
      )}
    </>
  );
}
