import { useId, useMemo, useState } from 'react';
import { Checkbox, Label, SearchBox, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Staff } from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import { useApi } from './use-api';
import { useLoader } from '@confer/ui';
import { t } from '../messages';

type StaffPickerProps = {
  /** Visible label and accessible name of the group, e.g. "People to message". */
  label: string;
  hint?: string;
  selected: ReadonlySet<string>;
  onChange: (selected: Set<string>) => void;
  /** Staff not offered (the signed-in member, people already in). */
  excludeIds?: ReadonlySet<string>;
  /** A matter conversation: on a restricted matter only staff on its access list are offered. */
  matterId?: string | null;
};

type Offer = { staff: Staff[]; restricted: boolean };

async function loadOffer(api: ReturnType<typeof useApi>, matterId: string | null | undefined, signal: AbortSignal) {
  const [staff, access] = await Promise.all([
    api.listStaff({ signal }).then((r) => r.items),
    matterId ? api.getMatterAccess(matterId, { signal }) : Promise.resolve(null),
  ]);
  if (!access?.restricted) return { staff, restricted: false };
  const listed = new Set(access.staff.map((s) => s.id));
  return { staff: staff.filter((s) => listed.has(s.id)), restricted: true };
}

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

/**
 * Checkboxes for active staff, with a filter once the firm is bigger than a handful. For a
 * restricted matter only the staff on its access list are offered (the server refuses others).
 */
export function StaffPicker({ label, hint, selected, onChange, excludeIds, matterId }: StaffPickerProps) {
  const styles = useStyles();
  const labelId = useId();
  const hintId = useId();
  const api = useApi();
  const { state, reload } = useLoader<Offer>((signal) => loadOffer(api, matterId, signal), [api, matterId]);
  const [filter, setFilter] = useState('');
  const restricted = state.status === 'ready' && state.data.restricted;

  const offered = useMemo(() => {
    if (state.status !== 'ready') return [];
    return state.data.staff
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
        <Spinner size="tiny" label={t.common.loadingStaff} />
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className={styles.root}>
        {heading}
        <ErrorNotice error={state.error} onRetry={reload} />
      </div>
    );
  }

  return (
    <div className={styles.root}>
      {heading}
      {(hint || restricted) && (
        <Text size={200} id={hintId} className={styles.hint}>
          {[restricted ? t.common.thisMatterIsRestricted : null, hint].filter(Boolean).join(' ')}
        </Text>
      )}
      {offered.length > 6 && (
        <SearchBox
          size="small"
          className={styles.filter}
          aria-label={t.common.filter(label.toLowerCase())}
          placeholder={t.common.filterByName}
          value={filter}
          onChange={(_, d) => setFilter(d.value)}
        />
      )}
      <div
        role="group"
        aria-labelledby={labelId}
        aria-describedby={hint || restricted ? hintId : undefined}
        className={styles.list}
      >
        {shown.length === 0 ? (
          <Text className={styles.empty}>
            {offered.length > 0
              ? t.common.noStaffMatch
              : restricted
                ? t.common.nobodyElseIsOn
                : t.common.noOtherStaffTo}
          </Text>
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
