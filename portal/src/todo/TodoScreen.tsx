import { Body1, Caption1, CounterBadge, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { EmptyState } from '../common/EmptyState';
import { ErrorBar } from '../common/ErrorBar';
import { ToDoIcon } from '../common/icons';
import { Loading } from '../common/Loading';
import { Page } from '../common/Page';
import { useListStyles } from '../common/list-styles';
import { plural } from '../common/format';
import { useLoader } from '../common/use-loader';
import { FileRow } from '../files/FileRow';
import { InlineLink } from '../routing/InlineLink';
import { RouterLink } from '../routing/RouterLink';
import { portalClient } from '../session/portal-client';
import { useLiveEvent, usePortal } from '../shell/portal-context';
import { countTodoExtras, type PortalTodoExtras } from '@confer/ui';
import { TodoExtras } from './TodoExtras';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground1,
    textDecoration: 'none',
    borderRadius: tokens.borderRadiusMedium,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  rowText: { flex: '1 1 auto', minWidth: 0, display: 'flex', flexDirection: 'column' },
  title: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground3 },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
});

/** What needs the client's attention: unread messages and shared documents not yet opened. */
export function TodoScreen() {
  const styles = useStyles();
  const list = useListStyles();
  const { session } = usePortal();
  const todo = useLoader(`todo:${session.firm.id}`, (signal) => portalClient.getTodo({ signal }));
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
      {todo.error ? <ErrorBar error={todo.error} /> : null}
      {!data && todo.loading ? <Loading label="Loading your to-do list" /> : null}
      {nothing ? (
        <EmptyState icon={<ToDoIcon />} title="You are all caught up">
          Nothing new needs your attention. When {session.firm.name} sends you a message or a document, it will appear
          here. <InlineLink to={{ name: 'conversations' }}>See all your messages</InlineLink>
        </EmptyState>
      ) : null}
      {data && data.unreadMessages.length > 0 ? (
        <section className={list.section} aria-labelledby="todo-unread">
          <Subtitle2 as="h3" id="todo-unread" className={list.sectionHeading}>
            Unread messages
          </Subtitle2>
          <ul className={list.list}>
            {data.unreadMessages.map((item) => (
              <li key={item.conversationId} className={list.item}>
                <RouterLink
                  className={styles.row}
                  to={{ name: 'conversation', conversationId: item.conversationId, tab: 'messages' }}
                >
                  <span className={styles.rowText}>
                    <span className={styles.title}>{item.title}</span>
                    <Caption1 className={styles.meta}>
                      {plural(item.unreadCount, 'new message', 'new messages')}
                    </Caption1>
                  </span>
                  <CounterBadge count={item.unreadCount} aria-hidden="true" />
                </RouterLink>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data && data.documentsToOpen.length > 0 ? (
        <section className={list.section} aria-labelledby="todo-documents">
          <Subtitle2 as="h3" id="todo-documents" className={list.sectionHeading}>
            Documents to open
          </Subtitle2>
          <ul className={list.list}>
            {data.documentsToOpen.map((file) => (
              <li key={`${file.shareId ?? ''}:${file.versionId}`} className={list.item}>
                <FileRow file={file} showMatter />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data ? <TodoExtras extras={data} /> : null}
    </Page>
  );
}
