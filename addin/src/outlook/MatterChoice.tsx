import { Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Matter } from '@confer/ui';
import { t } from '../messages';

type MatterChoiceProps = {
  matters: Matter[];
  matterId: string | null;
  onChoose: (matterId: string) => void;
  label?: string;
};

const useStyles = makeStyles({
  one: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground3 },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: tokens.spacingVerticalXS },
  fieldset: { border: 'none', margin: 0, padding: 0 },
});

export const matterLabel = (m: Matter) => t.outlook.matterLabel(m.number, m.title, m.status === 'closed');

/** One matter is shown; several are a choice ("Which matter is this email about?"). */
export function MatterChoice({ matters, matterId, onChoose, label = t.outlook.whichMatterIsThis }: MatterChoiceProps) {
  const styles = useStyles();
  if (matters.length === 0) return null;
  if (matters.length === 1) {
    return (
      <div className={styles.one}>
        <Text size={200} className={styles.muted}>
          {t.outlook.matter}
        </Text>
        <Text weight="semibold">{matterLabel(matters[0]!)}</Text>
      </div>
    );
  }
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>{label}</legend>
      <RadioGroup value={matterId ?? ''} onChange={(_e, data) => onChoose(data.value)} aria-label={label}>
        {matters.map((m) => (
          <Radio key={m.id} value={m.id} label={matterLabel(m)} />
        ))}
      </RadioGroup>
    </fieldset>
  );
}
