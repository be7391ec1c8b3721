import { useId } from 'react';
import { Spinner, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import { describeError } from '@confer/ui';
import { describeSmsPlan } from './describe-sms-plan';
import type { SmsOption } from './use-sms-option';
import { t } from '../messages';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  note: { color: tokens.colorNeutralForeground2 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, color: tokens.colorPaletteDarkOrangeForeground1 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** "Send as SMS" in the composer, with who will be texted and why anyone cannot be. */
export function SmsToggle({ option, disabled }: { option: SmsOption; disabled: boolean }) {
  const styles = useStyles();
  const noteId = useId();
  if (!option.available) return null;
  const { enabled, plans, error } = option;
  const blocked = plans?.filter((p) => p.reason !== null) ?? [];
  return (
    <div className={styles.root}>
      <Switch
        label={t.sms.sendAsSms}
        checked={enabled}
        disabled={disabled}
        aria-describedby={enabled ? noteId : undefined}
        onChange={(_, data) => option.setEnabled(data.checked)}
      />
      {enabled && (
        <div id={noteId} aria-live="polite">
          {error != null ? (
            <Text size={200} className={styles.error}>
              {t.sms.couldNotCheckWho(describeError(error))}
            </Text>
          ) : plans === null ? (
            <Spinner size="extra-tiny" label={t.sms.checkingWhoCanBe} />
          ) : (
            <>
              <Text size={200} className={styles.note}>
                {t.sms.eachTextCarriesA(describeSmsPlan(plans))}
              </Text>
              {blocked.length > 0 && (
                <ul className={styles.list} aria-label={t.sms.cannotBeTexted}>
                  {blocked.map((p) => (
                    <li key={p.contactId}>
                      <Text size={200}>
                        {p.name}: {p.reason}
                      </Text>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
      )}
    </div>
  );
}
