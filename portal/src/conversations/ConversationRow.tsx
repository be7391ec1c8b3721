import { Badge, Caption1, CounterBadge, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { PortalConversation } from '@confer/ui';
import { formatActivityTime, formatFullDateTime } from '@confer/ui/format-time';
import { VisuallyHidden } from '@confer/ui/components';
import { matterLine } from '../common/matter-line';
import { RouterLink } from '../routing/RouterLink';
import { t } from '../messages';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground1,
    textDecoration: 'none',
    borderRadius: tokens.borderRadiusMedium,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  text: { flex: '1 1 auto', minWidth: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  title: { overflowWrap: 'anywhere' },
  unread: { fontWeight: tokens.fontWeightBold },
  meta: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  side: { display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: tokens.spacingVerticalXS },
  when: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
});

export function ConversationRow({ conversation }: { conversation: PortalConversation }) {
  const styles = useStyles();
  const matter = matterLine(conversation.matter, conversation.title);
  const staff = conversation.participants.filter((p) => p.kind === 'staff').map((p) => p.name);
  return (
    <RouterLink className={styles.row} to={{ name: 'conversation', conversationId: conversation.id, tab: 'messages' }}>
      <span className={styles.text}>
        <span className={mergeClasses(styles.title, conversation.unreadCount > 0 && styles.unread)}>
          {conversation.title}
        </span>
        {matter ? <Caption1 className={styles.meta}>{matter}</Caption1> : null}
        {staff.length > 0 ? (
          <Caption1 className={styles.meta}>{t.conversations.withPeople(staff.join(', '))}</Caption1>
        ) : null}
      </span>
      <span className={styles.side}>
        {conversation.lastMessageAt ? (
          <Caption1 className={styles.when}>
            <time dateTime={conversation.lastMessageAt} title={formatFullDateTime(conversation.lastMessageAt)}>
              {formatActivityTime(conversation.lastMessageAt)}
            </time>
          </Caption1>
        ) : null}
        {conversation.unreadCount > 0 ? (
          <>
            <CounterBadge count={conversation.unreadCount} size="small" aria-hidden="true" />
            <VisuallyHidden>{t.common.unreadMessages(conversation.unreadCount)}</VisuallyHidden>
          </>
        ) : null}
        {conversation.archivedAt ? (
          <Badge appearance="tint" color="informative" size="small">
            {t.conversations.closed}
          </Badge>
        ) : null}
      </span>
    </RouterLink>
  );
}
