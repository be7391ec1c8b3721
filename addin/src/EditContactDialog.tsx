import { useState, type FormEvent } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { fieldErrorsOf, type Contact } from '@confer/ui';
import { ContactDetailsFields } from './ContactDetailsFields';
import { ErrorBanner } from './ErrorBanner';
import {
  checkContactDraft,
  contactFieldMessages,
  draftOfContact,
  readContactChanges,
  type ContactDraft,
  type ContactFieldErrors,
} from './contact-form';
import { useApi } from './use-api';

type EditContactDialogProps = {
  open: boolean;
  contact: Contact;
  onSaved: (contact: Contact) => void;
  onClose: () => void;
};

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** Changes a contact's name, email and mobile (firm-wide: every matter they are on sees it). */
export function EditContactDialog({ open, contact, onSaved, onClose }: EditContactDialogProps) {
  const styles = useStyles();
  const api = useApi();
  const [draft, setDraft] = useState<ContactDraft>(() => draftOfContact(contact));
  const [fieldErrors, setFieldErrors] = useState<ContactFieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  function change(patch: Partial<ContactDraft>) {
    setDraft((prev) => ({ ...prev, ...patch }));
    setFieldErrors((prev) => {
      const next = { ...prev };
      for (const key of Object.keys(patch) as (keyof ContactDraft)[]) delete next[key];
      return next;
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
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
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>Edit {contact.name}</DialogTitle>
            <DialogContent className={styles.content}>
              <ContactDetailsFields draft={draft} errors={fieldErrors} onChange={change} />
              {error != null && <ErrorBanner error={error} />}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabledFocusable={busy}>
                {busy ? 'Saving…' : 'Save'}
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
