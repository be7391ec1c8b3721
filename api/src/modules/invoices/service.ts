import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connect.js';
import { AppError, notFound } from '../../errors.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { fieldErrors } from '../../shared/field-errors.js';
import { requireVisibleMatter } from '../matters/service.js';
import { emailContactNotice, type TContactEmailDeps } from '../notifications/email-contact.js';
import { renderInvoiceEmail } from '../notifications/templates/invoice-email.js';
import { listEngagedClientIds } from '../portal/contact-matters.js';
import { fromMinorUnits, toMinorUnits } from './money.js';
import * as repo from './repository.js';
import type { TCreateInvoice, TInvoice, TUpdateInvoice } from './schemas.js';

export type TInvoicesDeps = TContactEmailDeps & { db: Db; clock: Clock };

export function toInvoiceCore(row: repo.TInvoiceRow) {
  return {
    id: row.id,
    matterId: row.matterId,
    matter: { number: row.matterNumber, title: row.matterTitle },
    number: row.number,
    issueDate: row.issueDate,
    dueDate: row.dueDate,
    amount: fromMinorUnits(Number(row.amountMinor), row.currency),
    amountMinor: Number(row.amountMinor),
    currency: row.currency,
    status: row.status,
    paidAt: row.paidAt ? row.paidAt.toISOString() : null,
    paymentUrl: row.paymentUrl,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const toInvoice = (row: repo.TInvoiceRow): TInvoice => ({ ...toInvoiceCore(row), documentId: row.documentId });

const numberTaken = () =>
  new AppError('invoice_number_taken', 409, 'This matter already has an invoice with this number');

async function requireVisibleInvoice(db: Db, ctx: StaffContext, id: string) {
  const row = await repo.getInvoice(db, ctx.firmId, id);
  if (!row) throw notFound('Invoice');
  await requireVisibleMatter(db, ctx, row.matterId).catch(() => {
    throw notFound('Invoice');
  });
  return row;
}

async function assertMatterDocument(db: Db, firmId: string, matterId: string, documentId: string | null | undefined) {
  if (documentId && !(await repo.isMatterDocument(db, firmId, matterId, documentId))) {
    throw fieldErrors([{ field: 'documentId', message: 'is not a document of this matter' }]);
  }
}

const isUniqueViolation = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
};

export async function listMatterInvoices(db: Db, ctx: StaffContext, matterId: string) {
  await requireVisibleMatter(db, ctx, matterId);
  return { items: (await repo.listMatterInvoices(db, ctx.firmId, matterId)).map(toInvoice) };
}

/** Tells the matter's engaged clients about a new outstanding invoice, like events and forms do. */
async function emailClientsAboutInvoice(deps: TInvoicesDeps, tx: Db, row: repo.TInvoiceRow) {
  for (const contactId of await listEngagedClientIds(tx, row.firmId, row.matterId)) {
    await emailContactNotice(deps, tx, {
      firmId: row.firmId,
      contactId,
      kind: 'invoice_added',
      render: (to) =>
        renderInvoiceEmail(to, {
          number: row.number,
          matterNumber: row.matterNumber,
          matterTitle: row.matterTitle,
          currency: row.currency,
          amount: fromMinorUnits(Number(row.amountMinor), row.currency),
          due: row.dueDate,
        }),
    });
  }
}

export async function createInvoice(deps: TInvoicesDeps, ctx: StaffContext, matterId: string, input: TCreateInvoice) {
  const { db } = deps;
  await requireVisibleMatter(db, ctx, matterId);
  const minor = toMinorUnits(input.amount, input.currency);
  if (typeof minor !== 'number') throw fieldErrors([{ field: 'amount', message: minor.error }]);
  await assertMatterDocument(db, ctx.firmId, matterId, input.documentId);
  if (await repo.findInvoiceByNumber(db, ctx.firmId, matterId, input.number)) throw numberTaken();
  let id: string;
  try {
    id = await db.transaction(async (tx) => {
      const newId = await repo.insertInvoice(tx, ctx.firmId, {
        matterId,
        number: input.number,
        issueDate: input.issueDate,
        dueDate: input.dueDate,
        amountMinor: minor,
        currency: input.currency,
        status: input.status,
        paidAt: input.status === 'paid' ? deps.clock.now() : null,
        documentId: input.documentId ?? null,
        paymentUrl: input.paymentUrl || null,
        createdByStaffId: ctx.staffId,
      });
      if (input.notifyClients && input.status === 'outstanding') {
        await emailClientsAboutInvoice(deps, tx, (await repo.getInvoice(tx, ctx.firmId, newId))!);
      }
      return newId;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw numberTaken();
    throw error;
  }
  return toInvoice((await repo.getInvoice(db, ctx.firmId, id))!);
}

export async function updateInvoice(deps: TInvoicesDeps, ctx: StaffContext, id: string, input: TUpdateInvoice) {
  const { db } = deps;
  const before = await requireVisibleInvoice(db, ctx, id);
  if (input.dueDate && input.dueDate < before.issueDate) {
    throw fieldErrors([{ field: 'dueDate', message: 'must not be before the issue date' }]);
  }
  await assertMatterDocument(db, ctx.firmId, before.matterId, input.documentId);
  const statusChange =
    input.status && input.status !== before.status
      ? { status: input.status, paidAt: input.status === 'paid' ? deps.clock.now() : null }
      : {};
  await repo.updateInvoice(db, ctx.firmId, id, {
    ...statusChange,
    ...(input.dueDate ? { dueDate: input.dueDate } : {}),
    ...(input.paymentUrl !== undefined ? { paymentUrl: input.paymentUrl || null } : {}),
    ...(input.documentId !== undefined ? { documentId: input.documentId } : {}),
  });
  return toInvoice((await repo.getInvoice(db, ctx.firmId, id))!);
}
