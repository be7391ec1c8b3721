import { Link, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { portalRecordUrl, type PortalConversation } from '@confer/ui';
import { LockClosedRegular } from '@fluentui/react-icons';
import { fill } from '@confer/ui/messages';
import { t } from '../messages';

const useStyles = makeStyles({
  bar: { margin: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0`, flexShrink: 0 },
});

/** A closed conversation can be read but not replied to; say so plainly, and why. */
export function ArchivedBanner({ conversation, firmName }: { conversation: PortalConversation; firmName: string }) {
  const styles = useStyles();
  const why =
    conversation.archivedReason === 'engagement_ended'
      ? t.conversations.engagementEnded(firmName)
      : conversation.archivedReason === 'matter_closed'
        ? t.conversations.theMatterHasBeen
        : t.conversations.youCanStillRead;
  return (
    <MessageBar className={styles.bar} intent="warning" layout="multiline" icon={<LockClosedRegular />} role="status">
      <MessageBarBody>
        <MessageBarTitle>{t.conversations.thisConversationIsClosed}</MessageBarTitle> {why}
        {conversation.archivedReason === 'matter_closed' && (
          <>
            {' '}
            {fill(t.conversations.recordLinks, {
              record: (
                <Link href={portalRecordUrl(conversation.id)} download>
                  {t.conversations.downloadTheRecord}
                </Link>
              ),
              verification: (
                <Link href={portalRecordUrl(conversation.id, 'json')} download>
                  {t.conversations.withItsVerificationFile}
                </Link>
              ),
            })}
          </>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
