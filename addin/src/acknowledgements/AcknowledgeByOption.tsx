import { Field, Input, Select, Switch, makeStyles, tokens } from '@fluentui/react-components';
import { t } from '../messages';
import type { AcknowledgeByOption as Option } from './use-acknowledge-by-option';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
});

/** The composer's "Ask for acknowledgement": what is needed (read / a reply) and by when. */
export function AcknowledgeByOption({ option, disabled }: { option: Option; disabled: boolean }) {
  const styles = useStyles();
  if (!option.available) return null;
  return (
    <div className={styles.root}>
      <Switch
        label={t.acknowledgements.askForAcknowledgement}
        checked={option.enabled}
        disabled={disabled}
        onChange={(_, data) => option.setEnabled(data.checked)}
      />
      {option.enabled && (
        <div className={styles.row}>
          <Field label={t.acknowledgements.whatIsNeeded} size="small">
            <Select
              size="small"
              value={option.kind}
              disabled={disabled}
              onChange={(_, data) => option.setKind(data.value === 'reply' ? 'reply' : 'read')}
            >
              <option value="read">{t.acknowledgements.kindRead}</option>
              <option value="reply">{t.acknowledgements.kindReply}</option>
            </Select>
          </Field>
          <Field
            label={t.acknowledgements.by}
            size="small"
            validationState={option.invalid ? 'error' : 'none'}
            validationMessage={option.invalid ? t.acknowledgements.chooseALaterTime : undefined}
          >
            <Input
              type="datetime-local"
              size="small"
              value={option.due}
              disabled={disabled}
              onChange={(_, data) => option.setDue(data.value)}
            />
          </Field>
        </div>
      )}
    </div>
  );
}
