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
          Invoices
        </Subtitle2>
        <Button size="small" icon={<AddRegular />} onClick={() => adding.open(true)}>
          Add invoice
        </Button>
      </div>
      {state.status === 'loading' && <Spinner size="tiny" label="Loading invoices…" />}
      {state.status === 'error' && <ErrorNotice error={state.error} onRetry={reload} />}
      {error != null && <ErrorNotice error={error} />}
      {state.status === 'ready' && items.length === 0 && <Text className={x.muted}>No invoices yet.</Text>}
      {items.length > 0 && (
        <ul aria-label="Invoices" className={x.list}>
          {items.map((invoice) => (
            <li key={invoice.id} className={x.item} aria-label={`Invoice ${invoice.number}`}>
              <div className={x.row}>
                <Text className={x.name}>Invoice {invoice.number}</Text>
                <Text weight="semibold">{formatMoney(invoice.amount, invoice.currency)}</Text>
                {invoice.status === 'paid' ? (
                  <Badge appearance="tint" color="success">
                    Paid
                  </Badge>
                ) : isInvoiceOverdue(invoice, today) ? (
                  <Badge appearance="filled" color="danger">
                    Overdue
                  </Badge>
                ) : (
                  <Badge appearance="tint" color="informative">
                    Outstanding
                  </Badge>
                )}
              </div>
              <Text size={200} className={x.muted}>
                Issued {formatDateOnly(invoice.issueDate)} · Due {formatDateOnly(invoice.dueDate)}
                {invoice.documentId ? ' · PDF attached' : ''}
                {invoice.paymentUrl ? ' · Payment link' : ''}
              </Text>
              {invoice.status === 'outstanding' && (
                <div className={x.actions}>
                  <Button
                    size="small"
                    disabledFocusable={busy !== null}
                    onClick={() => void markPaid(invoice)}
                    aria-label={`Mark paid: invoice ${invoice.number}`}
                  >
                    {busy === invoice.id ? 'Saving…' : 'Mark paid'}
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
