import { useState } from 'react';
import { Field, Input } from '@fluentui/react-components';
import { isApiProblem, type Conversation } from '@confer/ui';
import { FormDialog } from '../extras/FormDialog';
import { useApi } from '../common/use-api';
import { t } from '../messages';

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
      setNameError(channel ? t.conversations.enterAChannelName : t.conversations.enterAName);
      return;
    }
    if (trimmed.length > MAX_NAME) {
      setNameError(t.conversations.useAtMost(MAX_NAME));
      return;
    }
    setBusy(true);
    setError(null);
    setNameError(undefined);
    try {
      onRenamed(await api.updateConversation(conversation.id, { name: trimmed }));
    } catch (e) {
      if (isApiProblem(e) && e.code === 'channel_name_taken') {
        setNameError(t.conversations.aChannelWithThis);
      } else {
        setError(e);
      }
      setBusy(false);
    }
  }

  return (
    <FormDialog
      open={open}
      title={channel ? t.conversations.renameChannel : t.conversations.renameConversation}
      subtitle={t.conversations.everyoneInItSees(conversation.title)}
      submitLabel={t.conversations.renameLabel}
      busyLabel={t.conversations.renaming}
      busy={busy}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field
        label={channel ? t.conversations.channelName : t.conversations.name}
        required
        validationMessage={nameError}
      >
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
