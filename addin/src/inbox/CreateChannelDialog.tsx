import { useMemo, useState } from 'react';
import { Field, Input } from '@fluentui/react-components';
import { isApiProblem, type Conversation, type Me } from '@confer/ui';
import { FormDialog } from '../extras/FormDialog';
import { StaffPicker } from '../common/StaffPicker';
import { useApi } from '../common/use-api';
import { t } from '../messages';

type CreateChannelDialogProps = {
  open: boolean;
  me: Me;
  onClose: () => void;
  onCreated: (conversation: Conversation) => void;
};

const MAX_NAME = 80;

export function CreateChannelDialog({ open, me, onClose, onCreated }: CreateChannelDialogProps) {
  const api = useApi();
  const [name, setName] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [nameError, setNameError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const exclude = useMemo(() => new Set([me.staff.id]), [me.staff.id]);

  async function submit() {
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError(t.inbox.enterAChannelName);
      return;
    }
    if (trimmed.length > MAX_NAME) {
      setNameError(t.inbox.useAtMost(MAX_NAME));
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
        setNameError(t.inbox.aChannelWithThis);
      } else if (isApiProblem(e) && e.errors.some((fe) => fe.field.endsWith('name'))) {
        setNameError(e.errors.find((fe) => fe.field.endsWith('name'))?.message);
      } else {
        setError(e);
      }
      setBusy(false);
    }
  }

  return (
    <FormDialog
      open={open}
      title={t.inbox.newChannel}
      submitLabel={t.inbox.createChannel}
      busyLabel={t.inbox.creating}
      busy={busy}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field label={t.inbox.channelName} required validationMessage={nameError}>
        <Input
          value={name}
          maxLength={MAX_NAME}
          onChange={(_, d) => {
            setName(d.value);
            setNameError(undefined);
          }}
          placeholder={t.inbox.eGConveyancingTeam}
          autoComplete="off"
        />
      </Field>
      <StaffPicker
        label={t.inbox.addPeopleOptional}
        hint={t.inbox.anyoneInTheFirm}
        selected={selected}
        onChange={setSelected}
        excludeIds={exclude}
      />
    </FormDialog>
  );
}
