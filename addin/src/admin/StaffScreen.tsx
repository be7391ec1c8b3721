import { useEffect, useRef, useState } from 'react';
import {
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import type { CreateStaffInput, Staff, UpdateStaffInput } from '@confer/ui';
import { AddStaffForm } from './AddStaffForm';
import { ErrorNotice } from '@confer/ui/errors';
import { StaffRow } from './StaffRow';
import { useApi } from '../common/use-api';
import { useLoader } from '@confer/ui';
import { t } from '../messages';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  top: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  heading: { ...typographyStyles.subtitle1, margin: 0, ':focus': { outlineStyle: 'none' } },
  list: {
    margin: 0,
    padding: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
  },
});

function byName(a: Staff, b: Staff) {
  return Number(b.active) - Number(a.active) || a.name.localeCompare(b.name);
}

export function StaffScreen({ currentStaffId }: { currentStaffId: string }) {
  const styles = useStyles();
  const api = useApi();
  const { state, reload, setData } = useLoader((signal) => api.listStaff({ signal }).then((r) => r.items), [api]);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const addButtonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => headingRef.current?.focus(), []);

  const staff = state.status === 'ready' ? state.data : [];

  async function add(input: CreateStaffInput) {
    const created = await api.createStaff(input);
    setData([...staff, created]);
    setAdding(false);
    setNotice(t.admin.wasAdded(created.name));
    requestAnimationFrame(() => addButtonRef.current?.focus());
  }

  async function update(staffId: string, input: UpdateStaffInput) {
    const updated = await api.updateStaff(staffId, input);
    setData(staff.map((s) => (s.id === updated.id ? updated : s)));
    setNotice(null);
  }

  return (
    <section className={styles.root} aria-labelledby="staff-heading">
      <div className={styles.top}>
        <h2 id="staff-heading" ref={headingRef} tabIndex={-1} className={styles.heading}>
          {t.admin.staff}
        </h2>
        {!adding && (
          <Button
            ref={addButtonRef}
            appearance="primary"
            size="small"
            onClick={() => {
              setNotice(null);
              setAdding(true);
            }}
          >
            {t.admin.addStaff}
          </Button>
        )}
      </div>

      {adding && (
        <AddStaffForm
          onAdd={add}
          onCancel={() => {
            setAdding(false);
            requestAnimationFrame(() => addButtonRef.current?.focus());
          }}
        />
      )}

      <div role="status">
        {notice && (
          <MessageBar intent="success">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
      </div>

      {state.status === 'loading' && <Spinner label={t.admin.loadingStaff} />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {state.status === 'ready' && (
        <ul role="list" aria-label={t.admin.staff} className={styles.list}>
          {[...staff].sort(byName).map((member) => (
            <StaffRow key={member.id} staff={member} isSelf={member.id === currentStaffId} onUpdate={update} />
          ))}
        </ul>
      )}
    </section>
  );
}
