import { Badge, Body1, Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { formatMoney, isInvoiceOverdue, portalInvoicePdfUrl, type PortalInvoice } from '@confer/ui';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { formatDateOnly } from '@confer/ui/format-time';
import { matterLine } from '../common/matter-line';
import { t } from '../messages';

const useStyles = makeStyles({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
  },
  text: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0, flex: '1 1 200px' },
  head: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  number: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground3 },
  side: { display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: tokens.spacingVerticalS },
  amount: {
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: 'tabular-nums',
    fontSize: tokens.fontSizeBase400,
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, justifyContent: 'flex-end' },
});

const isHttps = (url: string | null): url is string => Boolean(url && /^https:\/\//i.test(url));

/** One invoice: number, matter, dates, amount, overdue badge, Pay and PDF. */
export function InvoiceRow({ invoice, today }: { invoice: PortalInvoice; today: string }) {
  const styles = useStyles();
  const overdue = isInvoiceOverdue(invoice, today);
  const amount = formatMoney(invoice.amount, invoice.currency);
  const outstanding = invoice.status === 'outstanding';
  return (
    <div className={styles.row}>
      <div className={styles.text}>
        <span className={styles.head}>
          <Body1 className={styles.number}>{t.billing.invoice(invoice.number)}</Body1>
          {overdue ? (
            <Badge appearance="filled" color="danger">
              {t.billing.overdue}
            </Badge>
          ) : null}
          {!outstanding ? (
            <Badge appearance="tint" color="success">
              {t.billing.paid}
            </Badge>
          ) : null}
        </span>
        <Caption1 className={styles.meta}>{matterLine(invoice.matter)}</Caption1>
        <Caption1 className={styles.meta}>
          {t.billing.issuedOn(formatDateOnly(invoice.issueDate))}{' '}
          {outstanding
            ? t.billing.due(formatDateOnly(invoice.dueDate))
            : invoice.paidAt
              ? t.billing.paidOn(formatDateOnly(invoice.paidAt.slice(0, 10)))
              : t.billing.wasDue(formatDateOnly(invoice.dueDate))}
        </Caption1>
      </div>
      <div className={styles.side}>
        <span className={styles.amount}>{amount}</span>
        <div className={styles.actions}>
          {invoice.hasPdf ? (
            <Button
              as="a"
              size="small"
              href={portalInvoicePdfUrl(invoice.id)}
              download
              icon={<ArrowDownloadRegular />}
              aria-label={t.billing.downloadPdfOfInvoice(invoice.number)}
            >
              {t.billing.downloadPdf}
            </Button>
          ) : null}
          {outstanding && isHttps(invoice.paymentUrl) ? (
            <Button
              as="a"
              size="small"
              appearance="primary"
              href={invoice.paymentUrl}
              target="_blank"
              rel="noopener noreferrer"
              aria-label={t.billing.payInvoiceOpensIn(invoice.number, amount)}
            >
              {t.billing.pay}
            </Button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
