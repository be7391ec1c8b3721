import { useMemo, useState } from 'react';
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Conversation, Me } from '@confer/ui';
import { FormDialog } from '../extras/FormDialog';
import { StaffPicker } from '../common/StaffPicker';
import { useApi } from '../common/use-api';

type StartDirectMessageDialogProps = {
  open: boolean;
  me: Me;
  onClose: () => void;
  onCreated: (conversation: Conversation) => void;
};

const useStyles = makeStyles({
  content: { gap: tokens.spacingVerticalS },
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

  async function submit() {
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
    <FormDialog
      open={open}
      title="New direct message"
      submitLabel="Start"
      busyLabel="Starting…"
      busy={busy}
      error={error}
      contentClassName={styles.content}
      onSubmit={submit}
      onClose={onClose}
    >
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
    </FormDialog>
  );
}
