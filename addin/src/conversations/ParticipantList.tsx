import { makeStyles, tokens } from '@fluentui/react-components';
import type { Participant } from '@confer/ui';
import { VisuallyHidden } from '@confer/ui/components';
import { describeParticipant as describe } from './participant-role';
import { ParticipantAvatar } from './ParticipantAvatar';
import { t } from '../messages';

const SHOWN = 6;

const useStyles = makeStyles({
  list: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXXS, margin: 0, padding: 0 },
  item: { listStyleType: 'none', display: 'flex' },
  more: {
    display: 'inline-flex',
    alignItems: 'center',
    padding: `0 ${tokens.spacingHorizontalXS}`,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
});

/** Initials avatars of the current participants; full names for screen readers and on hover. */
export function ParticipantList({ participants }: { participants: Participant[] }) {
  const styles = useStyles();
  const current = participants.filter((p) => !p.leftAt);
  const shown = current.slice(0, SHOWN);
  const rest = current.slice(SHOWN);
  return (
    <ul className={styles.list} aria-label={t.conversations.participants(current.length)}>
      {shown.map((p) => (
        <li key={p.id} className={styles.item} title={describe(p)}>
          <ParticipantAvatar participant={p} label={describe(p)} />
        </li>
      ))}
      {rest.length > 0 && (
        <li className={styles.item}>
          <span className={styles.more} title={rest.map(describe).join(', ')}>
            <span aria-hidden="true">+{rest.length}</span>
            <VisuallyHidden>{t.conversations.andOthers(rest.map(describe).join(', '))}</VisuallyHidden>
          </span>
        </li>
      )}
    </ul>
  );
}
