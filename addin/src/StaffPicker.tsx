import { useId, useMemo, useState } from 'react';
import { Checkbox, Label, SearchBox, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Staff } from '@confer/ui';
import { ErrorBanner } from './ErrorBanner';
import { useApi } from './use-api';
import { useLoader } from './use-loader';

type StaffPickerProps = {
  /** Visible label and accessible name of the group, e.g. "People to message". */
  label: string;
  hint?: string;
  selected: ReadonlySet<string>;
  onChange: (selected: Set<string>) => void;
  /** Staff not offered (the signed-in member, people already in). */
  excludeIds?: ReadonlySet<string>;
};

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  filter: { maxWidth: 'none' },
  list: {
    display: 'flex',
    flexDirection: 'column',
    maxHeight: '240px',
    overflowY: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalXXS,
  },
  empty: { padding: tokens.spacingVerticalS, color: tokens.colorNeutralForeground3 },
  hint: { color: tokens.colorNeutralForeground3 },
});

/** Checkboxes for active staff, with a filter once the firm is bigger than a handful. */
export function StaffPicker({ label, hint, selected, onChange, excludeIds }: StaffPickerProps) {
  const styles = useStyles();
  const labelId = useId();
  const hintId = useId();
  const api = useApi();
  const { state, reload } = useLoader((signal) => api.listStaff({ signal }).then((r) => r.items), [api]);
  const [filter, setFilter] = useState('');

  const offered = useMemo(() => {
    if (state.status !== 'ready') return [];
    return state.data
      .filter((s: Staff) => s.active && !excludeIds?.has(s.id))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [state, excludeIds]);
  const needle = filter.trim().toLowerCase();
  const shown = needle ? offered.filter((s) => s.name.toLowerCase().includes(needle)) : offered;

  function toggle(staffId: string, checked: boolean) {
    const next = new Set(selected);
    if (checked) next.add(staffId);
    else next.delete(staffId);
    onChange(next);
  }

  const heading = (
    <Label id={labelId} weight="semibold">
      {label}
    </Label>
  );
  if (state.status === 'loading') {
    return (
      <div className={styles.root}>
        {heading}
        <Spinner size="tiny" label="Loading staff…" />
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className={styles.root}>
        {heading}
        <ErrorBanner error={state.error} onRetry={reload} />
      </div>
    );
  }

  return (
    <div className={styles.root}>
      {heading}
      {hint && (
        <Text size={200} id={hintId} className={styles.hint}>
          {hint}
        </Text>
      )}
      {offered.length > 6 && (
        <SearchBox
          size="small"
          className={styles.filter}
          aria-label={`Filter ${label.toLowerCase()}`}
          placeholder="Filter by name"
          value={filter}
          onChange={(_, d) => setFilter(d.value)}
        />
      )}
      <div role="group" aria-labelledby={labelId} aria-describedby={hint ? hintId : undefined} className={styles.list}>
        {shown.length === 0 ? (
          <Text className={styles.empty}>{offered.length === 0 ? 'No other staff to add.' : 'No staff match.'}</Text>
        ) : (
          shown.map((s) => (
            <Checkbox
              key={s.id}
              label={s.name}
              checked={selected.has(s.id)}
              onChange={(_, d) => toggle(s.id, d.checked === true)}
            />
          ))
        )}
      </div>
    </div>
  );
}
