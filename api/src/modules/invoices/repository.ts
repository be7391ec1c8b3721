import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { documents, invoices, matters } from '../../db/schema.js';
import { contactEngagedOn } from '../portal/contact-matters.js';

export type TInvoiceRow = typeof invoices.$inferSelect & { matterNumber: string; matterTitle: string };

function selectInvoices(db: Db) {
  return db
    .select({ invoice: invoices, matterNumber: matters.number, matterTitle: matters.title })
    .from(invoices)
    .innerJoin(matters, and(eq(matters.firmId, invoices.firmId), eq(matters.id, invoices.matterId)));
}

const flatten = (rows: Array<{ invoice: typeof invoices.$inferSelect; matterNumber: string; matterTitle: string }>) =>
  rows.map((r) => ({ ...r.invoice, matterNumber: r.matterNumber, matterTitle: r.matterTitle }));

export async function getInvoice(db: Db, firmId: string, id: string): Promise<TInvoiceRow | undefined> {
  return flatten(await selectInvoices(db).where(and(eq(invoices.firmId, firmId), eq(invoices.id, id))))[0];
}

export async function listMatterInvoices(db: Db, firmId: string, matterId: string): Promise<TInvoiceRow[]> {
  return flatten(
    await selectInvoices(db)
      .where(and(eq(invoices.firmId, firmId), eq(invoices.matterId, matterId)))
      .orderBy(desc(invoices.issueDate), desc(invoices.createdAt))
      .limit(1000),
  );
}

/** Invoices on the matters a contact is engaged on, newest first. */
export async function listContactInvoices(
  db: Db,
  firmId: string,
  contactId: string,
  filter: { id?: string } = {},
): Promise<TInvoiceRow[]> {
  return flatten(
    await selectInvoices(db)
      .where(
        and(
          eq(invoices.firmId, firmId),
          contactEngagedOn(firmId, contactId, invoices.matterId),
          filter.id ? eq(invoices.id, filter.id) : undefined,
        ),
      )
      .orderBy(desc(invoices.issueDate), desc(invoices.createdAt))
      .limit(1000),
  );
}

export async function findInvoiceByNumber(db: Db, firmId: string, matterId: string, number: string) {
  const rows = await db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.firmId, firmId), eq(invoices.matterId, matterId), eq(invoices.number, number)))
    .limit(1);
  return rows[0];
}

export async function insertInvoice(
  db: Db,
  firmId: string,
  values: Omit<typeof invoices.$inferInsert, 'firmId' | 'id'>,
): Promise<string> {
  const [row] = await db
    .insert(invoices)
    .values({ ...values, firmId })
    .returning({ id: invoices.id });
  return row!.id;
}

export async function updateInvoice(
  db: Db,
  firmId: string,
  id: string,
  values: Partial<Omit<typeof invoices.$inferInsert, 'firmId' | 'id' | 'matterId'>>,
): Promise<void> {
  await db
    .update(invoices)
    .set({ ...values, updatedAt: sql`clock_timestamp()` })
    .where(and(eq(invoices.firmId, firmId), eq(invoices.id, id)));
}

/** Is this document listed on the matter? (An invoice's PDF must be one of its documents.) */
export async function isMatterDocument(db: Db, firmId: string, matterId: string, documentId: string) {
  const rows = await db
    .select({ id: documents.id })
    .from(documents)
    .where(
      and(
        eq(documents.firmId, firmId),
        eq(documents.id, documentId),
        eq(documents.matterId, matterId),
        eq(documents.onMatter, true),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
