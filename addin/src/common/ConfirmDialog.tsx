import { useState, type ReactNode } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import { FormDialog } from '../extras/FormDialog';
import { t } from '../messages';

type ConfirmDialogProps = {
  open: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  /** Defaults to "Keep it". */
  cancelLabel?: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
};

const useStyles = makeStyles({
  content: { gap: tokens.spacingVerticalS },
});

/** Asks before an action that cannot be undone; shows the error if it fails. */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  busyLabel,
  cancelLabel = t.common.keepIt,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }
  return (
    <FormDialog
      open={open}
      modalType="alert"
      title={title}
      submitLabel={confirmLabel}
      busyLabel={busyLabel}
      busy={busy}
      error={error}
      cancelLabel={cancelLabel}
      contentClassName={styles.content}
      onSubmit={confirm}
      onClose={onClose}
    >
      {body}
    </FormDialog>
  );
}
