import { DefaultAzureCredential } from '@azure/identity';
import { EmailClient } from '@azure/communication-email';
import { SmsClient } from '@azure/communication-sms';
import type { TConfig } from '../../config.js';
import { createAcsEmailSender } from './acs-email.js';
import { createAcsSmsSender, smsRepeatabilityPolicy } from './acs-sms.js';
import type { TEmailToSend, TSendResult, TSmsToSend } from './send-contract.js';

export type MessageProviders = {
  /** `acs` sends through Azure Communication Services; `outbox` keeps it in the outbox table (embedded mode). */
  email: 'acs' | 'outbox';
  sms: 'acs' | 'outbox';
  sendEmail(message: TEmailToSend): Promise<TSendResult>;
  sendSms(message: TSmsToSend): Promise<TSendResult>;
};

export type TProviderOptions = {
  /** How often an email send operation is polled until it completes. */
  pollIntervalMs?: number;
  /** The SDK's own quick retries of one call (the job queue does the real retrying). */
  maxRetries?: number;
  /** Each provider call gives up after this long (the job retries later). */
  timeoutMs?: number;
};

function isLoopbackHttp(url: string | undefined): boolean {
  try {
    const parsed = new URL(url ?? '');
    return parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  } catch {
    return false;
  }
}

/**
 * Embedded mode without ACS: the outbox table is the transport. A text is then "sent", like one
 * ACS accepted; the phone simulator (/dev/phone) plays the carrier and reports its delivery.
 */
const outboxEmail = async (_m: TEmailToSend): Promise<TSendResult> => ({ providerMessageId: null });
const outboxSms = async (m: TSmsToSend): Promise<TSendResult> => ({ providerMessageId: `outbox-${m.outboxId}` });

/**
 * Email and SMS through ACS when it is configured (a connection string, or an endpoint with
 * DefaultAzureCredential); otherwise, in embedded mode, the outbox table. Email through ACS
 * also needs ACS_EMAIL_SENDER.
 */
export function createProviders(config: TConfig, options: TProviderOptions = {}): MessageProviders {
  const { connectionString, endpoint, emailSender } = config.acs;
  const configured = Boolean(connectionString || endpoint);
  if (!configured && config.mode === 'production') throw new Error('ACS is required in production');
  const clientOptions = {
    retryOptions: { maxRetries: options.maxRetries ?? 2, retryDelayInMs: 500, maxRetryDelayInMs: 4000 },
    // plain http only to a loopback ACS (the tests' emulator); real endpoints are https
    allowInsecureConnection: isLoopbackHttp(
      connectionString ? /endpoint=([^;]*)/i.exec(connectionString)?.[1] : endpoint,
    ),
  };
  const credential = connectionString ? undefined : new DefaultAzureCredential();
  let sendEmail = outboxEmail;
  let emailKind: 'acs' | 'outbox' = 'outbox';
  if (configured && emailSender) {
    const client = credential
      ? new EmailClient(endpoint!, credential, clientOptions)
      : new EmailClient(connectionString!, clientOptions);
    sendEmail = createAcsEmailSender(client, emailSender, {
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      timeoutMs: options.timeoutMs ?? 60_000,
    });
    emailKind = 'acs';
  }
  let sendSms = outboxSms;
  let smsKind: 'acs' | 'outbox' = 'outbox';
  if (configured) {
    const smsOptions = {
      ...clientOptions,
      additionalPolicies: [{ policy: smsRepeatabilityPolicy, position: 'perCall' as const }],
    };
    const client = credential
      ? new SmsClient(endpoint!, credential, smsOptions)
      : new SmsClient(connectionString!, smsOptions);
    sendSms = createAcsSmsSender(client, { timeoutMs: options.timeoutMs ?? 60_000 });
    smsKind = 'acs';
  }
  return { email: emailKind, sms: smsKind, sendEmail, sendSms };
}
