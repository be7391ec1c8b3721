/*
 * Wire types of events, intake forms, invoices and the extended To do (staff /api/v1 and
 * portal /api/portal/v1), derived from the generated OpenAPI types. Timestamps are ISO 8601
 * strings; dates are 'YYYY-MM-DD'.
 */
import type { Schema } from './api-types.js';
import type { paths } from './generated/api.js';

/** An event; `timeZone` is an IANA zone, `videoUrl` https only. */
export type CalendarEvent = Schema<'Event'>;
export type ExtrasMatterRef = CalendarEvent['matter'];
/** An event as the portal sends it: attendees by name only. */
export type PortalCalendarEvent = Schema<'PortalEvent'>;
export type EventInput = Schema<'CreateEvent'>;

export const FORM_FIELD_TYPES = ['short_text', 'long_text', 'date', 'choice', 'checkbox', 'file'] as const;
/** A field: `key` [a-z0-9_]{1,40} unique in its form; `options` only for 'choice'. */
export type FormField = Schema<'FormField'>;
export type FormFieldType = FormField['type'];
export type IntakeForm = Schema<'Form'>;
export type CreateFormInput = Schema<'CreateForm'>;
export type FormFileAnswer = { fileIds: string[] };
/** short_text, long_text, choice: string; date: 'YYYY-MM-DD'; checkbox: boolean; file: file ids. */
export type FormAnswers = Schema<'FormAnswers'>['answers'];
export type FormAnswerValue = FormAnswers[string];
export type FormRequest = Schema<'FormRequest'>;
export type FormRequestStatus = FormRequest['status'];
export type FormUploadedFile = FormRequest['files'][number];

/** `amount` is a decimal string with the currency's digits, e.g. "1250.00"; `currency` ISO 4217. */
export type Invoice = Schema<'Invoice'>;
export type InvoiceStatus = Invoice['status'];
/** An invoice as the portal sends it: whether a PDF exists, not which document holds it. */
export type PortalInvoice = Schema<'PortalInvoice'>;
export type PortalInvoiceList =
  paths['/api/portal/v1/invoices']['get']['responses'][200]['content']['application/json'];
export type InvoiceTotals = PortalInvoiceList['totals'][number];
/** `notifyClients`: email the matter's clients about an outstanding invoice (default true). */
export type CreateInvoiceInput = Omit<Schema<'CreateInvoice'>, 'status' | 'notifyClients'> &
  Partial<Pick<Schema<'CreateInvoice'>, 'status' | 'notifyClients'>>;
export type UpdateInvoiceInput = Schema<'UpdateInvoice'>;

type PortalTodoAnswer = paths['/api/portal/v1/todo']['get']['responses'][200]['content']['application/json'];
/** What GET /todo adds for forms, invoices and events. */
export type PortalTodoExtras = Partial<
  Pick<PortalTodoAnswer, 'formsToComplete' | 'outstandingInvoices' | 'upcomingEvents'>
>;
