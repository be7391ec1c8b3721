import { useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { fieldErrorsOf, useLoader, type NotificationChannel, type NotificationChoice } from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import { Loading } from '../common/Loading';
import { Page } from '../common/Page';
import { portalClient } from '../session/portal-client';
import { usePortal } from '../shell/portal-context';
import { t } from '../messages';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '520px' },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
  fieldset: {
    border: 'none',
    margin: 0,
    padding: 0,
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold },
  hint: { color: tokens.colorNeutralForeground3 },
  times: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  time: { flex: '1 1 120px', minWidth: 0 },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

/** The browser's own zone, the form's default when the client never chose one. */
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function zonesWith(zone: string): string[] {
  const all = Intl.supportedValuesOf('timeZone');
  return all.includes(zone) ? all : [zone, ...all];
}

type TDraft = { channel: NotificationChannel; quietFrom: string; quietTo: string; timeZone: string; digest: boolean };

const draftOf = (choice: NotificationChoice, never: boolean): TDraft => ({
  channel: choice.channel,
  quietFrom: choice.quietStart ?? '',
  quietTo: choice.quietEnd ?? '',
  // a client who never chose gets their browser's zone, not the server's default
  timeZone: never ? browserZone() : choice.timeZone,
  digest: choice.dailyDigest,
});

/** How the client is told of new messages from this firm: channel, quiet hours in their zone, daily digest. */
export function NotificationChoicesScreen() {
  const styles = useStyles();
  const { session } = usePortal();
  const loaded = useLoader((signal) => portalClient.getNotificationChoice({ signal }), [session.firm.id]);
  const [draft, setDraft] = useState<TDraft | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const choice = loaded.data;

  useEffect(() => {
    if (!choice) return;
    setDraft(draftOf(choice, !choice.chosen));
  }, [choice]);
  const zones = useMemo(() => zonesWith(draft?.timeZone ?? browserZone()), [draft?.timeZone]);
  const fieldErrors = fieldErrorsOf(error);

  const change = (patch: Partial<TDraft>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setSaved(false);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setSaving(true);
    setError(null);
    try {
      const result = await portalClient.saveNotificationChoice({
        channel: draft.channel,
        quietStart: draft.quietFrom || null,
        quietEnd: draft.quietTo || null,
        timeZone: draft.timeZone,
        dailyDigest: draft.digest,
      });
      setDraft(draftOf(result, false));
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Page title={t.shell.notifications}>
      {loaded.error ? <ErrorNotice error={loaded.error} onRetry={loaded.reload} /> : null}
      {!draft && loaded.loading ? <Loading label={t.settings.loading} /> : null}
      {draft ? (
        <form className={styles.form} onSubmit={save} noValidate>
          <Text as="p" className={styles.intro}>
            {t.settings.intro}
          </Text>
          <Field
            label={t.settings.howToTellYou(session.firm.name)}
            validationMessage={fieldErrors.channel}
            hint={choice?.hasMobile ? undefined : t.settings.noMobile}
          >
            <RadioGroup
              value={draft.channel}
              onChange={(_, data) => change({ channel: data.value as NotificationChannel })}
            >
              <Radio value="email" label={t.settings.byEmail} />
              <Radio value="sms" label={t.settings.bySms} />
              <Radio value="both" label={t.settings.byBoth} />
              <Radio value="acknowledgements_only" label={t.settings.acknowledgementsOnly} />
            </RadioGroup>
          </Field>
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>{t.settings.quietHours}</legend>
            <Text size={200} className={styles.hint}>
              {t.settings.quietHoursHint}
            </Text>
            <div className={styles.times}>
              <Field label={t.settings.quietFrom} validationMessage={fieldErrors.quietStart} className={styles.time}>
                <Input type="time" value={draft.quietFrom} onChange={(_, d) => change({ quietFrom: d.value })} />
              </Field>
              <Field label={t.settings.quietTo} validationMessage={fieldErrors.quietEnd} className={styles.time}>
                <Input type="time" value={draft.quietTo} onChange={(_, d) => change({ quietTo: d.value })} />
              </Field>
            </div>
            <Field label={t.settings.timeZone} validationMessage={fieldErrors.timeZone}>
              <Select value={draft.timeZone} onChange={(_, d) => change({ timeZone: d.value })}>
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replace(/_/g, ' ')}
                  </option>
                ))}
              </Select>
            </Field>
          </fieldset>
          <Field validationMessage={fieldErrors.dailyDigest}>
            <Checkbox
              checked={draft.digest}
              onChange={(_, d) => change({ digest: d.checked === true })}
              label={t.settings.dailyDigest}
            />
          </Field>
          {error ? <ErrorNotice error={error} fieldsShownBeside /> : null}
          {saved ? (
            <MessageBar intent="success">
              <MessageBarBody>{t.settings.saved}</MessageBarBody>
            </MessageBar>
          ) : null}
          <div className={styles.actions}>
            <Button type="submit" appearance="primary" disabled={saving}>
              {saving ? t.settings.saving : t.settings.save}
            </Button>
          </div>
        </form>
      ) : null}
    </Page>
  );
}
