import type { EmailClient } from '@azure/communication-email';
import { classifyProviderError, PermanentSendError, type TEmailToSend, type TSendResult } from './send-contract.js';

/**
 * Sends one email through ACS: `beginSend` (202 and an Operation-Location), then polls the
 * operation until it succeeds or fails. The outbox id is the Operation-Id, so a retry after
 * a lost answer joins the same operation instead of sending a second email.
 */
export function createAcsEmailSender(
  client: EmailClient,
  senderAddress: string,
  options: { pollIntervalMs: number; timeoutMs: number },
) {
  return async (m: TEmailToSend): Promise<TSendResult> => {
    const abortSignal = AbortSignal.timeout(options.timeoutMs);
    let poller: Awaited<ReturnType<EmailClient['beginSend']>> | undefined;
    try {
      poller = await client.beginSend(
        {
          senderAddress,
          content: { subject: m.subject, plainText: m.text, html: m.html },
          recipients: { to: [{ address: m.to }] },
        },
        { operationId: m.outboxId, updateIntervalInMs: options.pollIntervalMs, abortSignal },
      );
      const result = await poller.pollUntilDone({ abortSignal });
      if (result.status === 'Succeeded') return { providerMessageId: result.id };
      throw new PermanentSendError('provider_failed', `The email could not be sent (${result.status})`);
    } catch (error) {
      // the operation ran and ended badly (beginSend's first poll may already see it)
      const state = poller?.getOperationState();
      const operationFailed =
        state?.status === 'failed' ||
        state?.status === 'canceled' ||
        /long-running operation has failed/i.test((error as Error)?.message ?? '');
      if (operationFailed) throw new PermanentSendError('provider_failed', 'The email service could not deliver it');
      throw classifyProviderError(error);
    }
  };
}
