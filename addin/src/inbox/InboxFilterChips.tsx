import { ToggleButton, makeStyles, tokens } from '@fluentui/react-components';
import type { InboxFilter } from './inbox-api';

const FILTERS: Array<{ value: InboxFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'unread', label: 'Unread' },
  { value: 'clients', label: 'Clients' },
  { value: 'internal', label: 'Internal' },
  { value: 'channels', label: 'Channels' },
  { value: 'dms', label: 'DMs' },
];

const useStyles = makeStyles({
  chips: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/** The inbox filters as pressed/unpressed chips; pressing the pressed one goes back to All. */
export function InboxFilterChips({ value, onChange }: { value: InboxFilter; onChange: (next: InboxFilter) => void }) {
  const styles = useStyles();
  return (
    <div role="group" aria-label="Filter messages" className={styles.chips}>
      {FILTERS.map((f) => (
        <ToggleButton
          key={f.value}
          size="small"
          shape="circular"
          appearance={value === f.value ? 'primary' : 'secondary'}
          checked={value === f.value}
          onClick={() => onChange(value === f.value && f.value !== 'all' ? 'all' : f.value)}
        >
          {f.label}
        </ToggleButton>
      ))}
    </div>
  );
}
