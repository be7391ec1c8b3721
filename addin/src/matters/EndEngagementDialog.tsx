import { Text } from '@fluentui/react-components';
import type { Contact, Matter } from '@confer/ui';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { useApi } from '../common/use-api';
import { t } from '../messages';

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
      title={t.matters.endEngagementTitle(contact.name)}
      body={
        <>
          <Text>{t.matters.willNoLongerTake(contact.name, matter.number)}</Text>
          <Text>{t.matters.aConversationThatOther}</Text>
          <Text>{t.matters.theirEventsFormsAnd}</Text>
          <Text>{t.matters.thisCannotBeUndone}</Text>
        </>
      }
      confirmLabel={t.matters.endEngagement}
      busyLabel={t.matters.ending}
      cancelLabel={t.matters.cancel}
      onConfirm={async () => {
        await api.endEngagement(matter.id, contact.id);
        onEnded();
      }}
      onClose={onClose}
    />
  );
}
