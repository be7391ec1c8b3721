import type { MessageSmsRecipient, SmsStatus } from '@confer/ui';

export const SMS_STATUS_LABEL: Record<SmsStatus, string> = {
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  failed: 'Failed',
  refused: 'Not sent',
  opted_out: 'Opted out',
};

/** Most urgent first: what the compact line names first. */
const ORDER: readonly SmsStatus[] = ['failed', 'refused', 'opted_out', 'sending', 'sent', 'delivered'];

/**
 * The compact status line under a message sent as SMS, e.g. "Text: Delivered" for one
 * recipient, "Texts: 2 delivered, 1 failed" for several.
 */
export function summarizeSmsStatus(recipients: readonly Pick<MessageSmsRecipient, 'status'>[]): string {
  if (recipients.length === 0) return '';
  if (recipients.length === 1) return `Text: ${SMS_STATUS_LABEL[recipients[0]!.status]}`;
  const counts = new Map<SmsStatus, number>();
  for (const r of recipients) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const parts = ORDER.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${SMS_STATUS_LABEL[s].toLowerCase()}`);
  return `Texts: ${parts.join(', ')}`;
}

/** Whether any recipient's text needs attention (failed, not sent, opted out). */
export function hasSmsProblem(recipients: readonly Pick<MessageSmsRecipient, 'status'>[]): boolean {
  return recipients.some((r) => r.status === 'failed' || r.status === 'refused' || r.status === 'opted_out');
}
