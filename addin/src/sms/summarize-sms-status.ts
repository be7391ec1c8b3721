import type { MessageSmsRecipient, SmsStatus } from '@confer/ui';
import { t } from '../messages';

/**
 * The four words staff see for a text: Sending, Sent, Delivered, Failed. A text refused before
 * sending (no mobile, country not allowed…) or blocked by an opt-out has failed too: its reason
 * says why.
 */
export const SMS_STATUS_LABEL: Record<SmsStatus, string> = {
  sending: t.sms.sending,
  sent: t.sms.sent,
  delivered: t.sms.delivered,
  failed: t.sms.failed,
  refused: t.sms.failed,
  opted_out: t.sms.failed,
};

/** Most urgent first: what the compact line names first. */
const ORDER = [t.sms.failed, t.sms.sending, t.sms.sent, t.sms.delivered];

/**
 * The compact status line under a message sent as SMS, e.g. "Text: Delivered" for one
 * recipient, "Texts: 1 failed, 2 delivered" for several.
 */
export function summarizeSmsStatus(recipients: readonly Pick<MessageSmsRecipient, 'status'>[]): string {
  if (recipients.length === 0) return '';
  if (recipients.length === 1) return t.sms.textStatus(SMS_STATUS_LABEL[recipients[0]!.status]);
  const counts = new Map<string, number>();
  for (const r of recipients) {
    const label = SMS_STATUS_LABEL[r.status];
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const parts = ORDER.filter((label) => counts.has(label)).map((label) => t.sms.statusCount(counts.get(label)!, label));
  return t.sms.textsStatus(parts.join(', '));
}

/** Whether any recipient's text failed (not delivered, refused or blocked by an opt-out). */
export function hasSmsProblem(recipients: readonly Pick<MessageSmsRecipient, 'status'>[]): boolean {
  return recipients.some((r) => SMS_STATUS_LABEL[r.status] === t.sms.failed);
}
