import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connect.js';
import { notFound } from '../../errors.js';
import type { BlobStore } from '../../integrations/blob-storage/blob-store.js';
import { recordAudit } from '../audit/record-audit.js';
import { latestVersions } from '../files/repository.js';
import type { TContactContext } from '../portal-auth/service.js';
import { fromMinorUnits } from './money.js';
import * as repo from './repository.js';
import { toInvoiceCore } from './service.js';

export type TPortalInvoicesDeps = { db: Db; blobs: BlobStore; clock: Clock };

/** A link-only session (no code) sees only its conversation: no invoices. */
async function contactInvoices(db: Db, ctx: TContactContext, id?: string) {
  if (ctx.scopeConversationId) return [];
  return repo.listContactInvoices(db, ctx.firmId, ctx.contactId, { id });
}

/** The contact's invoices, and per currency what is outstanding and what was paid (summed in minor units). */
export async function listContactInvoices(db: Db, ctx: TContactContext) {
  const rows = await contactInvoices(db, ctx);
  const sums = new Map<string, { outstanding: number; paid: number }>();
  for (const row of rows) {
    const sum = sums.get(row.currency) ?? { outstanding: 0, paid: 0 };
    sum[row.status] += Number(row.amountMinor);
    sums.set(row.currency, sum);
  }
  return {
    items: rows.map((row) => ({ ...toInvoiceCore(row), hasPdf: row.documentId !== null })),
    totals: [...sums.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, sum]) => ({
        currency,
        outstanding: fromMinorUnits(sum.outstanding, currency),
        paid: fromMinorUnits(sum.paid, currency),
      })),
  };
}

/** For To Do: what is still to pay; overdue once the due date has passed (UTC). */
export async function listOutstandingInvoices(db: Db, ctx: TContactContext, now: Date) {
  const today = now.toISOString().slice(0, 10);
  return (await contactInvoices(db, ctx))
    .filter((r) => r.status === 'outstanding')
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
    .map((r) => ({
      id: r.id,
      number: r.number,
      amount: fromMinorUnits(Number(r.amountMinor), r.currency),
      currency: r.currency,
      dueDate: r.dueDate,
      overdue: r.dueDate < today,
    }));
}

/** The invoice's PDF for download, audited either way; 404 when the contact may not see it or there is none. */
export async function prepareInvoicePdf(
  deps: TPortalInvoicesDeps,
  ctx: TContactContext,
  id: string,
  meta: { requestId: string; ip: string | undefined },
) {
  const [row] = await contactInvoices(deps.db, ctx, id);
  const version = row?.documentId
    ? (await latestVersions(deps.db, ctx.firmId, [row.documentId])).get(row.documentId)
    : undefined;
  await recordAudit(deps.db, {
    firmId: ctx.firmId,
    actorKind: 'contact',
    actorId: ctx.contactId,
    action: 'invoice.download',
    outcome: version ? 'success' : 'refused',
    targetKind: 'invoice',
    targetId: id,
    requestId: meta.requestId,
    ip: meta.ip,
    details: version ? { documentVersionId: version.id } : undefined,
  });
  if (!version) throw notFound('Invoice PDF');
  return version;
}
