import { useMemo, useState } from 'react';
import { Field, Input, Switch } from '@fluentui/react-components';
import { isApiProblem, type Contact, type Conversation, type Matter, type Me } from '@confer/ui';
import { ContactChecklist } from './ContactChecklist';
import { ContactPickerOption } from './ContactPickerOption';
import { FormDialog } from '../extras/FormDialog';
import { StaffPicker } from '../common/StaffPicker';
import { useApi } from '../common/use-api';
import { t } from '../messages';

type NewMatterConversationDialogProps = {
  open: boolean;
  kind: 'external_matter' | 'internal_matter';
  matter: Matter;
  contacts: Contact[];
  me: Me;
  onContactUpdated: (contact: Contact) => void;
  onCreated: (conversation: Conversation) => void;
  onClose: () => void;
};

/** Creates an external (clients, third parties) or internal (staff only) conversation on a matter. */
export function NewMatterConversationDialog(props: NewMatterConversationDialogProps) {
  const { open, kind, matter, contacts, me, onContactUpdated, onCreated, onClose } = props;
  const api = useApi();
  const external = kind === 'external_matter';
  const [name, setName] = useState('');
  const [contactIds, setContactIds] = useState<Set<string>>(new Set());
  const [staffIds, setStaffIds] = useState<Set<string>>(new Set());
  const [requireMfa, setRequireMfa] = useState(true);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const exclude = useMemo(() => new Set([me.staff.id]), [me.staff.id]);
  const sorted = useMemo(
    () =>
      [...contacts].sort(
        (a, b) => Number(b.kind === 'client') - Number(a.kind === 'client') || a.name.localeCompare(b.name),
      ),
    [contacts],
  );

  function setContactChecked(contactId: string, checked: boolean) {
    setContactIds((prev) => {
      const next = new Set(prev);
      if (checked) next.add(contactId);
      else next.delete(contactId);
      return next;
    });
    setMissing(false);
  }

  async function addEmail(contact: Contact, email: string) {
    const updated = await api.updateContact(contact.id, { email });
    onContactUpdated(updated);
    return updated;
  }

  async function submit() {
    const chosen = sorted.filter((c) => contactIds.has(c.id) && c.email && c.active).map((c) => c.id);
    if (external && chosen.length === 0) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    const trimmed = name.trim();
    const common = {
      matterId: matter.id,
      ...(trimmed ? { name: trimmed } : {}),
      ...(staffIds.size > 0 ? { staffIds: [...staffIds] } : {}),
    };
    try {
      const created = await api.createConversation(
        external
          ? { kind: 'external_matter', ...common, contactIds: chosen, requireMfa }
          : { kind: 'internal_matter', ...common },
      );
      onCreated(created);
    } catch (e) {
      setError(e);
      setBusy(false);
      if (isApiProblem(e) && e.code === 'contact_email_required') {
        // Someone removed an email meanwhile: reload that contact so its row offers "Add email".
        for (const id of chosen) {
          api.getContact(id).then(onContactUpdated, () => undefined);
        }
      }
    }
  }

  return (
    <FormDialog
      open={open}
      subtitle={`${matter.number} · ${matter.title}`}
      title={external ? t.matters.newExternalConversation : t.matters.newInternalConversation}
      submitLabel={t.matters.createConversation}
      busyLabel={t.matters.creating}
      busy={busy}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      {external && (
        <ContactChecklist
          labelId="contacts-label"
          label={t.matters.clientsAndThirdPartiesLabel}
          required
          empty={sorted.length === 0}
          error={missing ? t.matters.pickAtLeastOne : null}
          maxHeight="280px"
        >
          {sorted.map((contact) => (
            <ContactPickerOption
              key={contact.id}
              contact={contact}
              checked={contactIds.has(contact.id)}
              onCheckedChange={(checked) => setContactChecked(contact.id, checked)}
              onAddEmail={(email) => addEmail(contact, email)}
            />
          ))}
        </ContactChecklist>
      )}
      <StaffPicker
        label={external ? t.matters.colleaguesToIncludeOptional : t.matters.colleaguesToInclude}
        hint={t.matters.youAreIncludedAutomatically}
        selected={staffIds}
        onChange={setStaffIds}
        excludeIds={exclude}
        matterId={matter.id}
      />
      {external && (
        <Switch
          checked={requireMfa}
          onChange={(_, d) => setRequireMfa(d.checked)}
          label={t.matters.requireTwoFactorSign}
        />
      )}
      <Field label={t.matters.nameOptional} hint={t.matters.shownInsteadOfThe}>
        <Input value={name} maxLength={120} onChange={(_, d) => setName(d.value)} autoComplete="off" />
      </Field>
    </FormDialog>
  );
}
