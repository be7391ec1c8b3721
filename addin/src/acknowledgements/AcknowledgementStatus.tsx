import { Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { CheckmarkCircleRegular, ClockRegular, WarningRegular } from '@fluentui/react-icons';
import { formatDateTime, formatFullDateTime } from '@confer/ui/format-time';
import { t } from '../messages';
import { useAcknowledgementOf } from './acknowledgements-context';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    flexWrap: 'wrap',
    color: tokens.colorNeutralForeground2,
  },
  done: { color: tokens.colorPaletteGreenForeground1 },
  overdue: { color: tokens.colorPaletteRedForeground1 },
  steps: { color: tokens.colorNeutralForeground3 },
});

/** Under a marked message: needed by when, or who acknowledged (or replied) when, and the reminders sent. */
export function AcknowledgementStatus({ messageId }: { messageId: string }) {
  const styles = useStyles();
  const ack = useAcknowledgementOf(messageId);
  if (!ack) return null;
  const due = formatDateTime(ack.dueAt);
  const reminders = ack.steps
    .filter((s) => s.doneAt && (s.outcome === 'reminded' || s.outcome === 'texted'))
    .map((s) =>
      (s.outcome === 'reminded' ? t.acknowledgements.remindedAt : t.acknowledgements.textedAt)(
        formatDateTime(s.doneAt!),
      ),
    );
  if (ack.acknowledgedAt) {
    const who = ack.acknowledgedBy?.name ?? t.acknowledgements.aClient;
    const when = formatDateTime(ack.acknowledgedAt);
    return (
      <Text
        size={200}
        className={mergeClasses(styles.root, styles.done)}
        title={formatFullDateTime(ack.acknowledgedAt)}
      >
        <CheckmarkCircleRegular aria-hidden />
        {ack.acknowledgedVia === 'reply'
          ? t.acknowledgements.repliedBy(who, when)
          : t.acknowledgements.acknowledgedBy(who, when)}
      </Text>
    );
  }
  const overdue = Date.parse(ack.dueAt) <= Date.now();
  return (
    <Text
      size={200}
      className={mergeClasses(styles.root, overdue && styles.overdue)}
      title={formatFullDateTime(ack.dueAt)}
    >
      {overdue ? <WarningRegular aria-hidden /> : <ClockRegular aria-hidden />}
      {overdue
        ? ack.kind === 'reply'
          ? t.acknowledgements.noReplyBy(due)
          : t.acknowledgements.notAcknowledgedBy(due)
        : ack.kind === 'reply'
          ? t.acknowledgements.needsAReplyBy(due)
          : t.acknowledgements.needsAcknowledgementBy(due)}
      {reminders.length > 0 && (
        <span className={styles.steps}>{t.acknowledgements.reminders(reminders.join(', '))}</span>
      )}
    </Text>
  );
}
