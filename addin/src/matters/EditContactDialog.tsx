import { useState } from 'react';
import { fieldErrorsOf, type Contact } from '@confer/ui';
import { ContactDetailsFields } from './ContactDetailsFields';
import { ContactPasskeys } from './ContactPasskeys';
import { FormDialog } from '../extras/FormDialog';
import { checkContactDraft, contactFieldMessages, draftOfContact, readContactChanges } from './contact-form';
import { useApi } from '../common/use-api';
import { useContactDraft } from './use-contact-draft';
import { t } from '../messages';

type EditContactDialogProps = {
  open: boolean;
  contact: Contact;
  onSaved: (contact: Contact) => void;
  onClose: () => void;
};

/** Changes a contact's name, email and mobile (firm-wide: every matter they are on sees it); revokes their passkeys. */
export function EditContactDialog({ open, contact, onSaved, onClose }: EditContactDialogProps) {
  const api = useApi();
  const { draft, change, fieldErrors, setFieldErrors } = useContactDraft(() => draftOfContact(contact));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const errors = checkContactDraft(draft);
    setFieldErrors(errors);
    setError(null);
    if (Object.keys(errors).length > 0) return;
    const changes = readContactChanges(contact, draft);
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    try {
      onSaved(await api.updateContact(contact.id, changes));
    } catch (e) {
      const byField = contactFieldMessages(fieldErrorsOf(e));
      setFieldErrors(byField);
      if (Object.keys(byField).length === 0) setError(e);
      setBusy(false);
    }
  }

  return (
    <FormDialog
      open={open}
      title={t.matters.edit(contact.name)}
      submitLabel={t.matters.save}
      busyLabel={t.matters.saving}
      busy={busy}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      <ContactDetailsFields draft={draft} errors={fieldErrors} onChange={change} />
      <ContactPasskeys contact={contact} />
    </FormDialog>
  );
}
