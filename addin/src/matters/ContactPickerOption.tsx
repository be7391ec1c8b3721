import { useId, useState } from 'react';
import { Badge, Button, Checkbox, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { describeError, isApiProblem, type Contact } from '@confer/ui';
import { t } from '../messages';

type ContactPickerOptionProps = {
  contact: Contact;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  /** Saves an email for a contact that has none; resolves with the updated contact. */
  onAddEmail: (email: string) => Promise<Contact>;
};

const KIND_LABEL: Record<Contact['kind'], string> = { client: t.matters.clientKind, third_party: t.matters.thirdParty };

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    padding: `${tokens.spacingVerticalXXS} 0`,
    ':not(:last-child)': { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  },
  row: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXS },
  note: { color: tokens.colorNeutralForeground3, paddingLeft: '32px' },
  form: {
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    alignItems: 'flex-start',
    paddingLeft: '32px',
    paddingBottom: tokens.spacingVerticalXS,
  },
  input: { flexGrow: 1, minWidth: 0 },
  error: { color: tokens.colorPaletteRedForeground1, paddingLeft: '32px' },
});

/**
 * One contact in the "new external conversation" picker. Without an email the contact cannot
 * be invited, so the checkbox stays disabled until an email is added right here.
 */
export function ContactPickerOption({ contact, checked, onCheckedChange, onAddEmail }: ContactPickerOptionProps) {
  const styles = useStyles();
  const noteId = useId();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const missingEmail = !contact.email;
  const disabled = missingEmail || !contact.active;

  async function saveEmail(event: { preventDefault: () => void }) {
    event.preventDefault(); // Enter here must not submit the dialog's form
    const value = email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
      setError(t.matters.enterAnEmailAddress);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onAddEmail(value);
      onCheckedChange(true);
    } catch (e) {
      const fieldMessage = isApiProblem(e) ? e.errors.find((fe) => fe.field.endsWith('email'))?.message : undefined;
      setError(fieldMessage ?? describeError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={styles.root}>
      <div className={styles.row}>
        <Checkbox
          label={contact.name}
          checked={checked && !disabled}
          disabled={disabled}
          aria-describedby={noteId}
          onChange={(_, d) => onCheckedChange(d.checked === true)}
        />
        <Badge size="small" appearance="tint" color={contact.kind === 'client' ? 'brand' : 'informative'}>
          {KIND_LABEL[contact.kind]}
        </Badge>
      </div>
      <Text size={200} id={noteId} className={styles.note}>
        {!contact.active
          ? t.matters.inactiveContactCannotBe
          : missingEmail
            ? t.matters.noEmailAddressAdd
            : contact.email}
      </Text>
      {missingEmail && contact.active && (
        // A nested <form> is not allowed inside the dialog's form, so this is a group with its own button.
        <div className={styles.form} role="group" aria-label={t.matters.addEmailFor(contact.name)}>
          <Input
            className={styles.input}
            size="small"
            type="email"
            aria-label={t.matters.emailFor(contact.name)}
            placeholder={t.matters.nameExampleCom}
            value={email}
            onChange={(_, d) => {
              setEmail(d.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void saveEmail(e);
            }}
            autoComplete="off"
          />
          <Button size="small" disabledFocusable={busy} onClick={(e) => void saveEmail(e)}>
            {busy ? t.matters.saving : t.matters.addEmail}
          </Button>
        </div>
      )}
      {error && (
        <Text size={200} role="alert" className={styles.error}>
          {error}
        </Text>
      )}
    </div>
  );
}
