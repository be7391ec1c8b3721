import { useMemo, useState, type FormEvent } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Label,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { isApiProblem, type Contact, type Conversation, type Matter, type Me } from '@confer/ui';
import { ContactPickerOption } from './ContactPickerOption';
import { ErrorBanner } from './ErrorBanner';
import { StaffPicker } from './StaffPicker';
import { useApi } from './use-api';

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

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  contacts: {
    display: 'flex',
    flexDirection: 'column',
    maxHeight: '280px',
    overflowY: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `0 ${tokens.spacingHorizontalXS}`,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** Creates an external (clients, third parties) or internal (staff only) conversation on a matter. */
export function NewMatterConversationDialog(props: NewMatterConversationDialogProps) {
  const { open, kind, matter, contacts, me, onContactUpdated, onCreated, onClose } = props;
  const styles = useStyles();
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

  async function submit(event: FormEvent) {
    event.preventDefault();
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
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>{external ? 'New external conversation' : 'New internal conversation'}</DialogTitle>
            <DialogContent className={styles.content}>
              <Text className={styles.muted}>
                {matter.number} · {matter.title}
              </Text>
              {external && (
                <div className={styles.group}>
                  <Label id="contacts-label" weight="semibold" required>
                    Clients and third parties
                  </Label>
                  {sorted.length === 0 ? (
                    <Text className={styles.muted}>Link contacts to this matter first.</Text>
                  ) : (
                    <div role="group" aria-labelledby="contacts-label" className={styles.contacts}>
                      {sorted.map((contact) => (
                        <ContactPickerOption
                          key={contact.id}
                          contact={contact}
                          checked={contactIds.has(contact.id)}
                          onCheckedChange={(checked) => setContactChecked(contact.id, checked)}
                          onAddEmail={(email) => addEmail(contact, email)}
                        />
                      ))}
                    </div>
                  )}
                  {missing && (
                    <Text role="alert" size={200} className={styles.error}>
                      Pick at least one client or third party.
                    </Text>
                  )}
                </div>
              )}
              <StaffPicker
                label={external ? 'Colleagues to include (optional)' : 'Colleagues to include'}
                hint="You are included automatically."
                selected={staffIds}
                onChange={setStaffIds}
                excludeIds={exclude}
              />
              {external && (
                <Switch
                  checked={requireMfa}
                  onChange={(_, d) => setRequireMfa(d.checked)}
                  label="Require two-factor sign-in"
                />
              )}
              <Field label="Name (optional)" hint="Shown instead of the participants' names.">
                <Input value={name} maxLength={120} onChange={(_, d) => setName(d.value)} autoComplete="off" />
              </Field>
              {error != null && <ErrorBanner error={error} />}
            </DialogContent>
            <DialogActions>
              <Button type="submit" appearance="primary" disabledFocusable={busy}>
                {busy ? 'Creating…' : 'Create conversation'}
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
