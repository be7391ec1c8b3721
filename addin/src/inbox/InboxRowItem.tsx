import type { ReactNode } from 'react';
import { Avatar, Badge, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { formatActivityTime, formatFullDateTime } from '@confer/ui/format-time';
import { DocumentRegular, LockClosedRegular, NumberSymbolRegular } from '@fluentui/react-icons';
import { UnreadBadge } from '../common/UnreadBadge';
import { VisuallyHidden } from '@confer/ui/components';
import { routeHref } from '../shell/use-hash-route';
import type { InboxRow } from './inbox-api';
import { listRowLinkStyle } from '../common/list-row-link-style';
import { t } from '../messages';

type InboxRowItemProps = {
  row: InboxRow;
  /** The conversation open beside the inbox (two panes). */
  current: boolean;
};

const useStyles = makeStyles({
  item: {
    listStyleType: 'none',
    ':not(:last-child)': { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  },
  link: {
    display: 'grid',
    gridTemplateColumns: 'auto minmax(0, 1fr) auto',
    gridTemplateAreas: '"lead title meta" "lead line marks"',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    ...listRowLinkStyle,
  },
  current: {
    backgroundColor: tokens.colorBrandBackground2,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  lead: {
    gridArea: 'lead',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: '28px',
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
  strong: { fontWeight: tokens.fontWeightSemibold },
  meta: {
    gridArea: 'meta',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
  line: {
    gridArea: 'line',
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
  unreadLine: { color: tokens.colorNeutralForeground2 },
  marks: { gridArea: 'marks', display: 'flex', gap: tokens.spacingHorizontalXS, justifyContent: 'flex-end' },
});

function leadOf(row: InboxRow): ReactNode {
  if (row.kind === 'channel') return <NumberSymbolRegular />;
  if (row.kind === 'direct') {
    return <Avatar size={28} name={row.title} color="colorful" aria-hidden="true" />;
  }
  return <DocumentRegular />;
}

function lineOf(row: InboxRow): string {
  const last = row.lastMessage;
  if (!last) return t.inbox.noMessagesYet;
  const who = last.authorKind === 'me' ? t.inbox.you : last.authorName;
  return t.inbox.lastLine(who, last.text || t.inbox.sentAFile);
}

/** One inbox row: a link to the conversation with its newest line, time, unread count and markers. */
export function InboxRowItem({ row, current }: InboxRowItemProps) {
  const styles = useStyles();
  const unread = row.unreadCount > 0;
  const line = lineOf(row);
  return (
    <li className={styles.item}>
      <a
        className={mergeClasses(styles.link, current && styles.current)}
        href={routeHref({ name: 'conversation', conversationId: row.conversationId, seq: null })}
        data-conversation-id={row.conversationId}
        aria-current={current ? 'page' : undefined}
      >
        <span className={styles.lead}>{leadOf(row)}</span>
        <span className={mergeClasses(styles.title, unread && styles.strong)} title={row.title}>
          {row.title}
          {row.matter && row.kind !== 'direct' && <VisuallyHidden>, {row.matter.title}</VisuallyHidden>}
        </span>
        <span className={styles.meta}>
          <time dateTime={row.activityAt} title={formatFullDateTime(row.activityAt)}>
            {formatActivityTime(row.activityAt)}
          </time>
          <UnreadBadge count={row.unreadCount} />
        </span>
        <span className={mergeClasses(styles.line, unread && styles.unreadLine)} title={line}>
          {line}
        </span>
        <span className={styles.marks}>
          {row.clientReplied && (
            <Badge size="small" appearance="tint" color="brand">
              {t.inbox.clientReplied}
            </Badge>
          )}
          {row.smsFailed && (
            <Badge size="small" appearance="tint" color="danger">
              {t.inbox.smsFailed}
            </Badge>
          )}
          {row.archived && (
            <Badge size="small" appearance="outline" color="informative" icon={<LockClosedRegular />}>
              {t.inbox.archived}
            </Badge>
          )}
        </span>
      </a>
    </li>
  );
}
