import { Button } from '@fluentui/react-components';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '@confer/ui/errors';
import { ChatRegular } from '@fluentui/react-icons';
import { Loading } from '../common/Loading';
import { Page } from '../common/Page';
import { useListStyles } from '../common/list-styles';
import { usePortal } from '../shell/portal-context';
import { ConversationRow } from './ConversationRow';

/** Every conversation with the firm, most recent activity first, with unread counts. */
export function ConversationsScreen() {
  const list = useListStyles();
  const { conversations, session } = usePortal();
  const items = conversations.data?.items;
  return (
    <Page title="Messages">
      {conversations.error ? (
        <ErrorNotice error={conversations.error} action={<Button onClick={conversations.reload}>Try again</Button>} />
      ) : null}
      {!items && conversations.loading ? <Loading label="Loading your conversations" /> : null}
      {items && items.length === 0 ? (
        <EmptyState icon={<ChatRegular />} title="No conversations yet">
          When {session.firm.name} starts a conversation with you, it will appear here.
        </EmptyState>
      ) : null}
      {items && items.length > 0 ? (
        <ul className={list.list} aria-label="Conversations">
          {items.map((conversation) => (
            <li key={conversation.id} className={list.item}>
              <ConversationRow conversation={conversation} />
            </li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}
