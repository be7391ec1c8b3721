import { z } from 'zod';

/** What To Do lists from events, forms and billing. */
export const ZTodoExtras = z.object({
  formsToComplete: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      matter: z.object({ number: z.string(), title: z.string() }),
      status: z.enum(['sent', 'draft']),
    }),
  ),
  outstandingInvoices: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      amount: z.string(),
      currency: z.string(),
      dueDate: z.string(),
      overdue: z.boolean(),
    }),
  ),
  upcomingEvents: z.array(
    z.object({ id: z.uuid(), title: z.string(), startsAt: z.string(), endsAt: z.string(), timeZone: z.string() }),
  ),
});
