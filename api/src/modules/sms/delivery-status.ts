/**
 * What an ACS delivery report (`SMSDeliveryReportReceived.deliveryStatus`) means for a text.
 * Every value Confer knows is listed here; anything else is `unknown`: kept with its event,
 * logged, and never final (the text keeps its status until a report Confer understands).
 *
 * - `delivered`: the phone has it. Final: nothing moves a delivered text again.
 * - `failed`: the carrier gave up (failed, undelivered, expired, rejected, blocked). Final for
 *   the attempt, but a Delivered report (a later attempt got through) still wins.
 * - `in_transit`: accepted or on its way (sent, queued, accepted, en route): the text is at
 *   least sent; never a failure.
 */
export type TReportedStatus = 'delivered' | 'failed' | 'in_transit' | 'unknown';

const known: Record<string, Exclude<TReportedStatus, 'unknown'>> = {
  delivered: 'delivered',
  // Advanced Messaging's "read" implies delivery
  read: 'delivered',
  failed: 'failed',
  undelivered: 'failed',
  undeliverable: 'failed',
  expired: 'failed',
  rejected: 'failed',
  blocked: 'failed',
  sent: 'in_transit',
  sending: 'in_transit',
  accepted: 'in_transit',
  queued: 'in_transit',
  scheduled: 'in_transit',
  enroute: 'in_transit',
  intransit: 'in_transit',
};

/** `Delivered`, `delivered`, `En Route`, `in_transit` … read alike. */
export function readDeliveryStatus(raw: string): TReportedStatus {
  const key = raw.toLowerCase().replace(/[\s_-]+/gu, '');
  return Object.hasOwn(known, key) ? known[key]! : 'unknown';
}

/**
 * When a report happened, for ordering reports that arrive (or are applied) out of order: its
 * `receivedTimestamp`, or its latest delivery attempt when that is later.
 */
export function reportTime(report: { receivedTimestamp: Date; attemptTimestamps: readonly Date[] }): Date {
  let at = report.receivedTimestamp.getTime();
  for (const attempt of report.attemptTimestamps) at = Math.max(at, attempt.getTime());
  return new Date(at);
}

/** A text's status as far as delivery reports are concerned. */
type TTextState = { status: string; providerStatusAt: Date | null };

const rank = { sent: 1, failed: 2 } as const;

/**
 * The status a delivery report gives a text, or undefined when it changes nothing. Reports are
 * weighed by their time, not by the order they are applied in:
 * - Delivered is final: no report moves a delivered text, and a Delivered report wins over
 *   any other, whatever its time (the phone has the text).
 * - Otherwise the newest report decides (a failure older than an "in transit" report already
 *   applied is stale, and the other way round); at the same instant a failure outranks "in
 *   transit". A text refused at hand-over (failed without a report), refused by Confer or
 *   blocked by an opt-out was never sent: reports do not concern it.
 */
export function decideDeliveryReport(
  text: TTextState,
  report: { status: Exclude<TReportedStatus, 'unknown'>; at: Date },
): { status: 'sent' | 'delivered' | 'failed'; at: Date } | undefined {
  const reportable = ['pending', 'sending', 'sent', 'failed'].includes(text.status);
  if (!reportable || (text.status === 'failed' && !text.providerStatusAt)) return undefined;
  if (report.status === 'delivered') return { status: 'delivered', at: report.at };
  const status = report.status === 'failed' ? 'failed' : 'sent';
  const last = text.providerStatusAt?.getTime();
  if (last !== undefined) {
    if (report.at.getTime() < last) return undefined;
    const current = text.status === 'failed' ? rank.failed : rank.sent;
    if (report.at.getTime() === last && rank[status] <= current) return undefined;
  }
  return { status, at: report.at };
}
