import { makeStyles, tokens } from '@fluentui/react-components';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '@confer/ui/errors';
import { PinRegular } from '@fluentui/react-icons';
import { Loading } from '../common/Loading';
import { useLoader } from '@confer/ui';
import { portalClient } from '../session/portal-client';
import { useLiveEvent } from '../shell/portal-context';
import { MessageItem } from './MessageItem';
import { t } from '../messages';

const useStyles = makeStyles({
  scroll: { flex: '1 1 auto', minHeight: 0, overflowY: 'auto' },
  inner: { maxWidth: '820px', margin: '0 auto', padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
  list: { listStyle: 'none', margin: 0, padding: 0 },
});

/** Messages the firm pinned as important. */
export function PinnedPanel({ conversationId }: { conversationId: string }) {
  const styles = useStyles();
  const pinned = useLoader((signal) => portalClient.listPinned(conversationId, { signal }), [conversationId]);
  const { reload } = pinned;
  useLiveEvent((event) => {
    if (event.type === 'resync') reload();
    else if (
      (event.type === 'message.pinned' || event.type === 'message.edited') &&
      event.conversationId === conversationId
    )
      reload();
  });
  const items = pinned.data?.items;
  return (
    <div className={styles.scroll}>
      <div className={styles.inner}>
        {pinned.error ? <ErrorNotice error={pinned.error} /> : null}
        {!items && pinned.loading ? <Loading label={t.conversations.loadingPinnedMessages} /> : null}
        {items && items.length === 0 ? (
          <EmptyState icon={<PinRegular />} title={t.conversations.nothingPinned}>
            {t.conversations.yourFirmCanPin}
          </EmptyState>
        ) : null}
        {items && items.length > 0 ? (
          <ol className={styles.list} aria-label={t.conversations.pinnedMessages}>
            {items.map((message) => (
              <MessageItem key={message.id} message={message} />
            ))}
          </ol>
        ) : null}
      </div>
    </div>
  );
}
