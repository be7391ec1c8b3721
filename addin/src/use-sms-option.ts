import { useEffect, useState } from 'react';
import type { Contact, Conversation, Me } from '@confer/ui';
import { planSmsRecipients, type SmsRecipientPlan } from './plan-sms-recipients';
import { useApi } from './use-api';

export type SmsOption = {
  /** "Send as SMS" is offered: an external matter conversation that can be written to. */
  available: boolean;
  enabled: boolean;
  setEnabled: (enabled: boolean) => void;
  /** Who will be texted and why others cannot be; null while loading (or off). */
  plans: SmsRecipientPlan[] | null;
  error: unknown;
};

/**
 * The composer's "Send as SMS" switch: offered in external matter conversations only. When
 * switched on, loads the matter's contacts and, with the firm's allowed countries (on `me`),
 * says before sending who will be texted and who cannot be, and why.
 */
export function useSmsOption(conversation: Conversation | null, me: Me, readOnly: boolean): SmsOption {
  const api = useApi();
  const available = conversation?.kind === 'external_matter' && !readOnly;
  const [enabled, setEnabled] = useState(false);
  const [loaded, setLoaded] = useState<{ contacts: Contact[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const matterId = conversation?.matterId ?? null;

  useEffect(() => {
    if (!available || !enabled || !matterId) return;
    const controller = new AbortController();
    const { signal } = controller;
    setError(null);
    api.listMatterContacts(matterId, { signal }).then(
      (contacts) => {
        if (!signal.aborted) setLoaded({ contacts: contacts.items });
      },
      (e: unknown) => {
        if (!signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [api, available, enabled, matterId]);

  const plans =
    loaded && conversation
      ? planSmsRecipients(conversation.participants, loaded.contacts, me.firm.smsAllowedCountries)
      : null;
  return { available, enabled: available && enabled, setEnabled, plans, error };
}
