// What a sender is given and answers, and how a provider's refusal is sorted: shared by the
// ACS email and SMS senders and the outbox, apart from providers.ts (which builds the senders).

export type TEmailToSend = { outboxId: string; to: string; subject: string; text: string; html: string };

export type TSmsToSend = {
  outboxId: string;
  firmId: string | null;
  from: string;
  to: string;
  text: string;
  /** The first attempt's time: sent unchanged on every retry, so ACS can tell a repeat. */
  firstAttemptAt: Date;
};

export type TSendResult = { providerMessageId: string | null };

/** The provider refused for good (a bad number, a rejected address): retrying cannot help. */
export class PermanentSendError extends Error {
  constructor(
    readonly reason: string,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'PermanentSendError';
  }
}

/** Sorts an SDK error: 4xx other than 401/403/408/409/429 is the provider saying no for good. */
export function classifyProviderError(error: unknown): Error {
  if (error instanceof PermanentSendError) return error;
  const status = (error as { statusCode?: number }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && ![401, 403, 408, 409, 429].includes(status)) {
    const code = (error as { code?: string }).code;
    return new PermanentSendError('provider_rejected', `The provider refused it (${status}${code ? ` ${code}` : ''})`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
