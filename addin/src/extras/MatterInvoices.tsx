import { useState } from 'react';
import { Badge, Button, Spinner, Subtitle2, Text } from '@fluentui/react-components';
import {
  formatMoney,
  isInvoiceOverdue,
  localToday,
  type Contact,
  type Invoice,
  type Matter,
  useLoader,
} from '@confer/ui';
import { ErrorNotice } from '@confer/ui/errors';
import { formatDateOnly } from '@confer/ui/format-time';
import { AddRegular } from '@fluentui/react-icons';
import { InvoiceDialog } from './InvoiceDialog';
import { useExtrasStyles } from './extras-styles';
import { useDialogState } from '../common/use-dialog-state';
import { useExtrasApi } from './use-extras-api';
import { t } from '../messages';

/** A matter's invoices: amount, dates, status; add one, mark one paid. */
export function MatterInvoices({ matter, contacts }: { matter: Matter; contacts: Contact[] }) {
  const x = useExtrasStyles();
  const api = useExtrasApi();
  const { state, reload, setData } = useLoader(
    (signal) => api.listMatterInvoices(matter.id, { signal }).then((r) => r.items),
    [api, matter.id],
  );
  const adding = useDialogState();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const items = state.status === 'ready' ? state.data : [];
  const today = localToday();

  async function markPaid(invoice: Invoice) {
    setBusy(invoice.id);
    setError(null);
    try {
      const updated = await api.updateInvoice(invoice.id, { status: 'paid' });
      setData(items.map((i) => (i.id === updated.id ? updated : i)));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className={x.section} aria-labelledby="invoices-heading">
      <div className={x.top}>
        <Subtitle2 as="h3" id="invoices-heading" className={x.heading}>
          {t.extras.invoices}
        </Subtitle2>
        <Button size="small" icon={<AddRegular />} onClick={() => adding.open(true)}>
          {t.extras.addInvoice}
        </Button>
      </div>
      {state.status === 'loading' && <Spinner size="tiny" label={t.extras.loadingInvoices} />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {error != null && <ErrorNotice error={error} />}
      {state.status === 'ready' && items.length === 0 && <Text className={x.muted}>{t.extras.noInvoicesYet}</Text>}
      {items.length > 0 && (
        <ul aria-label={t.extras.invoices} className={x.list}>
          {items.map((invoice) => (
            <li key={invoice.id} className={x.item} aria-label={t.extras.invoice(invoice.number)}>
              <div className={x.row}>
                <Text className={x.name}>{t.extras.invoice(invoice.number)}</Text>
                <Text weight="semibold">{formatMoney(invoice.amount, invoice.currency)}</Text>
                {invoice.status === 'paid' ? (
                  <Badge appearance="tint" color="success">
                    {t.extras.paid}
                  </Badge>
                ) : isInvoiceOverdue(invoice, today) ? (
                  <Badge appearance="filled" color="danger">
                    {t.extras.overdue}
                  </Badge>
                ) : (
                  <Badge appearance="tint" color="informative">
                    {t.extras.outstanding}
                  </Badge>
                )}
              </div>
              <Text size={200} className={x.muted}>
                {t.extras.issuedAndDue(formatDateOnly(invoice.issueDate), formatDateOnly(invoice.dueDate))}
                {invoice.documentId ? t.extras.pdfAttached : ''}
                {invoice.paymentUrl ? t.extras.paymentLink : ''}
              </Text>
              {invoice.status === 'outstanding' && (
                <div className={x.actions}>
                  <Button
                    size="small"
                    disabledFocusable={busy !== null}
                    onClick={() => void markPaid(invoice)}
                    aria-label={t.extras.markPaidInvoice(invoice.number)}
                  >
                    {busy === invoice.id ? t.extras.saving : t.extras.markPaid}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {adding.state && (
        <InvoiceDialog
          key={adding.state.key}
          open={adding.state.open}
          matter={matter}
          contacts={contacts}
          currency={items[0]?.currency ?? 'GBP'}
          onCreated={(invoice) => {
            setData([invoice, ...items]);
            adding.close();
          }}
          onClose={adding.close}
        />
      )}
    </section>
  );
}
