import { z } from 'zod';
import { ZHttpsUrl, ZOneLine } from '../../shared/text-schemas.js';
import { isCurrency } from './money.js';

const ZDate = z.iso.date('must be a date as YYYY-MM-DD');
export const ZInvoiceStatus = z.enum(['outstanding', 'paid']);

export const ZCreateInvoice = z
  .object({
    number: ZOneLine(60),
    issueDate: ZDate,
    dueDate: ZDate,
    amount: z.string().trim().max(40),
    currency: z.string().refine(isCurrency, 'must be an ISO 4217 currency code in capitals, e.g. GBP'),
    status: ZInvoiceStatus.default('outstanding'),
    documentId: z.uuid('must be a UUID').nullable().optional(),
    paymentUrl: ZHttpsUrl.nullable().optional(),
    /** Email the matter's clients (engaged, with an email address) a link to an outstanding invoice. */
    notifyClients: z.boolean().default(true),
  })
  .strict()
  .refine((i) => i.dueDate >= i.issueDate, { path: ['dueDate'], message: 'must not be before issueDate' })
  .openapi('CreateInvoice');
export type TCreateInvoice = z.infer<typeof ZCreateInvoice>;

export const ZUpdateInvoice = z
  .object({
    status: ZInvoiceStatus.optional(),
    dueDate: ZDate.optional(),
    paymentUrl: ZHttpsUrl.nullable().optional(),
    documentId: z.uuid('must be a UUID').nullable().optional(),
  })
  .strict()
  .openapi('UpdateInvoice');
export type TUpdateInvoice = z.infer<typeof ZUpdateInvoice>;

const invoiceShape = {
  id: z.uuid(),
  matterId: z.uuid(),
  matter: z.object({ number: z.string(), title: z.string() }),
  number: z.string(),
  issueDate: z.string(),
  dueDate: z.string(),
  amount: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  status: ZInvoiceStatus,
  paidAt: z.string().nullable(),
  paymentUrl: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const ZInvoice = z
  .object({ ...invoiceShape, documentId: z.uuid().nullable() })
  .strict()
  .openapi('Invoice');
export type TInvoice = z.infer<typeof ZInvoice>;

export const ZPortalInvoice = z
  .object({ ...invoiceShape, hasPdf: z.boolean() })
  .strict()
  .openapi('PortalInvoice');

export const ZInvoiceTotals = z.object({ currency: z.string(), outstanding: z.string(), paid: z.string() }).strict();

export const ZIdParams = z.object({ id: z.uuid('must be a UUID') }).strict();
