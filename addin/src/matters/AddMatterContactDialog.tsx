import { useState } from 'react';
import {
  Field,
  Radio,
  RadioGroup,
  SearchBox,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { fieldErrorsOf, type Contact, type Matter, useDebouncedValue, useLoader } from '@confer/ui';
import { ContactDetailsFields } from './ContactDetailsFields';
import { ErrorNotice } from '@confer/ui/errors';
import { FormDialog } from '../extras/FormDialog';
import {
  EMPTY_CONTACT_DRAFT,
  checkContactDraft,
  contactFieldMessages,
  contactsToOffer,
  readNewContact,
} from './contact-form';
import { useApi } from '../common/use-api';
import { useContactDraft } from './use-contact-draft';
import { t } from '../messages';

type AddMatterContactDialogProps = {
  open: boolean;
  matter: Matter;
  /** Contacts already on the matter; they are not offered again. */
  linkedContactIds: ReadonlySet<string>;
  onAdded: (contact: Contact) => void;
  onClose: () => void;
};

type Mode = 'existing' | 'new';

const KIND_LABEL: Record<Contact['kind'], string> = { client: t.matters.clientKind, third_party: t.matters.thirdParty };

const useStyles = makeStyles({
  results: { maxHeight: '240px', overflowY: 'auto' },
  option: { display: 'flex', flexDirection: 'column' },
  detail: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Links a firm contact to a matter: one found by name or email, or a new one created here. */
export function AddMatterContactDialog({
  open,
  matter,
  linkedContactIds,
  onAdded,
  onClose,
}: AddMatterContactDialogProps) {
  const styles = useStyles();
  const api = useApi();
  const [mode, setMode] = useState<Mode>('existing');
  const [query, setQuery] = useState('');
  const q = useDebouncedValue(query.trim(), 250);
  const [selectedId, setSelectedId] = useState('');
  const { draft, change, fieldErrors, setFieldErrors } = useContactDraft(EMPTY_CONTACT_DRAFT);
  // Kept once created, so a retry after a failed link does not create the contact twice.
  const [created, setCreated] = useState<Contact | null>(null);
  const [pickError, setPickError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const search = useLoader(
    async (signal) => (await api.listContacts({ ...(q ? { q } : {}), limit: 25 }, { signal })).items,
    [api, q],
  );
  const offered = search.state.status === 'ready' ? contactsToOffer(search.state.data, linkedContactIds) : [];
  const selected = offered.find((c) => c.id === selectedId);

  async function addExisting() {
    if (!selected) {
      setPickError(t.matters.chooseAContactTo);
      return;
    }
    setBusy(true);
    try {
      await api.linkMatterContact(matter.id, selected.id);
      onAdded(selected);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  async function addNew() {
    const errors = checkContactDraft(draft);
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      const contact = created ?? (await api.createContact(readNewContact(draft)));
      setCreated(contact);
      await api.linkMatterContact(matter.id, contact.id);
      onAdded(contact);
    } catch (e) {
      const byField = contactFieldMessages(fieldErrorsOf(e));
      setFieldErrors(byField);
      if (Object.keys(byField).length === 0) setError(e);
      setBusy(false);
    }
  }

  function submit() {
    setError(null);
    void (mode === 'existing' ? addExisting() : addNew());
  }

  return (
    <FormDialog
      open={open}
      title={t.matters.addContactTo(matter.number)}
      submitLabel={t.matters.addToMatter}
      busyLabel={t.matters.adding}
      busy={busy}
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      <TabList
        selectedValue={mode}
        onTabSelect={(_, d) => {
          setMode(d.value as Mode);
          setError(null);
        }}
        aria-label={t.matters.howToAddThe}
      >
        <Tab value="existing">{t.matters.existingContact}</Tab>
        <Tab value="new">{t.matters.newContact}</Tab>
      </TabList>

      {mode === 'existing' ? (
        <>
          <Field label={t.matters.findAContact} hint={t.matters.searchTheFirmsContacts}>
            <SearchBox
              value={query}
              onChange={(_, d) => setQuery(d.value)}
              placeholder={t.matters.nameOrEmail}
              autoComplete="off"
            />
          </Field>
          {search.state.status === 'loading' && <Spinner size="tiny" label={t.matters.searchingContacts} />}
          {search.state.status === 'error' && <ErrorNotice error={search.state.error} onRetry={search.reload} />}
          {search.state.status === 'ready' &&
            (offered.length === 0 ? (
              <Text className={styles.muted}>{q ? t.matters.noContactsMatchThat : t.matters.everyFirmContactIs}</Text>
            ) : (
              <Field label={t.matters.contacts} validationMessage={pickError}>
                <RadioGroup
                  className={styles.results}
                  value={selectedId}
                  onChange={(_, d) => {
                    setSelectedId(d.value);
                    setPickError(undefined);
                  }}
                >
                  {offered.map((c) => (
                    <Radio
                      key={c.id}
                      value={c.id}
                      disabled={!c.active}
                      label={
                        <span className={styles.option}>
                          <span>{c.name}</span>
                          <Text size={200} className={styles.detail}>
                            {[KIND_LABEL[c.kind], c.email ?? t.matters.noEmail, c.active ? null : t.matters.inactive]
                              .filter(Boolean)
                              .join(' · ')}
                          </Text>
                        </span>
                      }
                    />
                  ))}
                </RadioGroup>
              </Field>
            ))}
        </>
      ) : (
        <ContactDetailsFields draft={draft} errors={fieldErrors} onChange={change} withKind />
      )}
    </FormDialog>
  );
}
