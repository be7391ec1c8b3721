import type { AcsEmulator, EmulatedText } from '../../api/test/support/acs-emulator.js';
import { waitUntil } from './drill.js';
import { externalConversation, type TConversationSetup } from './portal.js';
import { expectStatus, type Stack } from './stack.js';

/** Valid UK mobiles the drills text (+44 7400 1xxxxx; the demo firm may text GB numbers). */
export const mobile = (n: number) => `+4474001${String(n).padStart(5, '0')}`;

/** An external conversation whose contacts each have a mobile (and an email). */
export async function textableConversation(
  stack: Stack,
  token: string,
  contacts: Array<{ name: string; mobile: string }>,
): Promise<TConversationSetup> {
  return externalConversation(stack, token, {
    contacts: contacts.map((c, i) => ({
      name: c.name,
      mobile: c.mobile,
      email: `texted.${c.mobile.slice(1)}.${i}@mail.example`,
    })),
    matterNumber: `SMS-${Date.now().toString(36)}`,
  });
}

/** Texts to a number the emulator accepted (ACS strips nothing: `to` is E.164). */
export const textsTo = (emulator: AcsEmulator, number: string): EmulatedText[] =>
  emulator.texts.filter((t) => t.to === number || t.to === number.replace(/^\+/, ''));

/** Staff sends a message as SMS; returns the message id. */
export async function sendAsSms(stack: Stack, token: string, conversationId: string, body: string): Promise<string> {
  return expectStatus(
    await stack.staff(token)('POST', `/conversations/${conversationId}/messages`, { body, sendAsSms: true }),
    201,
    'send as SMS',
  ).json.id;
}

/** Waits (bounded) until the emulator holds at least `count` texts matching `filter`. */
export async function waitForTexts(
  emulator: AcsEmulator,
  filter: (t: EmulatedText) => boolean,
  count: number,
  timeoutMs = 30_000,
): Promise<EmulatedText[]> {
  return (
    (await waitUntil(() => {
      const found = emulator.texts.filter(filter);
      return found.length >= count ? found : undefined;
    }, timeoutMs)) ?? emulator.texts.filter(filter)
  );
}

/** Per recipient texting status of a message, by contact id. */
export async function smsStatuses(stack: Stack, token: string, messageId: string): Promise<Record<string, string>> {
  const view = expectStatus(await stack.staff(token)('GET', `/messages/${messageId}/sms`), 200, 'sms view').json;
  return Object.fromEntries(
    (view.recipients as Array<{ contactId: string; status: string }>).map((r) => [r.contactId, r.status]),
  );
}
