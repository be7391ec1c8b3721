import { randomUUID } from 'node:crypto';
import { startAcsEmulator, type AcsEmulator } from '../../api/test/support/acs-emulator.js';
import type { DrillContext } from './drill.js';
import type { Answer } from './http.js';
import { ports } from './settings.js';
import type { Stack } from './stack.js';

/** The firm's texting number in the drills (a UK mobile; the demo firm is in GB). */
export const senderNumber = '+447400000999';

/**
 * Azure Communication Services on loopback (the component tests' emulator: it checks the
 * SDK's HMAC signatures and answers like ACS), so texts go out through the real SDK, get ACS
 * message ids and "sent", and delivery reports can move them on. Emails stay in the outbox
 * (no ACS_EMAIL_SENDER), where the drills read links and codes.
 */
export async function startAcs(d: DrillContext): Promise<{ emulator: AcsEmulator; env: Record<string, string> }> {
  const emulator = await startAcsEmulator({ port: ports.acs });
  d.onCleanup(() => emulator.stop());
  return { emulator, env: { ACS_CONNECTION_STRING: emulator.connectionString, ACS_SMS_SENDER: senderNumber } };
}

const topic =
  '/subscriptions/50ad1522-5c2c-4d9a-a6c8-67c11ecb75b8/resourcegroups/drills/providers/microsoft.communication/communicationservices/confer-drills';

/** Field names as Microsoft's published samples spell them (PascalCase) or as the SDK models do (camelCase). */
const cased = (data: Record<string, unknown>, pascal: boolean): Record<string, unknown> =>
  pascal ? Object.fromEntries(Object.entries(data).map(([k, v]) => [k[0]!.toUpperCase() + k.slice(1), v])) : data;

const number = (e164: string, plus: boolean) => (plus ? e164 : e164.replace(/^\+/, ''));

/** `Microsoft.Communication.SMSReceived` in the Event Grid schema, shaped like the published sample. */
export function smsReceivedEvent(input: {
  from: string;
  to: string;
  message: string;
  pascal?: boolean;
  plus?: boolean;
  at?: Date;
  id?: string;
}) {
  const id = input.id ?? `Incoming_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}${randomUUID()}`;
  const at = (input.at ?? new Date()).toISOString();
  return {
    id,
    topic,
    subject: `/phonenumber/${number(input.to, false)}`,
    data: cased(
      {
        messageId: id,
        from: number(input.from, input.plus ?? false),
        to: number(input.to, input.plus ?? false),
        message: input.message,
        receivedTimestamp: at,
      },
      input.pascal ?? true,
    ),
    eventType: 'Microsoft.Communication.SMSReceived',
    dataVersion: '1.0',
    metadataVersion: '1',
    eventTime: at,
  };
}

/** `Microsoft.Communication.SMSDeliveryReportReceived`, shaped like the published sample. */
export function deliveryReportEvent(input: {
  messageId: string;
  from: string;
  to: string;
  status: string;
  tag?: string;
  pascal?: boolean;
  plus?: boolean;
  at?: Date;
}) {
  const at = (input.at ?? new Date()).toISOString();
  const delivered = input.status === 'Delivered';
  return {
    id: `Outgoing_${randomUUID()}`,
    topic,
    subject: `/phonenumber/${number(input.from, false)}`,
    data: cased(
      {
        messageId: input.messageId,
        from: number(input.from, input.plus ?? false),
        to: number(input.to, input.plus ?? true),
        deliveryStatus: input.status,
        deliveryStatusDetails: delivered ? 'No error.' : `Status: ${input.status}`,
        receivedTimestamp: at,
        deliveryAttempts: [
          cased({ timestamp: at, segmentsSucceeded: delivered ? 1 : 0, segmentsFailed: 0 }, input.pascal ?? true),
        ],
        ...(input.tag ? { tag: input.tag } : {}),
      },
      input.pascal ?? true,
    ),
    eventType: 'Microsoft.Communication.SMSDeliveryReportReceived',
    dataVersion: '1.0',
    metadataVersion: '1',
    eventTime: at,
  };
}

/** Posts a delivery to the ACS webhook with this Confer's secret (or `secret`, or none). */
export function postWebhook(
  stack: Stack,
  body: unknown,
  options: { secret?: string | null; contentType?: string; raw?: string | Uint8Array; query?: string } = {},
): Promise<Answer> {
  const secret = options.secret === undefined ? stack.webhookSecret() : options.secret;
  return stack.api.call('POST', `/api/v1/webhooks/acs${options.query ?? ''}`, {
    origin: false,
    headers: secret === null ? {} : { 'x-confer-webhook-secret': secret },
    raw: {
      data: options.raw ?? JSON.stringify(body),
      contentType: options.contentType ?? 'application/json',
    },
  });
}
