import type { Db } from '../../db/connect.js';
import { seal, unseal } from '../../integrations/secrets/seal.js';
import { insertOutboxMessage, listOutbox } from './outbox-repository.js';

export type TEmail = {
  firmId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** What the email is for, e.g. `secure_link` or `sign_in_code` (never its content). */
  kind: string;
};

export type TOutboxEntry = {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  kind: string;
  status: string;
  createdAt: string;
  subject?: string;
  text?: string;
  html?: string;
};

/**
 * Puts emails (and later texts) into the outbox. Content is sealed under the deployment's
 * key, so links and one-time codes never sit in the database in plain text.
 */
export type Notifier = {
  /** In the caller's transaction when one is given: the email exists iff the change commits. */
  queueEmail(db: Db, email: TEmail): Promise<string>;
  /** Newest first, unsealed: for /dev/outbox and the senders. */
  readOutbox(db: Db, limit: number): Promise<TOutboxEntry[]>;
};

export function createNotifier(sealKey: Buffer): Notifier {
  return {
    queueEmail: (db, email) =>
      insertOutboxMessage(db, {
        firmId: email.firmId,
        channel: 'email',
        toAddress: email.to,
        kind: email.kind,
        sealed: seal(sealKey, { subject: email.subject, text: email.text, html: email.html }),
      }),
    readOutbox: async (db, limit) =>
      (await listOutbox(db, limit)).map((row) => {
        const content = row.sealed
          ? unseal<{ subject?: string; text?: string; html?: string }>(sealKey, row.sealed)
          : {};
        return {
          id: row.id,
          channel: row.channel,
          to: row.toAddress,
          kind: row.kind,
          status: row.status,
          createdAt: row.createdAt.toISOString(),
          ...content,
        };
      }),
  };
}
