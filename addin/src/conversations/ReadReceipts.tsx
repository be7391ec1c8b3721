import { useState } from 'react';
import {
  Button,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { describeError, type ReadReceipt } from '@confer/ui';
import type { ReceiptSummary } from './collect-read-receipts';
import { VisuallyHidden } from '@confer/ui/components';
import { t } from '../messages';

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
  seenBy: { minWidth: 'auto', height: '20px', fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground2 },
  readers: {
    maxHeight: '240px',
    overflowY: 'auto',
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    fontSize: tokens.fontSizeBase200,
  },
});

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return t.conversations.joinNames(names.slice(0, -1).join(', '), names.at(-1)!);
}

/**
 * Who has read a message: their initials (full names for screen readers and on hover) in
 * small conversations; in large ones "Seen by N", whose names load when it is opened.
 */
export function ReadReceipts({
  summary,
  loadReaders,
}: {
  summary: ReceiptSummary;
  loadReaders: () => Promise<ReadReceipt[]>;
}) {
  return summary.kind === 'names' ? (
    <ReaderInitials receipts={summary.receipts} />
  ) : (
    <SeenBy count={summary.count} loadReaders={loadReaders} />
  );
}

function SeenBy({ count, loadReaders }: { count: number; loadReaders: () => Promise<ReadReceipt[]> }) {
  const styles = useStyles();
  const [readers, setReaders] = useState<{ status: 'idle' | 'loading' | 'ready' | 'error'; items: ReadReceipt[] }>({
    status: 'idle',
    items: [],
  });
  const [error, setError] = useState<unknown>(null);
  if (count <= 0) return null;
  const load = async () => {
    setReaders((prev) => ({ ...prev, status: 'loading' }));
    try {
      setReaders({ status: 'ready', items: await loadReaders() });
    } catch (e) {
      setError(e);
      setReaders({ status: 'error', items: [] });
    }
  };
  return (
    <div className={styles.row} data-read-receipts="">
      <Popover
        withArrow
        positioning="above-end"
        onOpenChange={(_, data) => {
          if (data.open) void load();
        }}
      >
        <PopoverTrigger disableButtonEnhancement>
          <Button appearance="subtle" size="small" className={styles.seenBy}>
            {t.conversations.seenBy(count)}
          </Button>
        </PopoverTrigger>
        <PopoverSurface aria-label={t.conversations.seenByLabel}>
          {readers.status === 'loading' && <Spinner size="tiny" label={t.conversations.loading} />}
          {readers.status === 'error' && <Text role="alert">{describeError(error)}</Text>}
          {readers.status === 'ready' && (
            <ul className={styles.readers}>
              {readers.items.map((r) => (
                <li key={r.participantId}>{r.name}</li>
              ))}
            </ul>
          )}
        </PopoverSurface>
      </Popover>
    </div>
  );
}

function ReaderInitials({ receipts }: { receipts: ReadReceipt[] }) {
  const styles = useStyles();
  if (receipts.length === 0) return null;
  const shown = receipts.slice(0, SHOWN);
  const more = receipts.length - shown.length;
  return (
    <div className={styles.row} data-read-receipts="">
      {shown.map((r) => (
        <span key={r.participantId} className={styles.chip} title={t.conversations.readBy(r.name)} aria-hidden="true">
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
      <VisuallyHidden>{t.conversations.readByLabel(listNames(receipts.map((r) => r.name)))}</VisuallyHidden>
    </div>
  );
}
