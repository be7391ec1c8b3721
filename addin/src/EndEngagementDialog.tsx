import { Text } from '@fluentui/react-components';
import type { Contact, Matter } from '@confer/ui';
import { ConfirmDialog } from './ConfirmDialog';
import { useApi } from './use-api';

type EndEngagementDialogProps = {
  open: boolean;
  matter: Matter;
  contact: Contact;
  onEnded: () => void;
  onClose: () => void;
};

/** Confirms ending a contact's engagement on a matter (their conversations become read-only). */
export function EndEngagementDialog({ open, matter, contact, onEnded, onClose }: EndEngagementDialogProps) {
  const api = useApi();
  return (
    <ConfirmDialog
      open={open}
      title={`End engagement with ${contact.name}?`}
      body={
        <>
          <Text>
            {contact.name} will no longer take part in conversations on {matter.number}. Those conversations are
            archived: the history stays readable, but nobody can send new messages in them.
          </Text>
          <Text>This cannot be undone from here.</Text>
        </>
      }
      confirmLabel="End engagement"
      busyLabel="Ending…"
      cancelLabel="Cancel"
      onConfirm={async () => {
        await api.endEngagement(matter.id, contact.id);
        onEnded();
      }}
      onClose={onClose}
    />
  );
}
