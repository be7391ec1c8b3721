import { useMemo, useState } from 'react';
import {
  Field,
  Radio,
  RadioGroup,
  Spinner,
  Switch,
  Text,
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { isApiProblem, type Contact, type Conversation, type Matter, type Me } from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import { FormDialog } from '../extras/FormDialog';
import { StaffPicker } from '../common/StaffPicker';
import { useApi } from '../common/use-api';
import { useLoader } from '@confer/ui';
import { ContactChecklist } from '../matters/ContactChecklist';
import { ContactPickerOption } from '../matters/ContactPickerOption';
import { AttachButtons } from '../composer/AttachButtons';
import { AttachmentTray } from '../composer/AttachmentTray';
import { useAttachments } from '../composer/use-attachments';
import { MAX_MESSAGE_LENGTH, countCharacters, formatCount } from '../composer/count-message-characters';
import { MatterCombobox, matterText } from './MatterCombobox';
import { useMessagingStore } from '../conversations/use-messaging';
import { t } from '../messages';

type NewMessageDialogProps = {
  open: boolean;
  me: Me;
  onClose: () => void;
  /** The conversation was created and its first message sent: open it. */
  onCreated: (conversation: Conversation) => void;
};

type Audience = 'external' | 'internal';

const useStyles = makeStyles({
  content: { gap: tokens.spacingVerticalM },
  error: { color: tokens.colorPaletteRedForeground1 },
  muted: { color: tokens.colorNeutralForeground3 },
  tools: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  count: { marginLeft: 'auto', color: tokens.colorNeutralForeground3, fontVariantNumeric: 'tabular-nums' },
  over: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  textarea: { width: '100%' },
});

/** Clients first, then by name (as the matter's own "new conversation" dialog orders them). */
const byKindThenName = (a: Contact, b: Contact) =>
  Number(b.kind === 'client') - Number(a.kind === 'client') || a.name.localeCompare(b.name);

/**
 * "New message" from the inbox, in one dialog: a matter (or none for a direct message), who
 * sees it (clients and third parties, or staff only), the people, two-factor sign-in, Send as
 * SMS, the text and files. Send creates the conversation, then sends the first message with
 * the composer's attachment code (one Idempotency-Key per draft); if that send fails the
 * conversation stays created and Send again only retries the message.
 */
export function NewMessageDialog({ open, me, onClose, onCreated }: NewMessageDialogProps) {
  const styles = useStyles();
  const api = useApi();
  const store = useMessagingStore();
  const [matter, setMatter] = useState<Matter | null>(null);
  const [audience, setAudience] = useState<Audience>('external');
  const [contactIds, setContactIds] = useState<Set<string>>(new Set());
  const [staffIds, setStaffIds] = useState<Set<string>>(new Set());
  const [requireMfa, setRequireMfa] = useState(true);
  const [sendAsSms, setSendAsSms] = useState(false);
  const [body, setBody] = useState('');
  const [created, setCreated] = useState<Conversation | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<{ field: 'people' | 'contacts' | 'body'; text: string } | null>(null);
  const [updatedContacts, setUpdatedContacts] = useState<Record<string, Contact>>({});
  const exclude = useMemo(() => new Set([me.staff.id]), [me.staff.id]);
  const attachments = useAttachments({ conversationId: created?.id ?? '', dropEnabled: false, onSent: () => {} });

  const external = matter !== null && audience === 'external';
  const { state: contactsState, reload: reloadContacts } = useLoader<Contact[]>(
    (signal) =>
      matter ? api.listMatterContacts(matter.id, { signal }).then((r) => r.items) : Promise.resolve<Contact[]>([]),
    [api, matter?.id],
  );
  const contacts = useMemo(
    () =>
      contactsState.status === 'ready'
        ? contactsState.data.map((c) => updatedContacts[c.id] ?? c).sort(byKindThenName)
        : [],
    [contactsState, updatedContacts],
  );
  const chosenContacts = contacts.filter((c) => contactIds.has(c.id) && c.email && c.active);
  // As the composer: offered in external matter conversations; here only once a chosen person
  // has a mobile on file. The server still applies every rule (opt-outs, countries, sender).
  const smsOffered = external && chosenContacts.some((c) => !!c.mobile);
  const length = countCharacters(body);
  const over = length > MAX_MESSAGE_LENGTH;
  const locked = created !== null || busy;
  const title = matter ? matterText(matter) : t.inbox.directMessage;

  function toggleContact(contactId: string, checked: boolean) {
    setContactIds((prev) => {
      const next = new Set(prev);
      if (checked) next.add(contactId);
      else next.delete(contactId);
      return next;
    });
    setProblem(null);
  }

  async function addEmail(contact: Contact, email: string) {
    const updated = await api.updateContact(contact.id, { email });
    setUpdatedContacts((prev) => ({ ...prev, [updated.id]: updated }));
    return updated;
  }

  function check(): typeof problem {
    if (!matter && staffIds.size === 0) return { field: 'people', text: t.inbox.pickAtLeastOne };
    if (external && chosenContacts.length === 0) {
      return { field: 'contacts', text: t.inbox.pickAtLeastOneContact };
    }
    if (!/\S/u.test(body) && !attachments.hasAny) return { field: 'body', text: t.inbox.writeAMessageOr };
    if (over) return { field: 'body', text: t.inbox.messageTooLong(formatCount(length - MAX_MESSAGE_LENGTH)) };
    return null;
  }

  async function create(): Promise<Conversation | null> {
    const staff = staffIds.size > 0 ? { staffIds: [...staffIds] } : {};
    try {
      const conversation = await api.createConversation(
        !matter
          ? { kind: 'direct', staffIds: [...staffIds] }
          : external
            ? {
                kind: 'external_matter',
                matterId: matter.id,
                ...staff,
                contactIds: chosenContacts.map((c) => c.id),
                requireMfa,
              }
            : { kind: 'internal_matter', matterId: matter.id, ...staff },
      );
      setCreated(conversation);
      store.upsertConversation(conversation);
      return conversation;
    } catch (e) {
      setError(e);
      // Someone removed an email meanwhile: reload the contacts so that row offers "Add email".
      if (isApiProblem(e) && e.code === 'contact_email_required') reloadContacts();
      return null;
    }
  }

  async function submit() {
    const found = check();
    setProblem(found);
    if (found) return;
    setBusy(true);
    setError(null);
    const conversation = created ?? (await create());
    if (!conversation) {
      setBusy(false);
      return;
    }
    const sent = await attachments.send(body, { sendAsSms: smsOffered && sendAsSms, conversationId: conversation.id });
    setBusy(false);
    if (sent) onCreated(conversation);
  }

  const contactsBody =
    contactsState.status === 'loading' ? (
      <Spinner size="tiny" label={t.inbox.loadingTheMattersContacts} />
    ) : contactsState.status === 'error' ? (
      <ErrorNotice error={contactsState.error} onRetry={reloadContacts} />
    ) : (
      <ContactChecklist
        labelId="new-message-contacts"
        label={t.inbox.clientsAndThirdParties}
        required
        empty={contacts.length === 0}
        error={problem?.field === 'contacts' ? problem.text : null}
        maxHeight="200px"
      >
        {contacts.map((contact) => (
          <ContactPickerOption
            key={contact.id}
            contact={contact}
            checked={contactIds.has(contact.id)}
            onCheckedChange={(checked) => toggleContact(contact.id, checked)}
            onAddEmail={(email) => addEmail(contact, email)}
          />
        ))}
      </ContactChecklist>
    );

  return (
    <FormDialog
      open={open}
      title={t.inbox.newMessage}
      submitLabel={created ? t.inbox.sendAgain : t.inbox.send}
      busyLabel={t.inbox.sending}
      busy={busy || attachments.uploading}
      error={error}
      contentClassName={styles.content}
      onSubmit={submit}
      onClose={onClose}
    >
      {created && (
        <Text role="status" className={styles.muted}>
          {t.inbox.theConversationWasCreated(created.title)}
        </Text>
      )}
      <MatterCombobox
        value={matter}
        disabled={locked}
        onChange={(next) => {
          setMatter(next);
          setContactIds(new Set());
          setStaffIds(new Set());
          setProblem(null);
        }}
      />
      {matter && (
        <RadioGroup
          aria-label={t.inbox.whoSeesIt}
          value={audience}
          disabled={locked}
          onChange={(_, d) => setAudience(d.value as Audience)}
        >
          <Radio value="external" label={t.inbox.externalWithTheMatters} />
          <Radio value="internal" label={t.inbox.internalStaffOnly} />
        </RadioGroup>
      )}
      {external && !created && contactsBody}
      {!created && (
        <StaffPicker
          key={matter?.id ?? 'direct'}
          label={matter ? t.inbox.colleaguesToIncludeOptional : t.inbox.peopleToMessage}
          hint={matter ? t.inbox.youAreIncludedAutomatically : t.inbox.onePersonForA}
          selected={staffIds}
          onChange={(next) => {
            setStaffIds(next);
            setProblem(null);
          }}
          excludeIds={exclude}
          matterId={matter?.id ?? null}
        />
      )}
      {problem?.field === 'people' && (
        <Text role="alert" className={styles.error}>
          {problem.text}
        </Text>
      )}
      {external && (
        <Switch
          checked={requireMfa}
          disabled={locked}
          onChange={(_, d) => setRequireMfa(d.checked)}
          label={t.inbox.requireTwoFactorSign}
        />
      )}
      {smsOffered && (
        <Switch
          checked={sendAsSms}
          disabled={busy}
          onChange={(_, d) => setSendAsSms(d.checked)}
          label={t.inbox.sendAsSms}
        />
      )}
      {smsOffered && sendAsSms && (
        <Text size={200} className={styles.muted}>
          {t.inbox.textedToEachChosen}
        </Text>
      )}
      <Field
        label={t.inbox.message}
        validationState={problem?.field === 'body' ? 'error' : undefined}
        validationMessage={problem?.field === 'body' ? problem.text : undefined}
      >
        <Textarea
          className={styles.textarea}
          value={body}
          rows={4}
          resize="vertical"
          disabled={busy}
          onChange={(_, d) => {
            setBody(d.value);
            if (problem?.field === 'body') setProblem(null);
          }}
        />
      </Field>
      <AttachmentTray attachments={attachments} conversationTitle={title} />
      <div className={styles.tools}>
        <AttachButtons attachments={attachments} matterId={matter?.id ?? null} disabled={busy} />
        <Text size={200} className={mergeClasses(styles.count, over && styles.over)}>
          {formatCount(length)} / {formatCount(MAX_MESSAGE_LENGTH)}
        </Text>
      </div>
    </FormDialog>
  );
}
