import type { SmsClient, SmsClientOptions } from '@azure/communication-sms';
import { classifyProviderError, PermanentSendError, type TSendResult, type TSmsToSend } from './send-contract.js';

type TPipelinePolicy = NonNullable<SmsClientOptions['additionalPolicies']>[number]['policy'];

/** Carries an outbox row's repeatability values from `send` to the policy below; never sent. */
const repeatabilityHeader = 'x-confer-sms-repeatability';

/**
 * The SDK gives every call a fresh random `repeatabilityRequestId` and the current time as
 * `repeatabilityFirstSent`, so a retry would look like a new request. This per-call policy
 * (it runs after the body is serialised and before the HMAC signature) sets them to the
 * outbox id and the first attempt's time instead: ACS then recognises a retry of a request
 * it already accepted and does not text twice.
 */
export const smsRepeatabilityPolicy: TPipelinePolicy = {
  name: 'conferSmsRepeatabilityPolicy',
  async sendRequest(request, next) {
    const value = request.headers.get(repeatabilityHeader);
    if (value) {
      request.headers.delete(repeatabilityHeader);
      const [requestId, firstSent] = value.split('|');
      if (typeof request.body === 'string') {
        const body = JSON.parse(request.body) as {
          smsRecipients?: Array<{ repeatabilityRequestId?: string; repeatabilityFirstSent?: string }>;
        };
        for (const recipient of body.smsRecipients ?? []) {
          recipient.repeatabilityRequestId = requestId;
          recipient.repeatabilityFirstSent = firstSent;
        }
        request.body = JSON.stringify(body);
      }
    }
    return next(request);
  },
};

/**
 * Sends one text through ACS with a delivery report. The tag (`firmId:outboxId`) comes back
 * in the report, which is how a report finds its row.
 */
export function createAcsSmsSender(client: SmsClient, options: { timeoutMs: number }) {
  return async (m: TSmsToSend): Promise<TSendResult> => {
    let results;
    try {
      results = await client.send(
        { from: m.from, to: [m.to], message: m.text },
        {
          enableDeliveryReport: true,
          tag: `${m.firmId ?? ''}:${m.outboxId}`,
          abortSignal: AbortSignal.timeout(options.timeoutMs),
          requestOptions: {
            customHeaders: { [repeatabilityHeader]: `${m.outboxId}|${m.firstAttemptAt.toUTCString()}` },
          },
        },
      );
    } catch (error) {
      throw classifyProviderError(error);
    }
    const result = results[0];
    if (result?.successful) return { providerMessageId: result.messageId ?? null };
    const status = result?.httpStatusCode ?? 0;
    if (status >= 400 && status < 500 && ![401, 403, 408, 409, 429].includes(status)) {
      throw new PermanentSendError(
        'provider_rejected',
        `The text was refused (${status}): ${result?.errorMessage ?? ''}`.trim(),
      );
    }
    throw new Error(`The text was not accepted (${status})`);
  };
}
