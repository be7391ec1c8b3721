import { smsReceivedDelivery } from '../src/dev/phone-routes.js';
import { bearer, createFirm, createMatter } from './support/fixtures.js';
import { externalConversation, postWebhook, send, textFromPhone, waitFor } from './support/messaging.js';
import { useSmsHarness } from './support/sms-harness.js';
import type { TestApp } from './support/start-test-app.js';

const sender = '+447400000003';
const sms = useSmsHarness(sender);
let app: TestApp;
beforeAll(() => ({ app } = sms));
const { textsTo, messagesOf } = sms;
const listsTo = (to: string) => textsTo(to).filter((t) => /Reply 1 for/.test(t.message));
const unrouted = async (token: string) =>
  (await app.http.get('/api/v1/sms/unrouted').set(bearer(token))).body.items as Array<{
    id: string;
    body: string;
    reason: string;
  }>;

let matterCounter = 0;
/** One client (one mobile) in two matters of one firm, each texted once from its conversation. */
async function clientInTwoMatters() {
  const n = ++matterCounter;
  const firm = await createFirm(app);
  const firstMatter = await createMatter(app.db, firm.firm.id, {
    number: `2026-${n}01`,
    title: 'Purchase of 14 Quay Street',
  });
  const first = await externalConversation(app, { firm, matterId: firstMatter });
  const mobile = first.contacts[0]!.mobile!;
  const secondMatter = await createMatter(app.db, first.firm.id, {
    number: `2026-${n}02`,
    title: 'Estate of the late Mrs Ada Lovelace',
  });
  const second = await externalConversation(app, { firm: first, matterId: secondMatter, contacts: [{ mobile }] });
  const firstText = await send(app, first.member.token, first.conversationId, 'Private: the survey found damp', true);
  await waitFor(() => textsTo(mobile).length === 1, 'the first text');
  const secondText = await send(app, first.member.token, second.conversationId, 'Private: the will is ready', true);
  await waitFor(() => textsTo(mobile).length === 2, 'the second text');
  // listed most recently texted first: 1 is the estate, 2 the purchase
  return {
    ...first,
    mobile,
    purchase: { conversationId: first.conversationId, number: `2026-${n}01`, lastTextId: firstText.body.id as string },
    estate: { conversationId: second.conversationId, number: `2026-${n}02`, lastTextId: secondText.body.id as string },
  };
}

describe('text replies from a client in several conversations', () => {
  test('when a client in two matters replies by text, then one numbered list of matter numbers and titles is texted (no message text), and "1" posts the held text in that conversation once, with a short confirmation', async () => {
    const s = await clientInTwoMatters();
    const delivery = smsReceivedDelivery({ from: s.mobile, to: sender, message: 'Can we sign on Tuesday?' });
    expect((await postWebhook(app, delivery)).status).toBe(200);
    expect((await postWebhook(app, delivery)).status).toBe(200); // Event Grid delivers twice

    const [list] = await waitFor(() => listsTo(s.mobile).length > 0 && listsTo(s.mobile), 'the list');
    expect(list!.message).toMatch(
      new RegExp(
        `Reply 1 for ${s.estate.number} Estate of the late Mrs Ada Lovelace, 2 for ${s.purchase.number} Purchase of 14 Quay Street\\.$`,
      ),
    );
    expect(list!.message).not.toMatch(/Tuesday|Private|survey|will is ready/);
    expect(list!.message.length).toBeLessThanOrEqual(306);
    // held, not filed anywhere yet
    expect((await messagesOf(s.member.token, s.estate.conversationId)).map((m) => m.body)).not.toContain(
      'Can we sign on Tuesday?',
    );
    expect((await unrouted(s.admin.token)).map((i) => i.body)).not.toContain('Can we sign on Tuesday?');

    const choice = smsReceivedDelivery({ from: s.mobile, to: sender, message: '1' });
    await postWebhook(app, choice);
    await postWebhook(app, choice);
    const confirmation = await waitFor(
      () => textsTo(s.mobile).find((t) => /was added to/.test(t.message)),
      'the confirmation',
    );
    expect(confirmation.message).toMatch(new RegExp(`your text was added to ${s.estate.number}\\.$`));
    const estate = await messagesOf(s.member.token, s.estate.conversationId);
    expect(estate.filter((m) => m.body === 'Can we sign on Tuesday?')).toEqual([
      expect.objectContaining({
        via: 'sms',
        author: expect.objectContaining({ id: expect.any(String), kind: 'contact' }),
        inReplyTo: expect.objectContaining({ id: s.estate.lastTextId }),
      }),
    ]);
    expect(estate.map((m) => m.body)).not.toContain('1');
    expect((await messagesOf(s.member.token, s.purchase.conversationId)).map((m) => m.body)).not.toContain(
      'Can we sign on Tuesday?',
    );
    // one list, one confirmation
    await new Promise((r) => setTimeout(r, 500));
    expect(listsTo(s.mobile)).toHaveLength(1);
    expect(textsTo(s.mobile).filter((t) => /was added to/.test(t.message))).toHaveLength(1);
  });

  test('when the client sends more words and then "2", then every held text is posted in order in the second conversation', async () => {
    const s = await clientInTwoMatters();
    await textFromPhone(app, s.mobile, sender, 'First thought', new Date(Date.now() - 2_000));
    await waitFor(() => listsTo(s.mobile).length === 1, 'the list');
    await textFromPhone(app, s.mobile, sender, 'Second thought', new Date(Date.now() - 1_000));
    // words while a hold is open: held too, and the list is texted once more as a reminder
    const reminder = await waitFor(
      () => textsTo(s.mobile).find((t) => /please reply with just a number from 1 to 2/.test(t.message)),
      'the reminder',
    );
    expect(reminder.message).not.toMatch(/thought/);
    await textFromPhone(app, s.mobile, sender, '2');
    await waitFor(() => textsTo(s.mobile).find((t) => /was added to/.test(t.message)), 'the confirmation');
    const bodies = (await messagesOf(s.member.token, s.purchase.conversationId)).map((m) => m.body);
    const thoughts = bodies.filter((b) => /thought/.test(b));
    expect(thoughts.length === 2 && bodies.indexOf('First thought') < bodies.indexOf('Second thought')).toBe(true);
    expect((await messagesOf(s.member.token, s.estate.conversationId)).map((m) => m.body)).not.toContain(
      'First thought',
    );
  });

  test('when the client answers with a number not on the list, then the list is texted again once and nothing is posted', async () => {
    const s = await clientInTwoMatters();
    await textFromPhone(app, s.mobile, sender, 'Held words');
    await waitFor(() => listsTo(s.mobile).length === 1, 'the list');
    await textFromPhone(app, s.mobile, sender, '7');
    await waitFor(() => listsTo(s.mobile).length === 2, 'the reminder');
    await textFromPhone(app, s.mobile, sender, '9');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(listsTo(s.mobile)).toHaveLength(2);
    expect(listsTo(s.mobile)[1]!.message).toMatch(/please reply with just a number from 1 to 2\. Reply 1 for /);
    for (const c of [s.estate, s.purchase]) {
      const bodies = (await messagesOf(s.member.token, c.conversationId)).map((m) => m.body);
      expect(bodies.filter((b) => ['Held words', '7', '9'].includes(b))).toEqual([]);
    }
    await textFromPhone(app, s.mobile, sender, '2');
    await waitFor(
      async () => (await messagesOf(s.member.token, s.purchase.conversationId)).some((m) => m.body === 'Held words'),
      'the held text in the second conversation',
    );
  });

  test('when nobody chooses for 24 hours by the clock, then the held text goes to the unrouted inbox once', async () => {
    const s = await clientInTwoMatters();
    await textFromPhone(app, s.mobile, sender, 'Nobody chose for me');
    await waitFor(() => listsTo(s.mobile).length === 1, 'the list');
    await app.background.sweepNow();
    expect((await unrouted(s.admin.token)).map((i) => i.body)).not.toContain('Nobody chose for me');

    app.clock.set(new Date(Date.now() + 24 * 3_600_000 + 60_000));
    await app.background.sweepNow();
    await app.background.sweepNow();
    const items = (await unrouted(s.admin.token)).filter((i) => i.body === 'Nobody chose for me');
    expect(items).toEqual([expect.objectContaining({ reason: 'ambiguous' })]);
    // a number after the hold ended is an ordinary text: it opens a new hold, it does not post the old one
    await textFromPhone(app, s.mobile, sender, '1');
    await waitFor(() => listsTo(s.mobile).length === 2, 'a new list');
    expect((await messagesOf(s.member.token, s.estate.conversationId)).map((m) => m.body)).not.toContain(
      'Nobody chose for me',
    );
  });

  test('when the client texts STOP during a hold, then the number is opted out, the held text is in the unrouted inbox, and a later number posts nothing', async () => {
    const s = await clientInTwoMatters();
    await textFromPhone(app, s.mobile, sender, 'Held before stop');
    await waitFor(() => listsTo(s.mobile).length === 1, 'the list');
    await textFromPhone(app, s.mobile, sender, 'STOP');
    await waitFor(() => textsTo(s.mobile).find((t) => /no more texts/.test(t.message)), 'the STOP confirmation');
    const items = await waitFor(async () => {
      const found = (await unrouted(s.admin.token)).filter((i) => i.body === 'Held before stop');
      return found.length > 0 && found;
    }, 'the held text in the unrouted inbox');
    expect(items).toEqual([expect.objectContaining({ reason: 'ambiguous' })]);
    await textFromPhone(app, s.mobile, sender, '1');
    const item = await waitFor(async () => {
      const found = (await unrouted(s.admin.token)).find((i) => i.body === '1');
      return found;
    }, 'the number kept as an unrouted text');
    expect(item.reason).toBe('ambiguous');
    expect((await messagesOf(s.member.token, s.estate.conversationId)).map((m) => m.body)).not.toContain(
      'Held before stop',
    );
    expect(listsTo(s.mobile)).toHaveLength(1);
  });

  test('when the client is in one conversation, then a reply is routed directly with no list', async () => {
    const s = await externalConversation(app);
    const mobile = s.contacts[0]!.mobile!;
    await send(app, s.member.token, s.conversationId, 'Only one matter', true);
    await waitFor(() => textsTo(mobile).length === 1, 'the text');
    await textFromPhone(app, mobile, sender, 'Straight in');
    await waitFor(
      async () => (await messagesOf(s.member.token, s.conversationId)).find((m) => m.body === 'Straight in'),
      'the reply',
    );
    expect(listsTo(mobile)).toHaveLength(0);
  });
});
