import { ToggleButton, makeStyles, tokens } from '@fluentui/react-components';
import type { InboxFilter } from './inbox-api';
import { t } from '../messages';

const FILTERS: Array<{ value: InboxFilter; label: string }> = [
  { value: 'all', label: t.inbox.filterAll },
  { value: 'unread', label: t.inbox.filterUnread },
  { value: 'clients', label: t.inbox.filterClients },
  { value: 'internal', label: t.inbox.filterInternal },
  { value: 'channels', label: t.inbox.filterChannels },
  { value: 'dms', label: t.inbox.filterDms },
];

const useStyles = makeStyles({
  chips: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/** The inbox filters as pressed/unpressed chips; pressing the pressed one goes back to All. */
export function InboxFilterChips({ value, onChange }: { value: InboxFilter; onChange: (next: InboxFilter) => void }) {
  const styles = useStyles();
  return (
    <div role="group" aria-label={t.inbox.filterMessages} className={styles.chips}>
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
