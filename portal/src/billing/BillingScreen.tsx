import { useMemo } from 'react';
import { Body1, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { formatMoney, localToday, useLoader } from '@confer/ui';
import { EmptyState } from '../common/EmptyState';
import { ErrorNotice } from '@confer/ui/errors';
import { ReceiptRegular } from '@fluentui/react-icons';
import { Loading } from '../common/Loading';
import { Page } from '../common/Page';
import { ListSection } from '../common/ListSection';
import { useListStyles } from '../common/list-styles';
import { portalExtras } from '../session/portal-extras';
import { useLiveEvent, usePortal } from '../shell/portal-context';
import { InvoiceRow } from './InvoiceRow';
import { t } from '../messages';

const useStyles = makeStyles({
  totals: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  total: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  big: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  meta: { color: tokens.colorNeutralForeground3 },
  muted: { margin: 0, color: tokens.colorNeutralForeground3 },
});

/** Outstanding and paid invoices, with totals per currency. */
export function BillingScreen() {
  const styles = useStyles();
  const list = useListStyles();
  const { session } = usePortal();
  const today = useMemo(() => localToday(), []);
  const invoices = useLoader((signal) => portalExtras.listInvoices({ signal }), [session.firm.id]);
  const { reload } = invoices;
  useLiveEvent((event) => {
    if (event.type === 'resync') reload();
  });
  const data = invoices.data;
  const outstanding = (data?.items ?? [])
    .filter((i) => i.status === 'outstanding')
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const paid = (data?.items ?? [])
    .filter((i) => i.status === 'paid')
    .sort((a, b) => (b.paidAt ?? b.issueDate).localeCompare(a.paidAt ?? a.issueDate));

  return (
    <Page title={t.billing.billing}>
      {invoices.error ? <ErrorNotice error={invoices.error} /> : null}
      {!data && invoices.loading ? <Loading label={t.billing.loadingYourInvoices} /> : null}
      {data && data.items.length === 0 ? (
        <EmptyState icon={<ReceiptRegular />} title={t.billing.noInvoices}>
          {t.billing.invoicesFromWillBe(session.firm.name)}
        </EmptyState>
      ) : null}
      {data && data.totals.length > 0 ? (
        <section className={list.section} aria-labelledby="billing-totals">
          <Subtitle2 as="h3" id="billing-totals" className={list.sectionHeading}>
            {t.billing.totals}
          </Subtitle2>
          <ul className={styles.totals}>
            {data.totals.map((total) => (
              <li key={total.currency} className={styles.total}>
                <Caption1 className={styles.meta}>{t.billing.outstandingIn(total.currency)}</Caption1>
                <span className={styles.big}>{formatMoney(total.outstanding, total.currency)}</span>
                <Caption1 className={styles.meta}>
                  {t.billing.paidAmount(formatMoney(total.paid, total.currency))}
                </Caption1>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data && data.items.length > 0 ? (
        <ListSection
          id="billing-outstanding"
          heading={t.billing.outstanding}
          items={outstanding}
          keyOf={(invoice) => invoice.id}
          renderItem={(invoice) => <InvoiceRow invoice={invoice} today={today} />}
          nameList
          empty={
            <Body1 as="p" className={styles.muted}>
              {t.billing.nothingToPayAt}
            </Body1>
          }
        />
      ) : null}
      {paid.length > 0 ? (
        <ListSection
          id="billing-paid"
          heading={t.billing.paid}
          items={paid}
          keyOf={(invoice) => invoice.id}
          renderItem={(invoice) => <InvoiceRow invoice={invoice} today={today} />}
          nameList
        />
      ) : null}
    </Page>
  );
}
