import { Avatar, Button, Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { describeError, type Me } from '@confer/ui';
import { MessageText } from '@confer/ui/message-text';
import { useMessageItemStyles } from './MessageItem';
import type { PendingMessage } from './use-conversation-messages';
import { t } from '../messages';

type PendingMessageItemProps = {
  pending: PendingMessage;
  me: Me;
  onRetry: (key: string) => void;
  onDiscard: (key: string) => void;
};

const useStyles = makeStyles({
  sending: { opacity: 0.75 },
  failed: { boxShadow: `inset ${tokens.strokeWidthThicker} 0 0 ${tokens.colorPaletteRedBorder2}` },
  status: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  notSent: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  buttons: { display: 'inline-flex', gap: tokens.spacingHorizontalXS, marginLeft: 'auto' },
});

/** A message on its way ("Sending…") or one that failed ("Not sent", with Retry using the same key). */
export function PendingMessageItem({ pending, me, onRetry, onDiscard }: PendingMessageItemProps) {
  const base = useMessageItemStyles();
  const styles = useStyles();
  const failed = pending.status === 'failed';
  return (
    <li
      className={mergeClasses(base.item, failed ? styles.failed : styles.sending)}
      data-pending-key={pending.key}
      aria-busy={!failed}
    >
      <Avatar
        className={base.avatar}
        size={28}
        initials={me.staff.initials}
        name={me.staff.name}
        color="colorful"
        aria-hidden="true"
      />
      <div className={base.main}>
        <div className={base.meta}>
          <span className={base.author}>{me.staff.name}</span>
          {failed ? (
            <>
              <span className={styles.notSent}>{t.conversations.notSent}</span>
              <span className={styles.buttons}>
                <Button size="small" appearance="primary" onClick={() => onRetry(pending.key)}>
                  {t.conversations.retry}
                </Button>
                <Button size="small" appearance="subtle" onClick={() => onDiscard(pending.key)}>
                  {t.conversations.discard}
                </Button>
              </span>
            </>
          ) : (
            <span className={mergeClasses(base.quiet, styles.status)}>
              <Spinner size="extra-tiny" aria-hidden="true" />
              {t.conversations.sending}
            </span>
          )}
        </div>
        <MessageText body={pending.body} className={base.body} />
        {failed && (
          <Text size={200} className={base.error}>
            {describeError(pending.error)}
          </Text>
        )}
      </div>
    </li>
  );
}
