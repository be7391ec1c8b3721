import type { PortalTodoExtras } from '../extras-types.js';

export type TodoItemKind = 'form' | 'invoice' | 'event';

export type TodoExtraItem =
  | { kind: 'form'; id: string; title: string; detail: string; urgent: false; sortKey: string }
  | { kind: 'invoice'; id: string; title: string; detail: string; urgent: boolean; sortKey: string }
  | { kind: 'event'; id: string; title: string; detail: string; urgent: false; sortKey: string };

export type TodoGroup = { kind: TodoItemKind; heading: string; items: TodoExtraItem[] };

export type TodoFormatters = {
  money: (amount: string, currency: string) => string;
  date: (isoDate: string) => string;
  dateTime: (iso: string, timeZone: string) => string;
};

/**
 * Forms to complete (not started first), outstanding invoices (overdue first, then by due date)
 * and events in the coming days (soonest first), as headed groups; empty groups are left out.
 */
export function groupTodoItems(extras: PortalTodoExtras, format: TodoFormatters): TodoGroup[] {
  const forms: TodoExtraItem[] = (extras.formsToComplete ?? [])
    .map((f) => ({
      kind: 'form' as const,
      id: f.id,
      title: f.title,
      detail: `${f.status === 'draft' ? 'Draft saved' : 'Not started'} · Matter ${f.matter.number}`,
      urgent: false as const,
      sortKey: `${f.status === 'draft' ? 1 : 0}:${f.title}`,
    }))
    .sort((a, b) => a.sortKey.localeCompare(b.sortKey));
  const invoices: TodoExtraItem[] = (extras.outstandingInvoices ?? [])
    .map((i) => ({
      kind: 'invoice' as const,
      id: i.id,
      title: `Invoice ${i.number} · ${format.money(i.amount, i.currency)}`,
      detail: `${i.overdue ? 'Overdue: was due' : 'Due'} ${format.date(i.dueDate)}`,
      urgent: i.overdue,
      sortKey: `${i.overdue ? 0 : 1}:${i.dueDate}:${i.number}`,
    }))
    .sort((a, b) => a.sortKey.localeCompare(b.sortKey));
  const events: TodoExtraItem[] = (extras.upcomingEvents ?? [])
    .map((e) => ({
      kind: 'event' as const,
      id: e.id,
      title: e.title,
      detail: format.dateTime(e.startsAt, e.timeZone),
      urgent: false as const,
      sortKey: new Date(e.startsAt).toISOString(),
    }))
    .sort((a, b) => a.sortKey.localeCompare(b.sortKey));
  const groups: TodoGroup[] = [
    { kind: 'form', heading: 'Forms to complete', items: forms },
    { kind: 'invoice', heading: 'Invoices to pay', items: invoices },
    { kind: 'event', heading: 'Coming up', items: events },
  ];
  return groups.filter((g) => g.items.length > 0);
}

/** How many things in the extras need the client's attention (events are information only). */
export const countTodoExtras = (extras: PortalTodoExtras) =>
  (extras.formsToComplete?.length ?? 0) +
  (extras.outstandingInvoices?.length ?? 0) +
  (extras.upcomingEvents?.length ?? 0);
