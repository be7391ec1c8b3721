import type { APIRequestContext, Browser } from '@playwright/test';
import { openInStaffApp, staffOnMatter, startExternalConversation } from './portal-support.js';

/**
 * The seeded mobiles are in the UK's drama range (+44 7700 900xxx), which is not a valid
 * mobile number, so texts to them are refused: give the contact a real-looking UK mobile
 * through the staff API first.
 */
export async function setContactMobile(
  request: APIRequestContext,
  token: string,
  contactId: string,
  mobile: string,
): Promise<void> {
  const response = await request.patch(`/api/v1/contacts/${contactId}`, {
    headers: { authorization: `Bearer ${token}` },
    data: { mobile },
  });
  if (!response.ok()) throw new Error(`PATCH contact answered ${response.status()}: ${await response.text()}`);
}

/**
 * Gives a contact of 2026-0001 a textable mobile, starts an external conversation with them and
 * opens it in the staff app, signed in as the staff member who started it.
 */
export async function openTextableConversation(
  browser: Browser,
  request: APIRequestContext,
  baseURL: string | undefined,
  who: { staffEmail: string; staffName: string; contactName: string; mobile: string },
) {
  const { token, api, matter, contact } = await staffOnMatter(request, who.staffEmail, '2026-0001', who.contactName);
  await setContactMobile(request, token, contact.id, who.mobile);
  const conversation = await startExternalConversation(api, matter.id, [contact.id]);
  const staff = await openInStaffApp(
    browser,
    baseURL,
    who.staffName,
    `conversations/${conversation.id}`,
    conversation.title,
  );
  return { matter, conversation, staff };
}
