import {
  Avatar,
  Button,
  Caption1,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { PortalMessage } from '@confer/ui';
import { MessageText } from '@confer/ui/message-text';
import { MoreHorizontalRegular, PinRegular } from '@fluentui/react-icons';
import { formatFullDateTime, formatTime } from '@confer/ui/format-time';
import { FileChip } from '../files/FileChip';
import { InlineLink } from '../routing/InlineLink';
import { DocumentNotice } from './DocumentNotice';
import { fill } from '@confer/ui/messages';
import { t } from '../messages';

const useStyles = makeStyles({
  item: {
    display: 'flex',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} 0`,
  },
  mine: { flexDirection: 'row-reverse' },
  bubble: {
    maxWidth: 'min(85%, 560px)',
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusXLarge,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
  },
  bubbleMine: { backgroundColor: tokens.colorBrandBackground2 },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground2,
  },
  author: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
  pinned: { display: 'inline-flex', alignItems: 'center', gap: '2px' },
  about: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
  files: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXS,
  },
});

export type MessageItemProps = {
  message: PortalMessage;
  /** Offer Edit on the contact's own messages (not in closed conversations). */
  onEdit?: (message: PortalMessage) => void;
};

/** One message: author, time, "edited", the text (never HTML), attachments, and an Edit menu on your own. */
export function MessageItem({ message, onEdit }: MessageItemProps) {
  const styles = useStyles();
  const { mine } = message;
  if (message.notice && message.aboutDocument) return <DocumentNotice message={message} />;
  const aboutLink = message.aboutDocument
    ? ({ name: 'document', conversationId: message.conversationId, documentId: message.aboutDocument.id } as const)
    : null;
  return (
    <li className={mergeClasses(styles.item, mine && styles.mine)} data-message-id={message.id}>
      {mine ? null : (
        <Avatar
          size={28}
          name={message.author.name}
          initials={message.author.initials}
          color="colorful"
          aria-hidden="true"
        />
      )}
      <article
        className={mergeClasses(styles.bubble, mine && styles.bubbleMine)}
        aria-label={t.conversations.messageBy(
          mine ? t.conversations.you : message.author.name,
          formatFullDateTime(message.createdAt),
        )}
      >
        <Caption1 className={styles.meta}>
          <span className={styles.author}>{mine ? t.conversations.you : message.author.name}</span>
          <time dateTime={message.createdAt} title={formatFullDateTime(message.createdAt)}>
            {formatTime(message.createdAt)}
          </time>
          {message.editedAt ? (
            <span title={t.conversations.editedAt(formatFullDateTime(message.editedAt))}>
              {t.conversations.editedMark}
            </span>
          ) : null}
          {message.pinnedAt ? (
            <span className={styles.pinned}>
              <PinRegular />
              {t.conversations.pinnedMark}
            </span>
          ) : null}
        </Caption1>
        {message.aboutDocument && aboutLink ? (
          <Caption1 className={styles.about}>
            {fill(t.conversations.commentOn, {
              link: <InlineLink to={aboutLink}>{message.aboutDocument.name}</InlineLink>,
            })}
          </Caption1>
        ) : null}
        {message.body ? <MessageText body={message.body} /> : null}
        {message.files.length > 0 ? (
          <ul className={styles.files} aria-label={t.conversations.attachedFiles}>
            {message.files.map((file) => (
              <li key={file.versionId}>
                <FileChip file={file} conversationId={message.conversationId} />
              </li>
            ))}
          </ul>
        ) : null}
      </article>
      {mine && onEdit ? (
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Button
              appearance="subtle"
              size="small"
              icon={<MoreHorizontalRegular />}
              aria-label={t.conversations.optionsForYourMessage}
            />
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuItem onClick={() => onEdit(message)}>{t.conversations.edit}</MenuItem>
            </MenuList>
          </MenuPopover>
        </Menu>
      ) : null}
    </li>
  );
}
