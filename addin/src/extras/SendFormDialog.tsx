import { useState } from 'react';
import { Button, Field, Select, Spinner } from '@fluentui/react-components';
import type { Contact, FormRequest, IntakeForm, Matter } from '@confer/ui';
import { CreateFormDialog } from './CreateFormDialog';
import { ErrorNotice } from '@confer/ui/errors';
import { FormDialog } from './FormDialog';
import { AddRegular } from '@fluentui/react-icons';
import { extrasFieldErrors } from './extras-field-errors';
import { useDialogState } from '../common/use-dialog-state';
import { useExtrasApi } from './use-extras-api';
import { useLoader } from '@confer/ui';
import { t } from '../messages';

type SendFormDialogProps = {
  open: boolean;
  matter: Matter;
  contacts: Contact[];
  onSent: (request: FormRequest) => void;
  onClose: () => void;
};

/** Says who will receive the form, and how. */
function recipientHint(contact: Contact | undefined): string {
  if (!contact) return t.extras.thePersonYouChoose;
  const who = t.extras.nameWithRole(
    contact.name,
    contact.kind === 'client' ? t.extras.roleClient : t.extras.roleThirdParty,
  );
  return contact.email ? t.extras.willReceiveAnEmail(who, contact.email) : t.extras.hasNoEmail(who);
}

/** Sends one of the firm's forms (or a new one) to a contact of the matter, who gets an email about it. */
export function SendFormDialog({ open, matter, contacts, onSent, onClose }: SendFormDialogProps) {
  const api = useExtrasApi();
  const forms = useLoader((signal) => api.listForms({ signal }).then((r) => r.items), [api]);
  const creating = useDialogState();
  const recipients = contacts.filter((c) => c.active);
  const [formId, setFormId] = useState('');
  // Nobody is chosen for the sender, unless the matter has exactly one client.
  const clients = recipients.filter((c) => c.kind === 'client');
  const [contactId, setContactId] = useState(clients.length === 1 ? clients[0]!.id : '');
  const recipient = recipients.find((c) => c.id === contactId);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const list = forms.state.status === 'ready' ? forms.state.data : [];
  const chosenForm = formId || list[0]?.id || '';

  async function submit() {
    const found: Record<string, string> = {};
    if (!chosenForm) found.formId = t.extras.chooseAFormOr;
    if (!contactId) found.contactId = t.extras.chooseWhoFillsIt;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setProblem(null);
    try {
      onSent(await api.sendFormRequest(matter.id, { formId: chosenForm, contactId }));
    } catch (error) {
      const byField = extrasFieldErrors(error);
      setErrors(byField);
      if (Object.keys(byField).length === 0) setProblem(error);
      setBusy(false);
    }
  }

  function created(form: IntakeForm) {
    forms.setData([form, ...list]);
    setFormId(form.id);
    creating.close();
  }

  return (
    <>
      <FormDialog
        open={open && !creating.state?.open}
        subtitle={`${matter.number} · ${matter.title}`}
        title={t.extras.sendAForm}
        submitLabel={t.extras.sendForm}
        busyLabel={t.extras.sending}
        busy={busy}
        error={problem}
        onSubmit={submit}
        onClose={onClose}
      >
        {forms.state.status === 'loading' && <Spinner size="tiny" label={t.extras.loadingForms} />}
        {forms.state.status === 'error' && <ErrorNotice error={forms.state.error} onRetry={forms.reload} />}
        <Field
          label={t.extras.form}
          required
          validationMessage={errors.formId}
          validationState={errors.formId ? 'error' : 'none'}
        >
          <Select value={chosenForm} onChange={(_, d) => setFormId(d.value)} disabled={list.length === 0}>
            {list.length === 0 && <option value="">{t.extras.noFormsYet}</option>}
            {list.map((form) => (
              <option key={form.id} value={form.id}>
                {form.title} ({form.fields.length}{' '}
                {form.fields.length === 1 ? t.extras.questionWord : t.extras.questions})
              </option>
            ))}
          </Select>
        </Field>
        <Button icon={<AddRegular />} onClick={() => creating.open(true)}>
          {t.extras.newForm}
        </Button>
        <Field
          label={t.extras.sendTo}
          required
          hint={recipientHint(recipient)}
          validationMessage={errors.contactId}
          validationState={errors.contactId ? 'error' : 'none'}
        >
          <Select
            value={contactId}
            onChange={(_, d) => {
              setContactId(d.value);
              setErrors((e) => ({ ...e, contactId: '' }));
            }}
            disabled={recipients.length === 0}
          >
            <option value="" disabled>
              {recipients.length === 0 ? t.extras.linkContactsToThis : t.extras.chooseWhoFillsItLabel}
            </option>
            {recipients.map((contact) => (
              <option key={contact.id} value={contact.id}>
                {contact.email ? `${contact.name} (${contact.email})` : contact.name} ·{' '}
                {contact.kind === 'client' ? t.extras.client : t.extras.thirdParty}
              </option>
            ))}
          </Select>
        </Field>
      </FormDialog>
      {creating.state && (
        <CreateFormDialog
          key={creating.state.key}
          open={creating.state.open}
          onCreated={created}
          onClose={creating.close}
        />
      )}
    </>
  );
}
