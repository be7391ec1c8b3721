import type { FormEvent, ReactNode } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  type DialogModalType,
} from '@fluentui/react-components';
import { ErrorNotice } from '@confer/ui/errors';
import { t } from '../messages';

type FormDialogProps = {
  open: boolean;
  title: ReactNode;
  /** A muted line above the fields saying what the dialog acts on (e.g. the matter). */
  subtitle?: ReactNode;
  /** The primary button's text while idle. */
  submitLabel: string;
  /** The primary button's text while `busy` (e.g. "Saving…"). */
  busyLabel?: string;
  busy?: boolean;
  /** Shown as a banner under the fields; null or undefined for none. */
  error?: unknown;
  cancelLabel?: string;
  modalType?: DialogModalType;
  contentClassName?: string;
  /** Called on submit (button or Enter) unless busy; the default form submission is already prevented. */
  onSubmit: () => void | Promise<void>;
  onClose: () => void;
  children: ReactNode;
};

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  subtitle: { color: tokens.colorNeutralForeground3 },
});

/**
 * A dialog around a form: title, fields, an error banner, then the primary submit button (disabled
 * but focusable while busy) and Cancel. Enter in a field submits; the caller validates in `onSubmit`.
 */
export function FormDialog({
  open,
  title,
  subtitle,
  submitLabel,
  busyLabel,
  busy = false,
  error,
  cancelLabel = t.extras.cancel,
  modalType,
  contentClassName,
  onSubmit,
  onClose,
  children,
}: FormDialogProps) {
  const styles = useStyles();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!busy) void onSubmit();
  }

  return (
    <Dialog open={open} modalType={modalType} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={mergeClasses(styles.content, contentClassName)}>
              {subtitle != null && <Text className={styles.subtitle}>{subtitle}</Text>}
              {children}
              {error != null && <ErrorNotice error={error} />}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabledFocusable={busy}>
                {busy && busyLabel ? busyLabel : submitLabel}
              </Button>
              <Button type="button" onClick={onClose}>
                {cancelLabel}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
