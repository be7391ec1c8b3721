import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReadReceipt } from '@confer/ui';
import { VisuallyHidden } from '../common/VisuallyHidden';

const SHOWN = 8;

const useStyles = makeStyles({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'flex-end',
    gap: tokens.spacingHorizontalXXS,
    marginTop: tokens.spacingVerticalXXS,
  },
  chip: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    minWidth: '20px',
    height: '16px',
    padding: `0 ${tokens.spacingHorizontalXXS}`,
    boxSizing: 'border-box',
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase100,
    lineHeight: tokens.lineHeightBase100,
    fontWeight: tokens.fontWeightSemibold,
  },
});

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Initials of who has read a message; the full names for screen readers and on hover. */
export function ReadReceipts({ receipts }: { receipts: ReadReceipt[] }) {
  const styles = useStyles();
  if (receipts.length === 0) return null;
  const shown = receipts.slice(0, SHOWN);
  const more = receipts.length - shown.length;
  return (
    <div className={styles.row} data-read-receipts="">
      {shown.map((r) => (
        <span key={r.participantId} className={styles.chip} title={`Read by ${r.name}`} aria-hidden="true">
          {r.initials}
        </span>
      ))}
      {more > 0 && (
        <span
          className={styles.chip}
          aria-hidden="true"
          title={receipts
            .slice(SHOWN)
            .map((r) => r.name)
            .join(', ')}
        >
          +{more}
        </span>
      )}
      <VisuallyHidden>Read by {listNames(receipts.map((r) => r.name))}.</VisuallyHidden>
    </div>
  );
}
