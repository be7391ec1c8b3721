import { useState } from 'react';
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
  tokens,
} from '@fluentui/react-components';
import type { Contact, Matter } from '@confer/ui';
import { ErrorBanner } from './ErrorBanner';
import { useApi } from './use-api';

type EndEngagementDialogProps = {
  open: boolean;
  matter: Matter;
  contact: Contact;
  onEnded: () => void;
  onClose: () => void;
};

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** Confirms ending a contact's engagement on a matter (their conversations become read-only). */
export function EndEngagementDialog({ open, matter, contact, onEnded, onClose }: EndEngagementDialogProps) {
  const styles = useStyles();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await api.endEngagement(matter.id, contact.id);
      onEnded();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} modalType="alert" onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>End engagement with {contact.name}?</DialogTitle>
          <DialogContent className={styles.content}>
            <Text>
              {contact.name} will no longer take part in conversations on {matter.number}. Those conversations are
              archived: the history stays readable, but nobody can send new messages in them.
            </Text>
            <Text>This cannot be undone from here.</Text>
            {error != null && <ErrorBanner error={error} />}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabledFocusable={busy} onClick={() => void confirm()}>
              {busy ? 'Ending…' : 'End engagement'}
            </Button>
            <Button onClick={onClose}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
