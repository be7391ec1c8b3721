import { Body1, Caption1, CounterBadge, makeStyles, tokens } from '@fluentui/react-components';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '@confer/ui/errors';
import { TaskListLtrRegular } from '@fluentui/react-icons';
import { Loading } from '../common/Loading';
import { Page } from '../common/Page';
import { LinkRow, useLinkRowStyles } from '../common/LinkRow';
import { ListSection } from '../common/ListSection';
import { FileRow } from '../files/FileRow';
import { InlineLink } from '../routing/InlineLink';
import { portalClient } from '../session/portal-client';
import { useLiveEvent, usePortal } from '../shell/portal-context';
import { countTodoExtras, type PortalTodoExtras, useLoader } from '@confer/ui';
import { TodoExtras } from './TodoExtras';
import { fill } from '@confer/ui/messages';
import { t } from '../messages';

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
    <Page title={t.todo.toDo}>
      <Body1 as="p" className={styles.intro}>
        {t.todo.newMessagesDocumentsForms(session.firm.name)}
      </Body1>
      {todo.error ? <ErrorNotice error={todo.error} /> : null}
      {!data && todo.loading ? <Loading label={t.todo.loadingYourToDo} /> : null}
      {nothing ? (
        <EmptyState icon={<TaskListLtrRegular />} title={t.todo.youAreAllCaught}>
          {fill(t.todo.nothingNew, {
            firm: session.firm.name,
            link: <InlineLink to={{ name: 'conversations' }}>{t.todo.seeAllYourMessages}</InlineLink>,
          })}
        </EmptyState>
      ) : null}
      {data && data.unreadMessages.length > 0 ? (
        <ListSection
          id="todo-unread"
          heading={t.todo.unreadMessages}
          items={data.unreadMessages}
          keyOf={(item) => item.conversationId}
          renderItem={(item) => (
            <LinkRow
              to={{ name: 'conversation', conversationId: item.conversationId, tab: 'messages' }}
              title={item.title}
              centered
              end={<CounterBadge count={item.unreadCount} aria-hidden="true" />}
            >
              <Caption1 className={rows.meta}>{t.todo.newMessages(item.unreadCount)}</Caption1>
            </LinkRow>
          )}
        />
      ) : null}
      {data && data.documentsToOpen.length > 0 ? (
        <ListSection
          id="todo-documents"
          heading={t.todo.documentsToOpen}
          items={data.documentsToOpen}
          keyOf={(file) => `${file.shareId ?? ''}:${file.versionId}`}
          renderItem={(file) => <FileRow file={file} showMatter />}
        />
      ) : null}
      {data ? <TodoExtras extras={data} /> : null}
    </Page>
  );
}
