import type { Db } from '../../db/connect.js';
import { auditLog } from '../../db/schema.js';

export type TAuditEntry = {
  firmId: string | null;
  actorKind: 'staff' | 'contact' | 'system' | 'anonymous';
  actorId?: string | null;
  action: string;
  outcome: 'success' | 'refused' | 'failure';
  targetKind?: string;
  targetId?: string;
  requestId?: string;
  ip?: string;
  /** Ids and reasons only: never tokens, codes or message text. */
  details?: Record<string, unknown>;
};

/** Appends to the audit log. The table refuses UPDATE and DELETE (see migrations). */
export async function recordAudit(db: Db, entry: TAuditEntry): Promise<void> {
  await db.insert(auditLog).values(toRow(entry));
}

const toRow = (entry: TAuditEntry) => ({
  firmId: entry.firmId,
  actorKind: entry.actorKind,
  actorId: entry.actorId ?? null,
  action: entry.action,
  outcome: entry.outcome,
  targetKind: entry.targetKind ?? null,
  targetId: entry.targetId ?? null,
  requestId: entry.requestId ?? null,
  ip: entry.ip ?? null,
  details: entry.details ?? null,
});

/** Appends several entries in one insert. */
export async function recordAudits(db: Db, entries: TAuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(auditLog).values(entries.map(toRow));
}
