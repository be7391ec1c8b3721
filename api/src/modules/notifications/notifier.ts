import type { Db } from '../../db/connect.js';
import { seal, unseal } from '../../integrations/secrets/seal.js';
import { queueNames, type JobQueue } from '../../jobs/job-queue.js';
import { insertOutboxMessage, listOutbox, type TOutboxStatus } from './outbox-repository.js';

export type TEmail = {
  firmId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** What the email is for, e.g. `secure_link` or `sign_in_code` (never its content). */
  kind: string;
};

export type TSms = {
  firmId: string | null;
  to: string;
  from: string;
  text: string;
  /**
   * `sms_message` (a conversation message), `sms_reply_notice` (a reply could not be routed),
   * `sms_keyword_reply` (STOP/START confirmations) and `sms_help_reply` (answers to HELP): sent
   * even to numbers that opted out, since they asked. `sms_matter_list` (which matter is a held
   * reply for) and `sms_matter_chosen` (where it went) carry matter numbers and titles only.
   */
  kind:
    | 'sms_message'
    | 'sms_reply_notice'
    | 'sms_keyword_reply'
    | 'sms_help_reply'
    | 'sms_matter_list'
    | 'sms_matter_chosen';
  contactId?: string | null;
  conversationId?: string | null;
  messageId?: string | null;
};

/** A text that is not sent, recorded so staff see why. */
export type TUnsentSms = Omit<TSms, 'text' | 'from'> & {
  from?: string | null;
  status: 'refused' | 'opted_out';
  reason: string;
  detail: string;
};

export type TOutboxEntry = {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  from: string | null;
  kind: string;
  status: string;
  reason: string | null;
  createdAt: string;
  subject?: string;
  text?: string;
  html?: string;
};

/**
 * Puts emails and texts into the outbox, in the caller's transaction, together with the
 * pg-boss job that sends them: both exist if and only if the change commits. Content is
 * sealed under the deployment's key, so links and one-time codes never sit in the database
 * in plain text.
 */
export type Notifier = {
  queueEmail(db: Db, email: TEmail): Promise<string>;
  queueSms(db: Db, sms: TSms): Promise<string>;
  /** Records a text that will not be sent (refused, opted out): no content, no job. */
  recordUnsentSms(db: Db, sms: TUnsentSms): Promise<string>;
  /** Newest first, unsealed: for /dev/outbox, /dev/phone and tests. */
  readOutbox(db: Db, limit: number, filter?: { channel?: 'email' | 'sms' }): Promise<TOutboxEntry[]>;
};

export function createNotifier(sealKey: Buffer, jobs?: JobQueue): Notifier {
  const enqueue = async (db: Db, outboxId: string, firmId: string | null) => {
    await jobs?.enqueue(queueNames.sendOutbox, { outboxId, firmId }, { singletonKey: outboxId }, db);
  };
  return {
    queueEmail: async (db, email) => {
      const id = await insertOutboxMessage(db, {
        firmId: email.firmId,
        channel: 'email',
        toAddress: email.to,
        kind: email.kind,
        sealed: seal(sealKey, { subject: email.subject, text: email.text, html: email.html }),
      });
      await enqueue(db, id, email.firmId);
      return id;
    },
    queueSms: async (db, sms) => {
      const id = await insertOutboxMessage(db, {
        firmId: sms.firmId,
        channel: 'sms',
        toAddress: sms.to,
        fromAddress: sms.from,
        kind: sms.kind,
        contactId: sms.contactId ?? null,
        conversationId: sms.conversationId ?? null,
        messageId: sms.messageId ?? null,
        sealed: seal(sealKey, { text: sms.text }),
      });
      await enqueue(db, id, sms.firmId);
      return id;
    },
    recordUnsentSms: (db, sms) =>
      insertOutboxMessage(db, {
        firmId: sms.firmId,
        channel: 'sms',
        toAddress: sms.to,
        fromAddress: sms.from ?? null,
        kind: sms.kind,
        contactId: sms.contactId ?? null,
        conversationId: sms.conversationId ?? null,
        messageId: sms.messageId ?? null,
        status: sms.status satisfies TOutboxStatus,
        statusReason: sms.reason,
        statusDetail: sms.detail,
      }),
    readOutbox: async (db, limit, filter) =>
      (await listOutbox(db, limit, filter)).map((row) => {
        const content = row.sealed
          ? unseal<{ subject?: string; text?: string; html?: string }>(sealKey, row.sealed)
          : {};
        return {
          id: row.id,
          channel: row.channel,
          to: row.toAddress,
          from: row.fromAddress,
          kind: row.kind,
          status: row.status,
          reason: row.statusReason,
          createdAt: row.createdAt.toISOString(),
          ...content,
        };
      }),
  };
}
