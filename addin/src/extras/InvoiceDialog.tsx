import { useState } from 'react';
import { Checkbox, Field, Input, Select, Text } from '@fluentui/react-components';
import {
  localToday,
  parseAmount,
  uploadMatterDocument,
  type Contact,
  type Invoice,
  type InvoiceStatus,
  type Matter,
} from '@confer/ui';
import { FormDialog } from './FormDialog';
import { extrasFieldErrors } from './extras-field-errors';
import { useExtrasStyles } from './extras-styles';
import { useExtrasApi } from './use-extras-api';
import { useGetToken } from '../auth/use-token';
import { t } from '../messages';

const listNames = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? '') : t.extras.joinNames(names.slice(0, -1).join(', '), names.at(-1)!);

const CURRENCIES = ['GBP', 'EUR', 'USD', 'AUD', 'CAD', 'NZD', 'CHF', 'JPY', 'SGD', 'HKD', 'ZAR', 'INR'];

type InvoiceDialogProps = {
  open: boolean;
  matter: Matter;
  /** The matter's contacts: its clients are emailed about an outstanding invoice. */
  contacts: Contact[];
  /** Suggested currency (the matter's last invoice). */
  currency: string;
  onCreated: (invoice: Invoice) => void;
  onClose: () => void;
};

/** Records an invoice on a matter, optionally with its PDF (kept in the matter's documents) and a payment link. */
export function InvoiceDialog({ open, matter, contacts, currency: suggested, onCreated, onClose }: InvoiceDialogProps) {
  const x = useExtrasStyles();
  const api = useExtrasApi();
  const getToken = useGetToken();
  const today = localToday();
  const [number, setNumber] = useState('');
  const [issueDate, setIssueDate] = useState(today);
  const [dueDate, setDueDate] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(suggested);
  const [status, setStatus] = useState<InvoiceStatus>('outstanding');
  const [paymentUrl, setPaymentUrl] = useState('');
  const [pdf, setPdf] = useState<File | null>(null);
  const [notifyClients, setNotifyClients] = useState(true);
  const clients = contacts.filter((c) => c.active && c.kind === 'client' && c.email);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function submit() {
    const found: Record<string, string> = {};
    if (!number.trim()) found.number = t.extras.enterTheInvoiceNumber;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(issueDate)) found.issueDate = t.extras.chooseTheIssueDate;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) found.dueDate = t.extras.chooseTheDueDate;
    else if (dueDate < issueDate) found.dueDate = t.extras.theDueDateCannot;
    const parsed = parseAmount(amount, currency);
    if (!parsed.ok) found.amount = parsed.message;
    const link = paymentUrl.trim();
    if (link && !/^https:\/\/\S+$/i.test(link)) found.paymentUrl = t.extras.useAnHttpsLink;
    if (pdf && pdf.type && pdf.type !== 'application/pdf') found.pdf = t.extras.chooseAPdfFile;
    setErrors(found);
    if (Object.keys(found).length > 0 || !parsed.ok) return;
    setProblem(null);
    try {
      let documentId: string | undefined;
      if (pdf) {
        setBusy(t.extras.uploadingPdf);
        documentId = (await uploadMatterDocument(matter.id, pdf, { token: await getToken() })).documentId;
      }
      setBusy(t.extras.saving);
      onCreated(
        await api.createInvoice(matter.id, {
          number: number.trim(),
          issueDate,
          dueDate,
          amount: parsed.amount,
          currency,
          status,
          ...(documentId ? { documentId } : {}),
          ...(link ? { paymentUrl: link } : {}),
          notifyClients: notifyClients && status === 'outstanding',
        }),
      );
    } catch (error) {
      const byField = extrasFieldErrors(error);
      setErrors(byField);
      if (Object.keys(byField).length === 0) setProblem(error);
      setBusy(null);
    }
  }

  const state = (key: string) => (errors[key] ? ('error' as const) : ('none' as const));

  return (
    <FormDialog
      open={open}
      subtitle={`${matter.number} · ${matter.title}`}
      title={t.extras.addInvoice}
      submitLabel={t.extras.addInvoice}
      busyLabel={busy ?? undefined}
      busy={busy !== null}
      error={problem}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field
        label={t.extras.invoiceNumber}
        required
        validationMessage={errors.number}
        validationState={state('number')}
      >
        <Input value={number} maxLength={60} onChange={(_, d) => setNumber(d.value)} />
      </Field>
      <div className={x.pair}>
        <Field
          label={t.extras.issueDate}
          required
          validationMessage={errors.issueDate}
          validationState={state('issueDate')}
        >
          <Input type="date" value={issueDate} onChange={(_, d) => setIssueDate(d.value)} />
        </Field>
        <Field label={t.extras.dueDate} required validationMessage={errors.dueDate} validationState={state('dueDate')}>
          <Input type="date" value={dueDate} onChange={(_, d) => setDueDate(d.value)} />
        </Field>
      </div>
      <div className={x.pair}>
        <Field label={t.extras.amount} required validationMessage={errors.amount} validationState={state('amount')}>
          <Input inputMode="decimal" value={amount} onChange={(_, d) => setAmount(d.value)} />
        </Field>
        <Field label={t.extras.currency} validationMessage={errors.currency} validationState={state('currency')}>
          <Select value={currency} onChange={(_, d) => setCurrency(d.value)}>
            {[...new Set([suggested, ...CURRENCIES])].map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label={t.extras.status} validationMessage={errors.status} validationState={state('status')}>
        <Select value={status} onChange={(_, d) => setStatus(d.value as InvoiceStatus)}>
          <option value="outstanding">{t.extras.outstanding}</option>
          <option value="paid">{t.extras.paid}</option>
        </Select>
      </Field>
      <Field
        label={t.extras.invoicePdfOptional}
        hint={t.extras.keptInTheMatters}
        validationMessage={errors.pdf ?? errors.documentId}
        validationState={errors.pdf || errors.documentId ? 'error' : 'none'}
      >
        <input
          id="invoice-pdf"
          type="file"
          accept="application/pdf,.pdf"
          onChange={(e) => setPdf(e.target.files?.[0] ?? null)}
        />
      </Field>
      <Field
        label={t.extras.paymentLinkOptional}
        hint={t.extras.anHttpsLinkWhere}
        validationMessage={errors.paymentUrl}
        validationState={state('paymentUrl')}
      >
        <Input type="url" value={paymentUrl} maxLength={2000} onChange={(_, d) => setPaymentUrl(d.value)} />
      </Field>
      {status === 'outstanding' && clients.length > 0 && (
        <Checkbox
          checked={notifyClients}
          onChange={(_, d) => setNotifyClients(d.checked === true)}
          label={t.extras.emailALinkTo(listNames(clients.map((c) => c.name)))}
        />
      )}
      {status === 'outstanding' && clients.length === 0 && <Text size={200}>{t.extras.noClientOfThis}</Text>}
    </FormDialog>
  );
}
