import { bearer } from './fixtures.js';
import { startAcsEmulator, type AcsEmulator } from './acs-emulator.js';
import { startTestApp, type TestApp } from './start-test-app.js';

/** A message as the staff API lists it, with what the texting tests look at. */
export type TListedMessage = {
  id: string;
  body: string;
  via: string;
  author: { id: string; kind: string };
  inReplyTo: { id: string; body: string } | null;
  sms: { recipients: Array<{ contactId: string; status: string; reason: string | null }> } | null;
};

/**
 * One app texting from `sender` through the ACS emulator, for a whole test file: registers the
 * jest hooks that start and stop both (and put the clock back after each test), and returns
 * what the texting tests read. `app` and `acs` are getters: they exist once `beforeAll` ran.
 */
export function useSmsHarness(sender: string) {
  let app: TestApp | undefined;
  let acs: AcsEmulator | undefined;
  beforeAll(async () => {
    acs = await startAcsEmulator();
    app = await startTestApp({
      ACS_CONNECTION_STRING: acs.connectionString,
      ACS_EMAIL_SENDER: 'donotreply@confer.example',
      ACS_SMS_SENDER: sender,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await acs?.stop();
  });
  afterEach(() => app?.clock.reset());

  const harness = {
    sender,
    get app(): TestApp {
      if (!app) throw new Error('The SMS harness is used before beforeAll ran');
      return app;
    },
    get acs(): AcsEmulator {
      if (!acs) throw new Error('The SMS harness is used before beforeAll ran');
      return acs;
    },
    /** The texts the emulator accepted for one number, oldest first. */
    textsTo: (to: string) => harness.acs.texts.filter((t) => t.to === to),
    /** The conversation's messages as the staff member with `token` sees them. */
    messagesOf: async (token: string, conversationId: string) =>
      (await harness.app.http.get(`/api/v1/conversations/${conversationId}/messages`).set(bearer(token))).body
        .items as TListedMessage[],
  };
  return harness;
}
