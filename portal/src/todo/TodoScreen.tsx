import { Body1, Caption1, CounterBadge, makeStyles, tokens } from '@fluentui/react-components';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '@confer/ui/errors';
import { TaskListLtrRegular } from '@fluentui/react-icons';
import { Loading } from '../common/Loading';
import { Page } from '../common/Page';
import { LinkRow, useLinkRowStyles } from '../common/LinkRow';
import { ListSection } from '../common/ListSection';
import { plural } from '../common/plural';
import { FileRow } from '../files/FileRow';
import { InlineLink } from '../routing/InlineLink';
import { portalClient } from '../session/portal-client';
import { useLiveEvent, usePortal } from '../shell/portal-context';
import { countTodoExtras, type PortalTodoExtras, useLoader } from '@confer/ui';
import { TodoExtras } from './TodoExtras';

const useStyles = makeStyles({
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
});

/** What needs the client's attention: unread messages and shared documents not yet opened. */
export function TodoScreen() {
  const styles = useStyles();
  const rows = useLinkRowStyles();
  const { session } = usePortal();
  const todo = useLoader((signal) => portalClient.getTodo({ signal }), [session.firm.id]);
  const { reload } = todo;
  useLiveEvent((event) => {
    if (event.type !== 'contact.disabled') reload();
  });

  const data = todo.data as (typeof todo.data & PortalTodoExtras) | undefined;
  const nothing =
    data && data.unreadMessages.length === 0 && data.documentsToOpen.length === 0 && countTodoExtras(data) === 0;

  return (
    <Page title="To do">
      <Body1 as="p" className={styles.intro}>
        New messages, documents, forms, invoices and events from {session.firm.name} that need your attention.
      </Body1>
      {todo.error ? <ErrorNotice error={todo.error} /> : null}
      {!data && todo.loading ? <Loading label="Loading your to-do list" /> : null}
      {nothing ? (
        <EmptyState icon={<TaskListLtrRegular />} title="You are all caught up">
          Nothing new needs your attention. When {session.firm.name} sends you a message or a document, it will appear
          here. <InlineLink to={{ name: 'conversations' }}>See all your messages</InlineLink>
        </EmptyState>
      ) : null}
      {data && data.unreadMessages.length > 0 ? (
        <ListSection
          id="todo-unread"
          heading="Unread messages"
          items={data.unreadMessages}
          keyOf={(item) => item.conversationId}
          renderItem={(item) => (
            <LinkRow
              to={{ name: 'conversation', conversationId: item.conversationId, tab: 'messages' }}
              title={item.title}
              centered
              end={<CounterBadge count={item.unreadCount} aria-hidden="true" />}
            >
              <Caption1 className={rows.meta}>{plural(item.unreadCount, 'new message', 'new messages')}</Caption1>
            </LinkRow>
          )}
        />
      ) : null}
      {data && data.documentsToOpen.length > 0 ? (
        <ListSection
          id="todo-documents"
          heading="Documents to open"
          items={data.documentsToOpen}
          keyOf={(file) => `${file.shareId ?? ''}:${file.versionId}`}
          renderItem={(file) => <FileRow file={file} showMatter />}
        />
      ) : null}
      {data ? <TodoExtras extras={data} /> : null}
    </Page>
  );
}
