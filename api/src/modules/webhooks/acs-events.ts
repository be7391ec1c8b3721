import { z } from 'zod';

/**
 * The Event Grid payloads Confer reads from ACS, validated with zod. Deliveries use the
 * Event Grid schema (an array of events) or CloudEvents 1.0 (one event or a batch). Field
 * names are read case-insensitively on their first letter, because the documented samples
 * mix `messageId` and `Tag`. Unknown fields are ignored (these payloads are Microsoft's, not
 * Confer's API); required fields and their types are checked.
 */

export const eventTypes = {
  validation: 'Microsoft.EventGrid.SubscriptionValidationEvent',
  smsReceived: 'Microsoft.Communication.SMSReceived',
  deliveryReport: 'Microsoft.Communication.SMSDeliveryReportReceived',
} as const;

const ZTimestamp = z
  .string()
  .max(64)
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date-time');
const ZNumber = z.string().min(2).max(32);

export const ZSmsReceivedData = z.object({
  messageId: z.string().min(1).max(256),
  from: ZNumber,
  to: ZNumber,
  message: z.string().max(10_000),
  receivedTimestamp: ZTimestamp,
  segmentCount: z.number().int().min(0).optional(),
});

export const ZDeliveryReportData = z.object({
  messageId: z.string().min(1).max(256),
  from: ZNumber,
  to: ZNumber,
  deliveryStatus: z.string().min(1).max(100),
  deliveryStatusDetails: z.string().max(2000).nullish(),
  deliveryAttempts: z
    .array(
      z.object({
        timestamp: ZTimestamp,
        segmentsSucceeded: z.number().int().min(0),
        segmentsFailed: z.number().int().min(0),
      }),
    )
    .max(100)
    .nullish(),
  receivedTimestamp: ZTimestamp,
  tag: z.string().max(1000).nullish(),
});

export const ZValidationData = z.object({
  validationCode: z.string().min(1).max(500),
  validationUrl: z.string().max(2000).optional(),
});

const ZEventGridEvent = z.object({
  id: z.string().min(1).max(256),
  eventType: z.string().min(1).max(256),
  subject: z.string().max(1024).optional(),
  topic: z.string().max(1024).optional(),
  eventTime: z.string().max(64).optional(),
  dataVersion: z.string().max(64).optional(),
  metadataVersion: z.string().max(64).optional(),
  data: z.unknown(),
});

const ZCloudEvent = z.object({
  specversion: z.string().max(16),
  id: z.string().min(1).max(256),
  type: z.string().min(1).max(256),
  source: z.string().max(1024),
  subject: z.string().max(1024).optional(),
  time: z.string().max(64).optional(),
  data: z.unknown(),
});

export type TAcsEvent = { id: string; type: string; data: unknown };

/** Deeper than this, an event's data is not an ACS payload (theirs nest 3 levels at most). */
export const maxDataDepth = 16;
/** More values than this in one event's data is not an ACS payload either. */
export const maxDataValues = 2_000;

/**
 * Why `data` is not a shape ACS sends (too deep, too many values), or undefined. Walks the
 * value without recursion, so no nesting can exhaust the stack; stops at the first excess.
 */
export function dataShapeProblem(data: unknown): string | undefined {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: data, depth: 0 }];
  let values = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (++values > maxDataValues) return `holds more than ${maxDataValues} values`;
    if (!value || typeof value !== 'object') continue;
    if (depth >= maxDataDepth) return `is nested deeper than ${maxDataDepth} levels`;
    for (const child of Array.isArray(value) ? value : Object.values(value))
      stack.push({ value: child, depth: depth + 1 });
  }
  return undefined;
}

/**
 * `MessageId` → `messageId`, recursively (arrays and nested objects included). Only for data
 * `dataShapeProblem` accepted: its depth bounds the recursion.
 */
export function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k.charAt(0).toLowerCase() + k.slice(1),
        camelKeys(v),
      ]),
    );
  }
  return value;
}

export class InvalidEventError extends Error {
  constructor(readonly issues: Array<{ field: string; message: string }>) {
    super('invalid event');
    this.name = 'InvalidEventError';
  }
}

const issuesOf = (error: z.ZodError, prefix: string) =>
  error.issues.map((i) => ({ field: [prefix, ...i.path].filter((p) => p !== '').join('.'), message: i.message }));

/** The events of one delivery, each with its data validated for the types Confer reads. */
export function parseDelivery(body: unknown): TAcsEvent[] {
  const list = Array.isArray(body) ? body : [body];
  if (list.length === 0 || list.length > 5000) {
    throw new InvalidEventError([{ field: '(root)', message: 'expected 1 to 5000 events' }]);
  }
  return list.map((raw, index) => {
    const cloud = raw && typeof raw === 'object' && 'specversion' in raw;
    const envelope = cloud ? ZCloudEvent.safeParse(raw) : ZEventGridEvent.safeParse(raw);
    if (!envelope.success) throw new InvalidEventError(issuesOf(envelope.error, `[${index}]`));
    const event = cloud
      ? {
          id: (envelope.data as z.infer<typeof ZCloudEvent>).id,
          type: (envelope.data as z.infer<typeof ZCloudEvent>).type,
        }
      : {
          id: (envelope.data as z.infer<typeof ZEventGridEvent>).id,
          type: (envelope.data as z.infer<typeof ZEventGridEvent>).eventType,
        };
    const schema =
      event.type === eventTypes.smsReceived
        ? ZSmsReceivedData
        : event.type === eventTypes.deliveryReport
          ? ZDeliveryReportData
          : event.type === eventTypes.validation
            ? ZValidationData
            : undefined;
    // other types are acknowledged unread: their data is not Confer's to judge
    if (!schema) return { ...event, data: null };
    const problem = dataShapeProblem(envelope.data.data);
    if (problem) throw new InvalidEventError([{ field: `[${index}].data`, message: problem }]);
    const parsed = schema.safeParse(camelKeys(envelope.data.data));
    if (!parsed.success) throw new InvalidEventError(issuesOf(parsed.error, `[${index}].data`));
    return { ...event, data: parsed.data };
  });
}
