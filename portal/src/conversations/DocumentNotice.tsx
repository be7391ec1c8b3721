import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { PortalMessage } from '@confer/ui';
import { DocumentRegular } from '@fluentui/react-icons';
import { formatFullDateTime, formatTime } from '@confer/ui/format-time';
import { InlineLink } from '../routing/InlineLink';
import { fill } from '@confer/ui/messages';
import { t } from '../messages';

const useStyles = makeStyles({
  item: {
    display: 'flex',
    justifyContent: 'center',
    padding: `${tokens.spacingVerticalXS} 0`,
  },
  line: {
    display: 'inline-flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'center',
    columnGap: tokens.spacingHorizontalXS,
    maxWidth: '100%',
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground2,
    textAlign: 'center',
    overflowWrap: 'anywhere',
  },
  icon: { display: 'inline-flex', color: tokens.colorBrandForeground1 },
});

/** "Alex Morgan shared Lease.pdf" / "…uploaded version 2 of Lease.pdf": an announcement, linking to the file. */
export function DocumentNotice({ message }: { message: PortalMessage }) {
  const styles = useStyles();
  const notice = message.notice!;
  const document = message.aboutDocument!;
  const link = (
    <InlineLink to={{ name: 'document', conversationId: message.conversationId, documentId: document.id }}>
      {document.name}
    </InlineLink>
  );
  return (
    <li className={styles.item} data-message-id={message.id}>
      <Caption1 className={styles.line}>
        <span className={styles.icon} aria-hidden="true">
          <DocumentRegular />
        </span>
        <span>
          {message.author.name}{' '}
          {notice.kind === 'document_shared'
            ? fill(t.conversations.sharedWithYou, { link })
            : fill(t.conversations.uploadedVersion(notice.version), { link })}
        </span>
        <time dateTime={message.createdAt} title={formatFullDateTime(message.createdAt)}>
          {formatTime(message.createdAt)}
        </time>
      </Caption1>
    </li>
  );
}
