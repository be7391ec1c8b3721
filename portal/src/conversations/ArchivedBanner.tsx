import { Link, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { portalRecordUrl, type PortalConversation } from '@confer/ui';
import { LockClosedRegular } from '@fluentui/react-icons';

const useStyles = makeStyles({
  bar: { margin: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0`, flexShrink: 0 },
});

/** A closed conversation can be read but not replied to; say so plainly, and why. */
export function ArchivedBanner({ conversation, firmName }: { conversation: PortalConversation; firmName: string }) {
  const styles = useStyles();
  const why =
    conversation.archivedReason === 'engagement_ended'
      ? `Your engagement with ${firmName} has ended, so you can no longer reply. You can still read the messages and open the files.`
      : conversation.archivedReason === 'matter_closed'
        ? `The matter has been closed, so you can no longer reply. You can still read the messages and open the files.`
        : 'You can still read the messages and open the files, but you can no longer reply.';
  return (
    <MessageBar className={styles.bar} intent="warning" layout="multiline" icon={<LockClosedRegular />} role="status">
      <MessageBarBody>
        <MessageBarTitle>This conversation is closed: you can read it but not reply.</MessageBarTitle> {why}
        {conversation.archivedReason === 'matter_closed' && (
          <>
            {' '}
            <Link href={portalRecordUrl(conversation.id)} download>
              Download the record of this conversation (PDF)
            </Link>{' '}
            (
            <Link href={portalRecordUrl(conversation.id, 'json')} download>
              with its verification file
            </Link>
            ).
          </>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
