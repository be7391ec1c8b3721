import { useState, type FormEvent } from 'react';
import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { isApiProblem, type CreateStaffInput, type StaffRole } from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';

type AddStaffFormProps = {
  onAdd: (input: CreateStaffInput) => Promise<void>;
  onCancel: () => void;
};

const useStyles = makeStyles({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

type FieldName = 'name' | 'email' | 'role';

export function AddStaffForm({ onAdd, onCancel }: AddStaffFormProps) {
  const styles = useStyles();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('staff');
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Partial<Record<FieldName, string>> = {};
    if (!name.trim()) errors.name = 'Enter a name.';
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) errors.email = 'Enter an email address like name@firm.com.';
    setFieldErrors(errors);
    setError(null);
    if (Object.keys(errors).length > 0) return;

    setBusy(true);
    try {
      await onAdd({ name: name.trim(), email: email.trim(), role });
    } catch (e) {
      if (isApiProblem(e) && e.errors.length > 0) {
        const fromServer: Partial<Record<FieldName, string>> = {};
        for (const fe of e.errors) {
          const key = fe.field.split('.').pop();
          if (key === 'name' || key === 'email' || key === 'role') fromServer[key] = fe.message;
        }
        setFieldErrors(fromServer);
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={submit} aria-label="Add staff member" noValidate>
      <Field label="Name" required validationMessage={fieldErrors.name}>
        <Input value={name} onChange={(_, d) => setName(d.value)} autoComplete="off" />
      </Field>
      <Field label="Email" required validationMessage={fieldErrors.email}>
        <Input type="email" value={email} onChange={(_, d) => setEmail(d.value)} autoComplete="off" />
      </Field>
      <Field label="Role" validationMessage={fieldErrors.role}>
        <Select value={role} onChange={(_, d) => setRole(d.value as StaffRole)}>
          <option value="staff">Staff</option>
          <option value="admin">Admin</option>
        </Select>
      </Field>
      {error != null && <ErrorNotice error={error} />}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabledFocusable={busy}>
          {busy ? 'Adding…' : 'Add staff member'}
        </Button>
        <Button type="button" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
