import { Badge, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { formatMoney, groupTodoItems, type PortalTodoExtras, type TodoExtraItem } from '@confer/ui';
import { BillingIcon, CalendarIcon, FormIcon } from '../common/icons';
import { formatDateOnly, formatInZone } from '../common/format-day';
import { useListStyles } from '../common/list-styles';
import type { Route } from '../routing/route';
import { RouterLink } from '../routing/RouterLink';

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
  icon: { fontSize: '24px', color: tokens.colorBrandForeground1, display: 'flex', flexShrink: 0 },
  rowText: { flex: '1 1 auto', minWidth: 0, display: 'flex', flexDirection: 'column' },
  title: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground3 },
});

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

const iconOf = { form: <FormIcon />, invoice: <BillingIcon />, event: <CalendarIcon /> };

/** Forms to complete, invoices to pay and events coming up, each linking to its place. */
export function TodoExtras({ extras }: { extras: PortalTodoExtras }) {
  const styles = useStyles();
  const list = useListStyles();
  return (
    <>
      {groupTodoItems(extras, formatters).map((group) => (
        <section key={group.kind} className={list.section} aria-labelledby={`todo-${group.kind}`}>
          <Subtitle2 as="h3" id={`todo-${group.kind}`} className={list.sectionHeading}>
            {group.heading}
          </Subtitle2>
          <ul className={list.list}>
            {group.items.map((item) => (
              <li key={item.id} className={list.item}>
                <RouterLink className={styles.row} to={targetOf(item)}>
                  <span className={styles.icon}>{iconOf[item.kind]}</span>
                  <span className={styles.rowText}>
                    <span className={styles.title}>{item.title}</span>
                    <Caption1 className={styles.meta}>{item.detail}</Caption1>
                  </span>
                  {item.urgent ? (
                    <Badge appearance="filled" color="danger">
                      Overdue
                    </Badge>
                  ) : null}
                </RouterLink>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
