import type { ApiClient } from './create-api-client.js';
import type {
  AssignUnroutedResult,
  FirmSettings,
  MessageTexts,
  ResendSmsInput,
  SmsPlan,
  UnroutedSms,
  UpdateFirmSettingsInput,
} from './sms-types.js';

type Sig = { signal?: AbortSignal };
const id = (value: string) => encodeURIComponent(value);

/** Texting and firm-settings calls of the staff API, on an ApiClient's `request`. */
export function createSmsApi(request: ApiClient['request']) {
  return {
    /** Each recipient's latest text of a message, and every attempt. */
    getMessageTexts: (messageId: string, o: Sig = {}) =>
      request<MessageTexts>('GET', `/messages/${id(messageId)}/sms`, o),
    /** Who "Send as SMS" would text in a conversation now, and why the others would not be. */
    getSmsPlan: (conversationId: string, o: Sig = {}) =>
      request<SmsPlan>('GET', `/conversations/${id(conversationId)}/sms-plan`, o),
    resendAsSms: (messageId: string, input: ResendSmsInput = {}) =>
      request<MessageTexts>('POST', `/messages/${id(messageId)}/sms/resend`, { body: input }),
    /** Admins: texts that could not be filed in a conversation, newest first. */
    listUnroutedTexts: (query: { includeAssigned?: boolean } = {}, o: Sig = {}) =>
      request<{ items: UnroutedSms[] }>('GET', '/sms/unrouted', {
        ...o,
        query: { include: query.includeAssigned ? 'assigned' : undefined },
      }),
    assignUnroutedText: (unroutedId: string, conversationId: string) =>
      request<AssignUnroutedResult>('POST', `/sms/unrouted/${id(unroutedId)}/assign`, { body: { conversationId } }),
    /** Admins: the firm's SMS sender number, allowed countries and unseen-message email delay. */
    getFirmSettings: (o: Sig = {}) => request<FirmSettings>('GET', '/firm/settings', o),
    updateFirmSettings: (input: UpdateFirmSettingsInput) =>
      request<FirmSettings>('PATCH', '/firm/settings', { body: input }),
  };
}

export type SmsApi = ReturnType<typeof createSmsApi>;
