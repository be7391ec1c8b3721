import { randomUUID } from 'node:crypto';
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { Db } from '../db/connect.js';
import { AppError } from '../errors.js';
import { parseInput } from '../http/define-route.js';
import { unseal } from '../integrations/secrets/seal.js';
import type { Notifier } from '../modules/notifications/notifier.js';
import { toE164 } from '../modules/sms/phone.js';
import { eventTypes } from '../modules/webhooks/acs-events.js';
import { listEventsOfType } from '../modules/webhooks/repository.js';
import { webhookSecretHeader } from '../modules/webhooks/routes.js';
import { findTextForDevReport } from './dev-repository.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const ZReply = z
  .object({
    from: z.string().min(3).max(32),
    to: z.string().min(3).max(32),
    message: z.string().min(1, 'write something').max(1600),
  })
  .strict();

const ZReport = z
  .object({
    outboxId: z.uuid(),
    status: z.enum(['Delivered', 'Failed']),
    details: z.string().max(200).optional(),
  })
  .strict();

type TBubble = {
  id?: string;
  direction: 'in' | 'out';
  at: string;
  text: string;
  other: string;
  status?: string;
  reason?: string | null;
};

/** Where this server answers on loopback: the address and port the request came in on. */
function selfUrl(req: Request): string {
  let address = req.socket.localAddress ?? '127.0.0.1';
  if (address.startsWith('::ffff:')) address = address.slice(7);
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${req.socket.localPort}`;
}

/**
 * The Event Grid delivery ACS sends when a text arrives, as in the ACS documentation's
 * sample (numbers without the leading `+`).
 */
export function smsReceivedDelivery(input: { from: string; to: string; message: string; at?: Date }) {
  const id = `Incoming_${randomUUID()}`;
  const at = (input.at ?? new Date()).toISOString();
  return [
    {
      id,
      topic:
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/embedded/providers/microsoft.communication/communicationservices/confer-embedded',
      subject: `/phonenumber/${input.to.replace(/^\+/, '')}`,
      data: {
        messageId: id,
        from: input.from.replace(/^\+/, ''),
        to: input.to.replace(/^\+/, ''),
        message: input.message,
        receivedTimestamp: at,
        segmentCount: 1,
      },
      eventType: eventTypes.smsReceived,
      dataVersion: '1.0',
      metadataVersion: '1',
      eventTime: at,
    },
  ];
}

/**
 * The Event Grid delivery ACS sends with a text's delivery report, as in the ACS
 * documentation's sample (numbers without the leading `+`; "Tag" spelled with a capital).
 */
export function smsDeliveryReportDelivery(input: {
  messageId: string;
  from: string;
  to: string;
  status: string;
  details?: string;
  tag?: string;
  at?: Date;
}) {
  const at = (input.at ?? new Date()).toISOString();
  const delivered = input.status === 'Delivered';
  return [
    {
      id: `DeliveryReport_${randomUUID()}`,
      topic:
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/embedded/providers/microsoft.communication/communicationservices/confer-embedded',
      subject: `/phonenumber/${input.from.replace(/^\+/, '')}`,
      data: {
        messageId: input.messageId,
        from: input.from.replace(/^\+/, ''),
        to: input.to,
        deliveryStatus: input.status,
        deliveryStatusDetails: input.details ?? (delivered ? 'No error.' : 'Carrier rejected the message.'),
        receivedTimestamp: at,
        deliveryAttempts: [{ timestamp: at, segmentsSucceeded: delivered ? 1 : 0, segmentsFailed: delivered ? 0 : 1 }],
        Tag: input.tag,
      },
      eventType: eventTypes.deliveryReport,
      dataVersion: '1.0',
      metadataVersion: '1',
      eventTime: at,
    },
  ];
}

/**
 * Embedded mode's phone simulator: every text per phone number, newest at the bottom, a reply
 * box, and for each sent text the carrier's part: "Report delivered" or "Report not
 * delivered" (with a reason). Replies and reports are posted, as the Event Grid deliveries ACS
 * would send (`SMSReceived`, `SMSDeliveryReportReceived`), to the real webhook over loopback
 * (with the webhook secret), then this page reloads.
 * Server-rendered with plain forms: the CSP allows no inline script.
 */
export function createPhoneRouter(deps: {
  db: Db;
  notifier: Notifier;
  sealKey: Buffer;
  webhookSecret: string;
}): Router {
  const router = Router();

  async function threads() {
    const byNumber = new Map<string, TBubble[]>();
    const add = (number: string, bubble: TBubble) => byNumber.set(number, [...(byNumber.get(number) ?? []), bubble]);
    for (const m of await deps.notifier.readOutbox(deps.db, 500, { channel: 'sms' })) {
      if (!m.to) continue;
      add(m.to, {
        id: m.id,
        direction: 'out',
        at: m.createdAt,
        text: m.text ?? '',
        other: m.from ?? '',
        status: m.status,
        reason: m.reason,
      });
    }
    for (const e of await listEventsOfType(deps.db, eventTypes.smsReceived, 500)) {
      const data = unseal<{ from: string; to: string; message: string }>(deps.sealKey, e.sealed);
      const from = toE164(data.from) ?? data.from;
      add(from, {
        direction: 'in',
        at: e.receivedAt.toISOString(),
        text: data.message,
        other: toE164(data.to) ?? data.to,
      });
    }
    for (const list of byNumber.values()) list.sort((a, b) => a.at.localeCompare(b.at));
    return byNumber;
  }

  /** The carrier's part: report a sent text delivered, or not delivered with a reason. */
  const carrierForm = (id: string) =>
    `<form method="post" action="/dev/phone/report" class="carrier"><input type="hidden" name="outboxId" value="${escapeHtml(id)}">
<button type="submit" name="status" value="Delivered">Report delivered</button>
<label>Reason <input name="details" value="Handset unreachable." maxlength="200"></label>
<button type="submit" name="status" value="Failed">Report not delivered</button></form>`;

  router.get('/phone', async (req, res) => {
    const all = await threads();
    const numbers = [...all.keys()].sort();
    const selected = typeof req.query.number === 'string' && all.has(req.query.number) ? req.query.number : numbers[0];
    const thread = selected ? (all.get(selected) ?? []) : [];
    const replyTo = [...thread].reverse().find((b) => b.direction === 'out')?.other ?? '';
    const bubbles = thread
      .map(
        (
          b,
        ) => `<div class="b ${b.direction}"><div>${b.text ? escapeHtml(b.text).replace(/\n/g, '<br>') : '<em>(not sent)</em>'}</div>
<small>${b.direction === 'out' ? `from ${escapeHtml(b.other)} · ${escapeHtml(b.status ?? '')}${b.reason ? ` (${escapeHtml(b.reason)})` : ''}` : `to ${escapeHtml(b.other)}`} · ${escapeHtml(b.at)}</small>${b.direction === 'out' && b.status === 'sent' && b.id ? carrierForm(b.id) : ''}</div>`,
      )
      .join('\n');
    const list = numbers
      .map(
        (n) =>
          `<li><a href="/dev/phone?number=${encodeURIComponent(n)}"${n === selected ? ' aria-current="page"' : ''}>${escapeHtml(n)}</a> (${all.get(n)!.length})</li>`,
      )
      .join('');
    res.set('Cache-Control', 'no-store').type('html')
      .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Confer phone simulator</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;display:grid;grid-template-columns:14rem 1fr;gap:2rem}
nav ul{list-style:none;padding:0}nav li{margin:.3rem 0}[aria-current]{font-weight:bold}
.b{max-width:32rem;margin:.5rem 0;padding:.6rem .8rem;border-radius:.8rem}.out{background:#e8e8e8}.in{background:#0f6cbd;color:#fff;margin-left:auto}
.b small{display:block;opacity:.75;margin-top:.3rem;font-size:.75rem}.carrier{margin-top:.4rem;font-size:.75rem}.carrier input{width:10rem}textarea{width:100%;min-height:4rem}</style></head>
<body><nav><h1>Phones</h1><p>Texts Confer sent (embedded mode); this page plays the carrier too: a sent text is delivered when you report it. <a href="/dev/outbox">Outbox</a></p><ul>${list || '<li>No texts yet.</li>'}</ul></nav>
<main>${
      selected
        ? `<h2>${escapeHtml(selected)}</h2>${bubbles}
<form method="post" action="/dev/phone/reply"><input type="hidden" name="from" value="${escapeHtml(selected)}">
<p><label>Reply to <input name="to" value="${escapeHtml(replyTo)}" required></label></p>
<p><label for="message">Text</label><br><textarea id="message" name="message" required maxlength="1600"></textarea></p>
<p><button type="submit">Send text</button> <small>Try STOP, START or HELP.</small></p></form>`
        : '<p>Send a message with "Send as SMS" to see it here.</p>'
    }</main></body></html>`);
  });

  router.post('/phone/reply', express.urlencoded({ extended: false, limit: '16kb' }), async (req, res) => {
    const form = parseInput(ZReply, req.body, 'body');
    const from = toE164(form.from);
    const to = toE164(form.to) ?? (/^\+\d{3,15}$/.test(form.to.trim()) ? form.to.trim() : undefined);
    if (!from || !to) throw new AppError('validation_failed', 400, 'from and to must be phone numbers');
    const answer = await fetch(`${selfUrl(req)}/api/v1/webhooks/acs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [webhookSecretHeader]: deps.webhookSecret },
      body: JSON.stringify(smsReceivedDelivery({ from, to, message: form.message })),
    });
    if (!answer.ok) throw new AppError('webhook_failed', 502, `The webhook answered ${answer.status}`);
    res.redirect(303, `/dev/phone?number=${encodeURIComponent(from)}`);
  });

  // a delivery report, as ACS would deliver it, to the real webhook over loopback
  router.post('/phone/report', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const form = parseInput(ZReport, req.body, 'body');
    const text = await findTextForDevReport(deps.db, form.outboxId);
    if (!text?.providerMessageId || !text.from) throw new AppError('not_found', 404, 'No text with this id was sent');
    const answer = await fetch(`${selfUrl(req)}/api/v1/webhooks/acs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [webhookSecretHeader]: deps.webhookSecret },
      body: JSON.stringify(
        smsDeliveryReportDelivery({
          messageId: text.providerMessageId,
          from: text.from,
          to: text.to,
          status: form.status,
          details: form.status === 'Failed' ? form.details?.trim() || 'Not delivered.' : undefined,
          tag: `${text.firmId ?? ''}:${text.id}`,
        }),
      ),
    });
    if (!answer.ok) throw new AppError('webhook_failed', 502, `The webhook answered ${answer.status}`);
    res.redirect(303, `/dev/phone?number=${encodeURIComponent(text.to)}`);
  });
  return router;
}
