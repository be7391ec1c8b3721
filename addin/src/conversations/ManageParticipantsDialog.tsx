import { useMemo, useState } from 'react';
import { Button, Label, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Conversation, Me, Participant } from '@confer/ui';
import { FormDialog } from '../extras/FormDialog';
import { StaffPicker } from '../common/StaffPicker';
import { useApi } from '../common/use-api';
import { participantRole } from './participant-role';
import { ParticipantAvatar } from './ParticipantAvatar';
import { t } from '../messages';

type ManageParticipantsDialogProps = {
  open: boolean;
  conversation: Conversation;
  me: Me;
  /** After each change, with the conversation as the server now has it. */
  onChanged: (conversation: Conversation) => void;
  onClose: () => void;
};

const useStyles = makeStyles({
  members: {
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    maxHeight: '240px',
    overflowY: 'auto',
  },
  member: {
    listStyleType: 'none',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    minHeight: '32px',
  },
  name: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

function roleOf(p: Participant, me: Me): string | null {
  if (p.staffId === me.staff.id) return t.conversations.roleYou;
  return p.contactKind ? participantRole(p).toLowerCase() : null;
}

/**
 * Who is in a conversation, with Remove for each colleague, and colleagues to add. Changes are
 * saved one by one and reach everyone in the conversation live.
 */
export function ManageParticipantsDialog({
  open,
  conversation,
  me,
  onChanged,
  onClose,
}: ManageParticipantsDialogProps) {
  const styles = useStyles();
  const api = useApi();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const [status, setStatus] = useState('');
  const current = conversation.participants.filter((p) => !p.leftAt);
  const inIt = useMemo(
    () => new Set(conversation.participants.flatMap((p) => (p.staffId && !p.leftAt ? [p.staffId] : []))),
    [conversation.participants],
  );
  const noun = conversation.kind === 'channel' ? 'channel' : 'conversation';

  async function add() {
    if (selected.size === 0) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const updated = await api.addParticipants(conversation.id, { staffIds: [...selected] });
      const names = updated.participants
        .filter((p) => p.staffId && selected.has(p.staffId))
        .map((p) => p.name)
        .join(', ');
      setSelected(new Set());
      setStatus(t.conversations.added(names));
      onChanged(updated);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function remove(p: Participant) {
    setRemoving(p.id);
    setError(null);
    try {
      const updated = await api.removeParticipant(conversation.id, p.id);
      setStatus(t.conversations.removed(p.name));
      onChanged(updated);
    } catch (e) {
      setError(e);
    } finally {
      setRemoving(null);
    }
  }

  return (
    <FormDialog
      open={open}
      title={t.conversations.manageParticipants}
      subtitle={conversation.title}
      submitLabel={t.conversations.add}
      busyLabel={t.conversations.adding}
      busy={busy}
      error={error}
      cancelLabel={t.conversations.done}
      onSubmit={add}
      onClose={onClose}
    >
      <div>
        <Label id="members-label" weight="semibold">
          {t.conversations.inThis(noun, current.length)}
        </Label>
        <ul className={styles.members} aria-labelledby="members-label">
          {current.map((p) => {
            const role = roleOf(p, me);
            return (
              <li key={p.id} className={styles.member}>
                <ParticipantAvatar participant={p} />
                <Text className={styles.name}>
                  {p.name}
                  {role && <span className={styles.muted}> ({role})</span>}
                </Text>
                {p.kind === 'staff' && p.staffId !== me.staff.id && (
                  <Button
                    size="small"
                    appearance="subtle"
                    aria-label={t.conversations.remove(p.name)}
                    disabledFocusable={removing !== null}
                    onClick={() => void remove(p)}
                  >
                    {removing === p.id ? t.conversations.removing : t.conversations.removeLabel}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      </div>
      <StaffPicker
        label={t.conversations.addPeople}
        hint={t.conversations.theySeeTheWhole}
        selected={selected}
        onChange={(next) => {
          setSelected(next);
          setMissing(false);
        }}
        excludeIds={inIt}
        matterId={conversation.matterId}
      />
      {missing && (
        <Text role="alert" size={200} className={styles.error}>
          {t.conversations.tickThePeopleTo}
        </Text>
      )}
      <Text role="status" size={200} className={styles.muted}>
        {status}
      </Text>
    </FormDialog>
  );
}
