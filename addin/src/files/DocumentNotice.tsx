import { Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Message } from '@confer/ui';
import { useOpenFile } from './file-viewer-context';
import { formatFullDateTime, formatTime } from '@confer/ui/format-time';
import { DocumentRegular } from '@fluentui/react-icons';
import { fill } from '@confer/ui/messages';
import { t } from '../messages';

const useStyles = makeStyles({
  item: {
    listStyleType: 'none',
    display: 'flex',
    justifyContent: 'center',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
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
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
    textAlign: 'center',
    overflowWrap: 'anywhere',
  },
  time: { color: tokens.colorNeutralForeground3 },
});

/** The name of a message's document: opens it in the viewer (its latest version). */
export function DocumentLink({
  document,
  conversationId,
}: {
  document: { id: string; name: string };
  conversationId?: string;
}) {
  const openFile = useOpenFile();
  if (!openFile) return <>{document.name}</>;
  return (
    <Link inline as="button" onClick={() => openFile({ documentId: document.id, name: document.name, conversationId })}>
      {document.name}
    </Link>
  );
}

/** "Alex Morgan shared Lease.pdf" / "…uploaded version 2 of Lease.pdf": an announcement, not a message. */
export function DocumentNotice({ message }: { message: Message }) {
  const styles = useStyles();
  const notice = message.notice!;
  const document = message.aboutDocument!;
  return (
    <li className={styles.item} data-message-id={message.id} data-seq={message.seq}>
      <Text size={200} className={styles.line}>
        <DocumentRegular />
        <span>
          {message.author.name}{' '}
          {notice.kind === 'document_shared' ? (
            <>
              {fill(t.files.sharedLive, {
                link: <DocumentLink document={document} conversationId={message.conversationId} />,
              })}
            </>
          ) : (
            <>
              {fill(t.files.uploadedVersionOf(notice.version), {
                link: <DocumentLink document={document} conversationId={message.conversationId} />,
              })}
            </>
          )}
        </span>
        <time className={styles.time} dateTime={message.createdAt} title={formatFullDateTime(message.createdAt)}>
          {formatTime(message.createdAt)}
        </time>
      </Text>
    </li>
  );
}
