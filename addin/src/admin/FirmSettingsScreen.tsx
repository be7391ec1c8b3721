import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { fieldErrorsOf, type FirmSettings, useLoader } from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import {
  readFirmSettingsForm,
  toFirmSettingsForm,
  type FirmSettingsField,
  type FirmSettingsForm,
} from './firm-settings-form';
import { useSmsApi } from '../sms/use-sms-api';
import { t } from '../messages';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { ...typographyStyles.subtitle1, margin: 0, ':focus': { outlineStyle: 'none' } },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
  },
  section: { ...typographyStyles.body1Strong, margin: 0 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  quiet: { color: tokens.colorNeutralForeground3 },
});

const FIELD_ORDER: FirmSettingsField[] = ['smsSenderNumber', 'smsAllowedCountries', 'unseenEmailDelayMinutes'];

/** Admins: the firm's texting settings and the delay before unseen messages are emailed. */
export function FirmSettingsScreen() {
  const styles = useStyles();
  const smsApi = useSmsApi();
  const { state, reload, setData } = useLoader((signal) => smsApi.getFirmSettings({ signal }), [smsApi]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section className={styles.root} aria-labelledby="settings-heading">
      <h2 id="settings-heading" ref={headingRef} tabIndex={-1} className={styles.heading}>
        {t.admin.firmSettings}
      </h2>
      {state.status === 'loading' && <Spinner label={t.admin.loadingSettings} />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ready' && <SettingsForm settings={state.data} onSaved={setData} />}
    </section>
  );
}

function SettingsForm({ settings, onSaved }: { settings: FirmSettings; onSaved: (s: FirmSettings) => void }) {
  const styles = useStyles();
  const smsApi = useSmsApi();
  const [form, setForm] = useState<FirmSettingsForm>(() => toFirmSettingsForm(settings));
  const [errors, setErrors] = useState<Partial<Record<FirmSettingsField, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const change = (field: FirmSettingsField) => (_: unknown, data: { value: string }) => {
    setForm((f) => ({ ...f, [field]: data.value }));
    setSaved(false);
  };

  function focusFirstError(found: Partial<Record<FirmSettingsField, string>>) {
    const first = FIELD_ORDER.find((f) => found[f]);
    if (first)
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus());
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    const read = readFirmSettingsForm(form);
    if (read.errors) {
      setErrors(read.errors);
      focusFirstError(read.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const updated = await smsApi.updateFirmSettings(read.input);
      onSaved(updated);
      setForm(toFirmSettingsForm(updated));
      setSaved(true);
    } catch (e) {
      const byField = fieldErrorsOf(e) as Partial<Record<FirmSettingsField, string>>;
      const known = FIELD_ORDER.some((f) => byField[f]);
      setErrors(byField);
      if (known) focusFirstError(byField);
      else setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form ref={formRef} className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
      <h3 className={styles.section}>{t.admin.textsSms}</h3>
      <Field
        label={t.admin.smsSenderNumber}
        hint={t.admin.smsSenderHint(
          settings.effectiveSmsSenderNumber && !settings.smsSenderNumber ? settings.effectiveSmsSenderNumber : null,
        )}
        validationMessage={errors.smsSenderNumber}
      >
        <Input name="smsSenderNumber" type="tel" value={form.smsSenderNumber} onChange={change('smsSenderNumber')} />
      </Field>
      {!settings.effectiveSmsSenderNumber && (
        <Text size={200} className={styles.quiet}>
          {t.admin.textingIsOffNo}
        </Text>
      )}
      <Field
        label={t.admin.countriesThatMayBe}
        hint={t.admin.twoLetterCountryCodes}
        validationMessage={errors.smsAllowedCountries}
        required
      >
        <Input name="smsAllowedCountries" value={form.smsAllowedCountries} onChange={change('smsAllowedCountries')} />
      </Field>
      <h3 className={styles.section}>{t.admin.emailNotifications}</h3>
      <Field
        label={t.admin.emailUnseenMessagesAfter}
        hint={t.admin.clientsWhoHaveNot}
        validationMessage={errors.unseenEmailDelayMinutes}
        required
      >
        <Input
          name="unseenEmailDelayMinutes"
          type="number"
          min={1}
          max={1440}
          value={form.unseenEmailDelayMinutes}
          onChange={change('unseenEmailDelayMinutes')}
        />
      </Field>
      {error != null && <ErrorNotice error={error} />}
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>{t.admin.settingsSaved}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabledFocusable={saving}>
          {saving ? t.admin.saving : t.admin.saveSettings}
        </Button>
      </div>
    </form>
  );
}
