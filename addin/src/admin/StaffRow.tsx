import { useState } from 'react';
import { Avatar, Badge, Button, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Staff, StaffRole, UpdateStaffInput } from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import { t } from '../messages';

type StaffRowProps = {
  staff: Staff;
  isSelf: boolean;
  onUpdate: (staffId: string, input: UpdateStaffInput) => Promise<void>;
};

const useStyles = makeStyles({
  item: {
    listStyleType: 'none',
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    ':not(:last-child)': { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  },
  info: { flex: '1 1 160px', minWidth: 0, display: 'flex', flexDirection: 'column' },
  nameLine: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  email: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  controls: { display: 'flex', gap: tokens.spacingHorizontalS, marginLeft: 'auto' },
  role: { width: '96px' },
  error: { flexBasis: '100%' },
  inactive: { opacity: 0.7 },
});

export function StaffRow({ staff, isSelf, onUpdate }: StaffRowProps) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function update(input: UpdateStaffInput) {
    setBusy(true);
    setError(null);
    try {
      await onUpdate(staff.id, input);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const toggleLabel = staff.active ? t.admin.disable : t.admin.enable;

  return (
    <li className={styles.item}>
      <Avatar
        initials={staff.initials}
        name={staff.name}
        color="colorful"
        size={32}
        aria-hidden="true"
        className={staff.active ? undefined : styles.inactive}
      />
      <div className={styles.info}>
        <span className={styles.nameLine}>
          <Text weight="semibold" className={styles.name}>
            {staff.name}
          </Text>
          {isSelf && <Text size={200}>{t.admin.you}</Text>}
          {!staff.active && (
            <Badge size="small" appearance="outline" color="informative">
              {t.admin.disabled}
            </Badge>
          )}
        </span>
        <Text size={200} className={styles.email}>
          {staff.email}
        </Text>
      </div>
      <div className={styles.controls}>
        <Select
          size="small"
          className={styles.role}
          aria-label={t.admin.roleFor(staff.name)}
          value={staff.role}
          disabled={busy || isSelf}
          onChange={(_, data) => void update({ role: data.value as StaffRole })}
        >
          <option value="staff">{t.admin.staff}</option>
          <option value="admin">{t.admin.admin}</option>
        </Select>
        <Button
          size="small"
          aria-label={`${toggleLabel} ${staff.name}`}
          disabledFocusable={busy || isSelf}
          onClick={() => void update({ active: !staff.active })}
        >
          {toggleLabel}
        </Button>
      </div>
      {error != null && (
        <div className={styles.error}>
          <ErrorNotice error={error} />
        </div>
      )}
    </li>
  );
}
