import type { ReactNode } from 'react';
import { Label, Text, makeStyles, tokens } from '@fluentui/react-components';
import { t } from '../messages';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  box: {
    display: 'flex',
    flexDirection: 'column',
    overflowY: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `0 ${tokens.spacingHorizontalXS}`,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

type ContactChecklistProps = {
  /** The label's id; the group of options is named by it. */
  labelId: string;
  label: string;
  required?: boolean;
  hint?: string;
  /** No contacts to offer: says to link some to the matter instead of showing the box. */
  empty: boolean;
  /** Shown as an alert under the box. */
  error?: string | null;
  /** The box scrolls beyond this height. */
  maxHeight: string;
  /** The options (checkboxes), one per contact. */
  children: ReactNode;
};

/** A labelled, scrolling box of the matter's contacts to tick, as in a dialog's form. */
export function ContactChecklist({
  labelId,
  label,
  required = false,
  hint,
  empty,
  error,
  maxHeight,
  children,
}: ContactChecklistProps) {
  const styles = useStyles();
  return (
    <div className={styles.group}>
      <Label id={labelId} weight="semibold" required={required}>
        {label}
      </Label>
      {hint && (
        <Text size={200} className={styles.muted}>
          {hint}
        </Text>
      )}
      {empty ? (
        <Text className={styles.muted}>{t.matters.linkContactsToThis}</Text>
      ) : (
        <div role="group" aria-labelledby={labelId} className={styles.box} style={{ maxHeight }}>
          {children}
        </div>
      )}
      {error && (
        <Text role="alert" size={200} className={styles.error}>
          {error}
        </Text>
      )}
    </div>
  );
}
