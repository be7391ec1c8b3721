import { Text } from '@fluentui/react-components';
import type { Contact, Matter } from '@confer/ui';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { useApi } from '../common/use-api';

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
            {contact.name} will no longer take part in conversations on {matter.number}. They keep reading what was said
            and shared until now, but see nothing new, and cannot send anything.
          </Text>
          <Text>
            A conversation that other clients or third parties of the matter are still in stays open for them. One with
            nobody else is archived for everyone: the history stays readable.
          </Text>
          <Text>Their events, forms and invoices on this matter are no longer shown to them.</Text>
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
