import { memo, useRef, useState } from 'react';
import {
  Avatar,
  Button,
  Link,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { describeError, type Message, type MessageVia, type ReadReceipt } from '@confer/ui';
import { MessageText } from '@confer/ui/message-text';
import { formatFullDateTime, formatTime } from '@confer/ui/format-time';
import { MoreHorizontalRegular, PinRegular } from '@fluentui/react-icons';
import { DocumentLink, DocumentNotice } from '../files/DocumentNotice';
import { MessageEditor } from '../composer/MessageEditor';
import { MessageFiles } from '../files/MessageFiles';
import type { ReceiptSummary } from './collect-read-receipts';
import { ReadReceipts } from './ReadReceipts';
import { VisuallyHidden } from '@confer/ui/components';
import { ResendSmsMenuItem } from '../sms/ResendSmsMenuItem';
import { AcknowledgementStatus } from '../acknowledgements/AcknowledgementStatus';
import { SmsMessageDetails, useSmsMessageStyles } from '../sms/SmsMessageDetails';
import { fill } from '@confer/ui/messages';
import { t } from '../messages';

const VIA_LABEL: Record<Exclude<MessageVia, 'app'>, string> = {
  sms: t.conversations.viaSms,
  portal: t.conversations.viaPortal,
  quick_link: t.conversations.viaQuickLink,
  outlook: t.conversations.viaOutlook,
};

export type MessageItemProps = {
  message: Message;
  mine: boolean;
  receipts: ReceiptSummary;
  highlighted: boolean;
  /** Follows a message by the same author a moment earlier: no repeated avatar and name. */
  continued?: boolean;
  /** Archived or not a participant: no pinning or editing. */
  readOnly: boolean;
  onEdit: (message: Message, body: string) => Promise<void>;
  onTogglePin: (message: Message) => Promise<void>;
  onShowRevisions: (message: Message, returnFocusTo: HTMLElement | null) => void;
  onLoadReaders: (message: Message) => Promise<ReadReceipt[]>;
};

export const useMessageItemStyles = makeStyles({
  item: {
    position: 'relative',
    listStyleType: 'none',
    display: 'grid',
    gridTemplateColumns: '28px minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus': { outlineStyle: 'none' },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  highlighted: {
    backgroundColor: tokens.colorPaletteYellowBackground2,
    boxShadow: `inset ${tokens.strokeWidthThicker} 0 0 ${tokens.colorPaletteYellowBorderActive}`,
    ':hover': { backgroundColor: tokens.colorPaletteYellowBackground2 },
  },
  avatar: { marginTop: tokens.spacingVerticalXXS },
  main: { minWidth: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
    minHeight: '24px',
  },
  author: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300 },
  quiet: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  via: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase100,
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  pinned: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    color: tokens.colorPaletteMarigoldForeground2,
    fontSize: tokens.fontSizeBase200,
  },
  actions: { marginLeft: 'auto', alignSelf: 'center' },
  body: { fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  about: { color: tokens.colorNeutralForeground2, fontStyle: 'italic' },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** One sent message: author, time, markers, text (never HTML), read receipts and actions. */
export const MessageItem = memo(function MessageItem(props: MessageItemProps) {
  if (props.message.notice && props.message.aboutDocument) return <DocumentNotice message={props.message} />;
  return <SpokenMessage {...props} />;
});

/** A message someone wrote (not an announcement). */
function SpokenMessage(props: MessageItemProps) {
  const { message, mine, receipts, highlighted, continued, readOnly, onEdit, onTogglePin, onShowRevisions } = props;
  const { onLoadReaders } = props;
  const styles = useMessageItemStyles();
  const smsStyles = useSmsMessageStyles();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const editedButton = useRef<HTMLButtonElement>(null);
  const time = formatTime(message.createdAt);
  const canEdit = mine && !readOnly;
  const hasActions = !readOnly || message.editedAt !== null;

  async function togglePin() {
    setError(null);
    try {
      await onTogglePin(message);
    } catch (e) {
      setError(e);
    }
  }

  function stopEditing() {
    setEditing(false);
    requestAnimationFrame(() => menuButton.current?.focus());
  }

  return (
    <li
      className={mergeClasses(
        styles.item,
        message.via === 'quick_link' && smsStyles.quickLink,
        highlighted && styles.highlighted,
      )}
      data-message-id={message.id}
      data-seq={message.seq}
      aria-current={highlighted ? 'true' : undefined}
      tabIndex={highlighted ? -1 : undefined}
    >
      {continued ? (
        <span aria-hidden="true" />
      ) : (
        <Avatar
          className={styles.avatar}
          size={28}
          initials={message.author.initials}
          name={message.author.name}
          color={message.author.kind === 'contact' ? 'brand' : 'colorful'}
          aria-hidden="true"
        />
      )}
      <div className={styles.main}>
        <div className={styles.meta}>
          {continued ? (
            <VisuallyHidden>{message.author.name}</VisuallyHidden>
          ) : (
            <span className={styles.author}>{message.author.name}</span>
          )}
          <time className={styles.quiet} dateTime={message.createdAt} title={formatFullDateTime(message.createdAt)}>
            {time}
          </time>
          {message.via !== 'app' && <span className={styles.via}>{VIA_LABEL[message.via]}</span>}
          {message.editedAt && (
            <Link
              as="button"
              ref={editedButton}
              className={styles.quiet}
              onClick={() => onShowRevisions(message, editedButton.current)}
              title={t.conversations.editedShowEarlierVersions(formatFullDateTime(message.editedAt))}
            >
              {t.conversations.edited}
              <VisuallyHidden>{t.conversations.showEarlierVersions}</VisuallyHidden>
            </Link>
          )}
          {message.pinnedAt && (
            <span
              className={styles.pinned}
              title={message.pinnedBy ? t.conversations.pinnedBy(message.pinnedBy.name) : t.conversations.pinned}
            >
              <PinRegular />
              <VisuallyHidden>
                {t.conversations.pinned}
                {message.pinnedBy ? t.conversations.by(message.pinnedBy.name) : ''}.
              </VisuallyHidden>
            </span>
          )}
          {highlighted && <VisuallyHidden>{t.conversations.searchResult}</VisuallyHidden>}
          {hasActions && !editing && (
            <span className={styles.actions}>
              <Menu positioning="below-end">
                <MenuTrigger disableButtonEnhancement>
                  <Button
                    ref={menuButton}
                    size="small"
                    appearance="transparent"
                    icon={<MoreHorizontalRegular />}
                    aria-label={t.conversations.actionsForMessageFrom(message.author.name, time)}
                  />
                </MenuTrigger>
                <MenuPopover>
                  <MenuList>
                    {!readOnly && (
                      <MenuItem icon={<PinRegular />} onClick={() => void togglePin()}>
                        {message.pinnedAt ? t.conversations.unpin : t.conversations.pin}
                      </MenuItem>
                    )}
                    {canEdit && <MenuItem onClick={() => setEditing(true)}>{t.conversations.edit}</MenuItem>}
                    {!readOnly && <ResendSmsMenuItem message={message} onError={setError} />}
                    {message.editedAt && (
                      <MenuItem onClick={() => onShowRevisions(message, menuButton.current)}>
                        {t.conversations.editHistory}
                      </MenuItem>
                    )}
                  </MenuList>
                </MenuPopover>
              </Menu>
            </span>
          )}
        </div>
        {message.aboutDocument && (
          <Text size={200} className={styles.about}>
            {fill(t.conversations.commentOn, {
              link: <DocumentLink document={message.aboutDocument} conversationId={message.conversationId} />,
            })}
          </Text>
        )}
        {editing ? (
          <MessageEditor
            initialBody={message.body}
            onCancel={stopEditing}
            onSave={async (body) => {
              await onEdit(message, body);
              stopEditing();
            }}
          />
        ) : (
          <MessageText body={message.body} className={styles.body} />
        )}
        <MessageFiles files={message.files} conversationId={message.conversationId} />
        <SmsMessageDetails message={message} />
        <AcknowledgementStatus messageId={message.id} />
        {error != null && (
          <Text size={200} role="alert" className={styles.error}>
            {describeError(error)}
          </Text>
        )}
        <ReadReceipts summary={receipts} loadReaders={() => onLoadReaders(message)} />
      </div>
    </li>
  );
}
