import type { APIRequestContext } from '@playwright/test';

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
