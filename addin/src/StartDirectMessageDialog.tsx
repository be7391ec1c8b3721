import { useMemo, useState, type FormEvent } from 'react';
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
import type { Conversation, Me } from '@confer/ui';
import { ErrorBanner } from './ErrorBanner';
import { StaffPicker } from './StaffPicker';
import { useApi } from './use-api';

type StartDirectMessageDialogProps = {
  open: boolean;
  me: Me;
  onClose: () => void;
  onCreated: (conversation: Conversation) => void;
};

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  hint: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export function StartDirectMessageDialog({ open, me, onClose, onCreated }: StartDirectMessageDialogProps) {
  const styles = useStyles();
  const api = useApi();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const exclude = useMemo(() => new Set([me.staff.id]), [me.staff.id]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (selected.size === 0) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onCreated(await api.createConversation({ kind: 'direct', staffIds: [...selected] }));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>New direct message</DialogTitle>
            <DialogContent className={styles.content}>
              <Text className={styles.hint}>Pick one person for a private chat, or several for a small group.</Text>
              <StaffPicker
                label="People to message"
                selected={selected}
                onChange={(next) => {
                  setSelected(next);
                  setMissing(false);
                }}
                excludeIds={exclude}
              />
              {missing && (
                <Text role="alert" className={styles.error}>
                  Pick at least one person.
                </Text>
              )}
              {error != null && <ErrorBanner error={error} />}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabledFocusable={busy}>
                {busy ? 'Starting…' : 'Start'}
              </Button>
              <Button type="button" onClick={onClose}>
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
