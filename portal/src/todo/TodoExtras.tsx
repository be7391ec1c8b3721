import { Badge, Caption1 } from '@fluentui/react-components';
import { formatMoney, groupTodoItems, type PortalTodoExtras, type TodoExtraItem } from '@confer/ui';
import { CalendarRegular, FormRegular, ReceiptRegular } from '@fluentui/react-icons';
import { formatDateOnly, formatInZone } from '@confer/ui/format-time';
import { LinkRow, useLinkRowStyles } from '../common/LinkRow';
import { ListSection } from '../common/ListSection';
import type { Route } from '../routing/route';
import { t } from '../messages';

const formatters = {
  money: (amount: string, currency: string) => formatMoney(amount, currency),
  date: formatDateOnly,
  dateTime: formatInZone,
};

function targetOf(item: TodoExtraItem): Route {
  if (item.kind === 'form') return { name: 'form', requestId: item.id };
  if (item.kind === 'invoice') return { name: 'billing' };
  return { name: 'events' };
}

const iconOf = { form: <FormRegular />, invoice: <ReceiptRegular />, event: <CalendarRegular /> };

/** Forms to complete, invoices to pay and events coming up, each linking to its place. */
export function TodoExtras({ extras }: { extras: PortalTodoExtras }) {
  const styles = useLinkRowStyles();
  return (
    <>
      {groupTodoItems(extras, formatters).map((group) => (
        <ListSection
          key={group.kind}
          id={`todo-${group.kind}`}
          heading={group.heading}
          items={group.items}
          keyOf={(item) => item.id}
          renderItem={(item) => (
            <LinkRow
              to={targetOf(item)}
              icon={iconOf[item.kind]}
              title={item.title}
              centered
              end={
                item.urgent ? (
                  <Badge appearance="filled" color="danger">
                    {t.todo.overdue}
                  </Badge>
                ) : null
              }
            >
              <Caption1 className={styles.meta}>{item.detail}</Caption1>
            </LinkRow>
          )}
        />
      ))}
    </>
  );
}
