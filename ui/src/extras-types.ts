/*
 * Wire types of events, intake forms, invoices and the extended To do (staff /api/v1 and
 * portal /api/portal/v1). Timestamps are ISO 8601 strings; dates are 'YYYY-MM-DD'.
 */

export type ExtrasMatterRef = { number: string; title: string };

export type CalendarEvent = {
  id: string;
  matterId: string;
  matter: ExtrasMatterRef;
  title: string;
  startsAt: string;
  endsAt: string;
  /** IANA zone, e.g. 'Europe/London'. */
  timeZone: string;
  location: string | null;
  /** https only. */
  videoUrl: string | null;
  attendees: Array<{ contactId: string; name: string }>;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** An event as the portal sends it: attendees by name only. */
export type PortalCalendarEvent = Omit<CalendarEvent, 'attendees'> & { attendees: Array<{ name: string }> };

export type EventInput = {
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  location?: string | null;
  videoUrl?: string | null;
  attendeeContactIds: string[];
};

export const FORM_FIELD_TYPES = ['short_text', 'long_text', 'date', 'choice', 'checkbox', 'file'] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

export type FormField = {
  /** [a-z0-9_]{1,40}, unique in its form. */
  key: string;
  label: string;
  type: FormFieldType;
  required: boolean;
  /** Only for 'choice': 1..50 non-empty, unique. */
  options?: string[];
  help?: string;
};

export type IntakeForm = {
  id: string;
  title: string;
  description: string | null;
  fields: FormField[];
  createdAt: string;
};

export type CreateFormInput = { title: string; description?: string; fields: FormField[] };

export type FormFileAnswer = { fileIds: string[] };

/** short_text, long_text, choice: string; date: 'YYYY-MM-DD'; checkbox: boolean; file: file ids. */
export type FormAnswerValue = string | boolean | FormFileAnswer;

export type FormAnswers = Record<string, FormAnswerValue>;

export type FormRequestStatus = 'sent' | 'draft' | 'submitted';

export type FormUploadedFile = { id: string; name: string; size: number };

export type FormRequest = {
  id: string;
  form: IntakeForm;
  matterId: string;
  matter: ExtrasMatterRef;
  contact: { id: string; name: string };
  status: FormRequestStatus;
  answers: FormAnswers;
  files: FormUploadedFile[];
  sentAt: string;
  draftSavedAt: string | null;
  submittedAt: string | null;
  documents: { pdfDocumentId: string; csvDocumentId: string } | null;
};

export type InvoiceStatus = 'outstanding' | 'paid';

export type Invoice = {
  id: string;
  matterId: string;
  matter: ExtrasMatterRef;
  number: string;
  issueDate: string;
  dueDate: string;
  /** Decimal string with the currency's digits, e.g. "1250.00". */
  amount: string;
  amountMinor: number;
  /** ISO 4217, upper case. */
  currency: string;
  status: InvoiceStatus;
  paidAt: string | null;
  documentId: string | null;
  paymentUrl: string | null;
  createdAt: string;
  updatedAt: string;
};

/** An invoice as the portal sends it: whether a PDF exists, not which document holds it. */
export type PortalInvoice = Omit<Invoice, 'documentId'> & { hasPdf: boolean };

export type InvoiceTotals = { currency: string; outstanding: string; paid: string };

export type PortalInvoiceList = { items: PortalInvoice[]; totals: InvoiceTotals[] };

export type CreateInvoiceInput = {
  number: string;
  issueDate: string;
  dueDate: string;
  amount: string;
  currency: string;
  status?: InvoiceStatus;
  documentId?: string;
  paymentUrl?: string;
  /** Email the matter's clients about an outstanding invoice (default true). */
  notifyClients?: boolean;
};

export type UpdateInvoiceInput = {
  status?: InvoiceStatus;
  dueDate?: string;
  paymentUrl?: string | null;
  documentId?: string | null;
};

/** What GET /todo adds for forms, invoices and events. */
export type PortalTodoExtras = {
  formsToComplete?: Array<{ id: string; title: string; matter: ExtrasMatterRef; status: FormRequestStatus }>;
  outstandingInvoices?: Array<{
    id: string;
    number: string;
    amount: string;
    currency: string;
    dueDate: string;
    overdue: boolean;
  }>;
  upcomingEvents?: Array<{ id: string; title: string; startsAt: string; endsAt: string; timeZone: string }>;
};
