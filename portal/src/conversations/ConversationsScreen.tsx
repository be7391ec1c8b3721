import { Button } from '@fluentui/react-components';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '@confer/ui/errors';
import { ChatRegular } from '@fluentui/react-icons';
import { Loading } from '../common/Loading';
import { Page } from '../common/Page';
import { useListStyles } from '../common/list-styles';
import { usePortal } from '../shell/portal-context';
import { ConversationRow } from './ConversationRow';
import { t } from '../messages';

/** Every conversation with the firm, most recent activity first, with unread counts. */
export function ConversationsScreen() {
  const list = useListStyles();
  const { conversations, session } = usePortal();
  const items = conversations.data?.items;
  return (
    <Page title={t.conversations.messages}>
      {conversations.error ? (
        <ErrorNotice
          error={conversations.error}
          action={<Button onClick={conversations.reload}>{t.conversations.tryAgain}</Button>}
        />
      ) : null}
      {!items && conversations.loading ? <Loading label={t.conversations.loadingYourConversations} /> : null}
      {items && items.length === 0 ? (
        <EmptyState icon={<ChatRegular />} title={t.conversations.noConversationsYet}>
          {t.conversations.whenStartsAConversation(session.firm.name)}
        </EmptyState>
      ) : null}
      {items && items.length > 0 ? (
        <ul className={list.list} aria-label={t.conversations.conversations}>
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
