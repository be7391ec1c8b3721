import { useState, type FormEvent } from 'react';
import { Button, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { isApiProblem, type CreateStaffInput, type StaffRole } from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import { t } from '../messages';

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
    if (!name.trim()) errors.name = t.admin.enterAName;
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) errors.email = t.admin.enterAnEmailAddress;
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
    <form className={styles.form} onSubmit={submit} aria-label={t.admin.addStaffMember} noValidate>
      <Field label={t.admin.name} required validationMessage={fieldErrors.name}>
        <Input value={name} onChange={(_, d) => setName(d.value)} autoComplete="off" />
      </Field>
      <Field label={t.admin.email} required validationMessage={fieldErrors.email}>
        <Input type="email" value={email} onChange={(_, d) => setEmail(d.value)} autoComplete="off" />
      </Field>
      <Field label={t.admin.role} validationMessage={fieldErrors.role}>
        <Select value={role} onChange={(_, d) => setRole(d.value as StaffRole)}>
          <option value="staff">{t.admin.staff}</option>
          <option value="admin">{t.admin.admin}</option>
        </Select>
      </Field>
      {error != null && <ErrorNotice error={error} />}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabledFocusable={busy}>
          {busy ? t.admin.adding : t.admin.addStaffMember}
        </Button>
        <Button type="button" onClick={onCancel}>
          {t.admin.cancel}
        </Button>
      </div>
    </form>
  );
}
