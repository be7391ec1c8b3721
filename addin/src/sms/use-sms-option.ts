import { useEffect, useState } from 'react';
import type { Conversation, SmsPlanRecipient } from '@confer/ui';
import { useSmsApi } from './use-sms-api';

export type SmsOption = {
  /** "Send as SMS" is offered: an external matter conversation that can be written to. */
  available: boolean;
  enabled: boolean;
  setEnabled: (enabled: boolean) => void;
  /** Who will be texted and why others cannot be; null while loading (or off). */
  plans: SmsPlanRecipient[] | null;
  error: unknown;
};

/**
 * The composer's "Send as SMS" switch: offered in external matter conversations only. When
 * switched on, asks the server who a send would text and why anyone would not be (opted out,
 * not a mobile, country not allowed…): the same rules the send applies, so the two cannot
 * disagree. Asked again when the conversation's people change.
 */
export function useSmsOption(conversation: Conversation | null, readOnly: boolean): SmsOption {
  const smsApi = useSmsApi();
  const available = conversation?.kind === 'external_matter' && !readOnly;
  const [enabled, setEnabled] = useState(false);
  const [loaded, setLoaded] = useState<{ key: string; plans: SmsPlanRecipient[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const conversationId = conversation?.id ?? null;
  // who is in the conversation now: a change (someone added, or leaving) asks again
  const people = (conversation?.participants ?? [])
    .filter((p) => p.kind === 'contact' && !p.leftAt)
    .map((p) => p.contactId)
    .join(',');
  const key = `${conversationId}:${people}`;

  useEffect(() => {
    if (!available || !enabled || !conversationId) return;
    const controller = new AbortController();
    const { signal } = controller;
    setError(null);
    smsApi.getSmsPlan(conversationId, { signal }).then(
      (plan) => {
        if (!signal.aborted) setLoaded({ key, plans: plan.recipients });
      },
      (e: unknown) => {
        if (!signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [smsApi, available, enabled, conversationId, key]);

  const plans = loaded && loaded.key === key ? loaded.plans : null;
  return { available, enabled: available && enabled, setEnabled, plans, error };
}
