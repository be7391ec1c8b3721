import { useId, useState } from 'react';
import { Link, makeStyles, tokens } from '@fluentui/react-components';
import type { Message, MessageWithSms } from '@confer/ui';
import { MessageText } from '@confer/ui/message-text';
import { SmsDeliveryStatus } from './SmsDeliveryStatus';
import { useSmsConversation } from './sms-conversation-context';
import { t } from '../messages';

export const useSmsMessageStyles = makeStyles({
  /** Replies through a text's quick link stand out. */
  quickLink: {
    backgroundColor: tokens.colorPaletteLightTealBackground2,
    boxShadow: `inset ${tokens.strokeWidthThicker} 0 0 ${tokens.colorPaletteLightTealBorderActive}`,
    ':hover': { backgroundColor: tokens.colorPaletteLightTealBackground2 },
  },
  original: {
    margin: 0,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
  toggle: { alignSelf: 'flex-start', fontSize: tokens.fontSizeBase200 },
});

/** Under a message: the message a text reply answers (on demand), and how its own texts went. */
export function SmsMessageDetails({ message }: { message: Message }) {
  const styles = useSmsMessageStyles();
  const { canText } = useSmsConversation();
  const [showOriginal, setShowOriginal] = useState(false);
  const originalId = useId();
  const { inReplyTo, sms } = message as MessageWithSms;
  const textable = canText || !!sms;
  return (
    <>
      {inReplyTo && (message.via === 'sms' || message.via === 'quick_link') && (
        <>
          <Link
            as="button"
            className={styles.toggle}
            aria-expanded={showOriginal}
            aria-controls={originalId}
            onClick={() => setShowOriginal((v) => !v)}
          >
            {showOriginal ? t.sms.hideOriginalMessage : t.sms.showOriginalMessage}
          </Link>
          {showOriginal && (
            <blockquote id={originalId} className={styles.original} aria-label={t.sms.originalMessage}>
              <MessageText body={inReplyTo.body} />
            </blockquote>
          )}
        </>
      )}
      {textable && message.author.kind === 'staff' && (
        <SmsDeliveryStatus messageId={message.id} initial={sms?.recipients ?? null} />
      )}
    </>
  );
}
