import type { ReactNode } from 'react';
import { Avatar, Badge, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Conversation, Me } from '@confer/ui';
import { formatActivityTime } from '@confer/ui/format-time';
import { LockClosedRegular, NumberSymbolRegular, ShieldRegular } from '@fluentui/react-icons';
import { UnreadBadge } from '../common/UnreadBadge';
import { VisuallyHidden } from '@confer/ui/components';
import { routeHref } from '../shell/use-hash-route';
import { listRowLinkStyle } from '../common/list-row-link-style';
import { t } from '../messages';

type ConversationRowProps = {
  conversation: Conversation;
  unread: number;
  me: Me;
  /** Second line: who is in it (matter conversations). */
  showParticipants?: boolean;
};

const useStyles = makeStyles({
  item: {
    listStyleType: 'none',
    ':not(:last-child)': { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  },
  link: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr) auto',
    gridTemplateAreas: '"lead title meta" "lead detail detail"',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    ...listRowLinkStyle,
  },
  lead: {
    gridArea: 'lead',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: '24px',
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase400,
  },
  title: {
    gridArea: 'title',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontSize: tokens.fontSizeBase300,
  },
  unreadTitle: { fontWeight: tokens.fontWeightSemibold },
  meta: {
    gridArea: 'meta',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
  detail: {
    gridArea: 'detail',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minWidth: 0,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
  names: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

function leadOf(conversation: Conversation, me: Me): ReactNode {
  if (conversation.kind === 'channel') return <NumberSymbolRegular />;
  const other = conversation.participants.find((p) => !p.leftAt && p.staffId !== me.staff.id);
  return <Avatar size={24} initials={other?.initials ?? '?'} name={other?.name} color="colorful" aria-hidden="true" />;
}

/** A link to a conversation, with its unread count in the accessible name. */
export function ConversationRow({ conversation, unread, me, showParticipants }: ConversationRowProps) {
  const styles = useStyles();
  const activity = conversation.lastMessageAt;
  const names = conversation.participants
    .filter((p) => !p.leftAt)
    .map((p) => p.name)
    .join(', ');
  const archived = conversation.archivedAt !== null;
  const hasDetail = showParticipants || archived;

  return (
    <li className={styles.item}>
      <a
        className={styles.link}
        href={routeHref({ name: 'conversation', conversationId: conversation.id, seq: null })}
        data-conversation-id={conversation.id}
      >
        <span className={styles.lead}>{leadOf(conversation, me)}</span>
        <span className={mergeClasses(styles.title, unread > 0 && styles.unreadTitle)} title={conversation.title}>
          {conversation.title}
        </span>
        <span className={styles.meta}>
          {activity && <span aria-hidden="true">{formatActivityTime(activity)}</span>}
          <UnreadBadge count={unread} />
        </span>
        {hasDetail && (
          <span className={styles.detail}>
            {conversation.requireMfa && conversation.kind === 'external_matter' && (
              <>
                <ShieldRegular />
                <VisuallyHidden>{t.inbox.twoFactorSignIn}</VisuallyHidden>
              </>
            )}
            {archived && (
              <Badge size="small" appearance="outline" color="informative" icon={<LockClosedRegular />}>
                {t.inbox.readOnly}
              </Badge>
            )}
            {showParticipants && <span className={styles.names}>{names}</span>}
          </span>
        )}
      </a>
    </li>
  );
}
