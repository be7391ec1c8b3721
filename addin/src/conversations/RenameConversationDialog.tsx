import { useState } from 'react';
import { Field, Input } from '@fluentui/react-components';
import { isApiProblem, type Conversation } from '@confer/ui';
import { FormDialog } from '../extras/FormDialog';
import { useApi } from '../common/use-api';

type RenameConversationDialogProps = {
  open: boolean;
  conversation: Conversation;
  onRenamed: (conversation: Conversation) => void;
  onClose: () => void;
};

const MAX_NAME = 80;

/** Renames a channel (or names a matter conversation); everyone in it sees the new name at once. */
export function RenameConversationDialog({ open, conversation, onRenamed, onClose }: RenameConversationDialogProps) {
  const api = useApi();
  const channel = conversation.kind === 'channel';
  const [name, setName] = useState(conversation.name ?? '');
  const [nameError, setNameError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit() {
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError(channel ? 'Enter a channel name.' : 'Enter a name.');
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
      onRenamed(await api.updateConversation(conversation.id, { name: trimmed }));
    } catch (e) {
      if (isApiProblem(e) && e.code === 'channel_name_taken') {
        setNameError('A channel with this name already exists. Pick another name.');
      } else {
        setError(e);
      }
      setBusy(false);
    }
  }

  return (
    <FormDialog
      open={open}
      title={channel ? 'Rename channel' : 'Rename conversation'}
      subtitle={`Everyone in it sees the new name. Now: ${conversation.title}`}
      submitLabel="Rename"
      busyLabel="Renaming…"
      busy={busy}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field label={channel ? 'Channel name' : 'Name'} required validationMessage={nameError}>
        <Input
          value={name}
          maxLength={MAX_NAME}
          autoComplete="off"
          onChange={(_, d) => {
            setName(d.value);
            setNameError(undefined);
          }}
        />
      </Field>
    </FormDialog>
  );
}
