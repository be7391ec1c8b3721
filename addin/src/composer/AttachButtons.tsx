import { lazy, Suspense, useRef } from 'react';
import { Button } from '@fluentui/react-components';
import { useComposerActionStyles } from './composer-styles';
import { AttachRegular, DocumentRegular } from '@fluentui/react-icons';
import type { Attachments } from './use-attachments';
import { useDialogState } from '../common/use-dialog-state';
import { t } from '../messages';

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
        aria-label={t.composer.attachFiles}
        title={t.composer.attachFiles}
        disabled={disabled}
        onClick={() => inputRef.current?.click()}
      >
        <span className={actions.label}>{t.composer.attachFiles}</span>
      </Button>
      {matterId && (
        <Button
          ref={pickerButton}
          type="button"
          size="small"
          appearance="subtle"
          icon={<DocumentRegular />}
          className={actions.action}
          aria-label={t.composer.fromMatterDocuments}
          title={t.composer.attachFromTheMatters}
          disabled={disabled}
          onClick={() => picker.open(true)}
        >
          <span className={actions.label}>{t.composer.fromMatterDocuments}</span>
        </Button>
      )}
      {matterId && picker.state && (
        <Suspense fallback={null}>
          <MatterDocumentPicker
            key={picker.state.key}
            open={picker.state.open}
            matterId={matterId}
            title={t.composer.attachMatterDocuments}
            description={t.composer.eachDocumentsCurrentVersion}
            confirmLabel={t.composer.attach}
            busyLabel={t.composer.attaching}
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
