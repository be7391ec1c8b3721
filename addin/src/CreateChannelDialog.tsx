import { useMemo, useState, type FormEvent } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { isApiProblem, type Conversation, type Me } from '@confer/ui';
import { ErrorBanner } from './ErrorBanner';
import { StaffPicker } from './StaffPicker';
import { useApi } from './use-api';

type CreateChannelDialogProps = {
  open: boolean;
  me: Me;
  onClose: () => void;
  onCreated: (conversation: Conversation) => void;
};

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

const MAX_NAME = 80;

export function CreateChannelDialog({ open, me, onClose, onCreated }: CreateChannelDialogProps) {
  const styles = useStyles();
  const api = useApi();
  const [name, setName] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [nameError, setNameError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const exclude = useMemo(() => new Set([me.staff.id]), [me.staff.id]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError('Enter a channel name.');
      return;
    }
    if (trimmed.length > MAX_NAME) {
      setNameError(`Use at most ${MAX_NAME} characters.`);
      return;
    }
    setBusy(true);
    setError(null);
    setNameError(undefined);
    try {
      onCreated(
        await api.createConversation({
          kind: 'channel',
          name: trimmed,
          ...(selected.size > 0 ? { staffIds: [...selected] } : {}),
        }),
      );
    } catch (e) {
      if (isApiProblem(e) && e.code === 'channel_name_taken') {
        setNameError('A channel with this name already exists. Pick another name, or join it from Browse channels.');
      } else if (isApiProblem(e) && e.errors.some((fe) => fe.field.endsWith('name'))) {
        setNameError(e.errors.find((fe) => fe.field.endsWith('name'))?.message);
      } else {
        setError(e);
      }
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>New channel</DialogTitle>
            <DialogContent className={styles.content}>
              <Field label="Channel name" required validationMessage={nameError}>
                <Input
                  value={name}
                  maxLength={MAX_NAME}
                  onChange={(_, d) => {
                    setName(d.value);
                    setNameError(undefined);
                  }}
                  placeholder="e.g. conveyancing-team"
                  autoComplete="off"
                />
              </Field>
              <StaffPicker
                label="Add people (optional)"
                hint="Anyone in the firm can also find and join the channel."
                selected={selected}
                onChange={setSelected}
                excludeIds={exclude}
              />
              {error != null && <ErrorBanner error={error} />}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabledFocusable={busy}>
                {busy ? 'Creating…' : 'Create channel'}
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
