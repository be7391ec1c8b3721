// Drill 10, opt-out: every FCC opt-out keyword (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END,
// QUIT, REVOKE, OPTOUT), in any case and with trailing words, stops texting to that number:
// 0 texts after it, at most 1 confirmation; START or UNSTOP resumes. Two numbers that text
// "don't stop" style sentences stay subscribed (a negation is a message, not an opt-out).
import { postWebhook, senderNumber, smsReceivedEvent, startAcs } from './lib/acs.js';
import { runDrill, sleep, waitUntil } from './lib/drill.js';
import { demo, expectStatus, startStack } from './lib/stack.js';
import { mobile, sendAsSms, textableConversation, textsTo, waitForTexts } from './lib/texting.js';

const keywords = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'];
/** Each keyword as sent: upper case, lower case, mixed case with trailing words. */
const variants = (k: string) => [k, `${k.toLowerCase()}.`, `${k[0]}${k.slice(1).toLowerCase()} please, no more texts`];
const resumeWords = ['START', 'unstop', 'Start', 'UNSTOP'];
const negations = ["Don't stop", 'Please do not stop texting me'];

await runDrill(
  'opt-out',
  { budgetMs: 8 * 60_000, description: `${keywords.length} keywords × 3 spellings, then START/UNSTOP` },
  async (d) => {
    const { emulator, env } = await startAcs(d);
    const stack = await startStack(d, { env });
    const token = await stack.staffToken(demo.admin);
    const people = [
      ...keywords.flatMap((k) => variants(k).map((text) => ({ text, stops: true }))),
      ...negations.map((text) => ({ text, stops: false })),
    ].map((p, i) => ({ ...p, number: mobile(30_000 + i) }));
    const setup = await textableConversation(
      stack,
      token,
      people.map((p, i) => ({ name: `Person ${i + 1}`, mobile: p.number })),
    );
    /**
     * Inbound texts are applied one job at a time: waits until `expected` more texts came, or
     * none for 8 s (at most 3 minutes).
     */
    const settle = async (expected = Infinity) => {
      const start = emulator.texts.length;
      let last = start;
      let quietSince = Date.now();
      await waitUntil(
        () => {
          const now = emulator.texts.length;
          if (now !== last) [last, quietSince] = [now, Date.now()];
          return now - start >= expected || Date.now() - quietSince > 8000;
        },
        180_000,
        250,
      );
    };
    const count = () => new Map(people.map((p) => [p.number, textsTo(emulator, p.number).length]));
    const since = (before: Map<string, number>, number: string) =>
      textsTo(emulator, number).length - before.get(number)!;

    // 1. everyone gets a text
    const t0 = count();
    await sendAsSms(stack, token, setup.conversationId, 'First update');
    await waitForTexts(emulator, (t) => t.message.includes('First update'), people.length);
    const firstRound = people.filter((p) => since(t0, p.number) === 1).length;
    d.check('texted_before', firstRound, firstRound === people.length, `${people.length} (everyone)`);

    // 2. each number sends its keyword (or its negation), twice: a repeat must not confirm again
    const t1 = count();
    const keywordsSentAt = Date.now();
    for (const p of people) {
      for (let i = 0; i < 2; i++) {
        expectStatus(
          await postWebhook(stack, [
            smsReceivedEvent({ from: p.number, to: senderNumber, message: p.text, pascal: i === 0 }),
          ]),
          200,
          'keyword',
        );
      }
    }
    await settle(people.filter((p) => p.stops).length);
    d.figure('seconds_until_the_last_confirmation', Math.round((Date.now() - keywordsSentAt) / 100) / 10);
    const confirmations = people.filter((p) => p.stops).map((p) => since(t1, p.number));

    // 3. a new message as SMS: no text to anyone who opted out
    const t2 = count();
    await sendAsSms(stack, token, setup.conversationId, 'Second update');
    await waitForTexts(emulator, (t) => t.message.includes('Second update'), negations.length, 20_000);
    await sleep(3000);
    const afterStop = people.filter((p) => p.stops).map((p) => since(t2, p.number));
    const stillTexted = people.filter((p) => !p.stops).map((p) => since(t2, p.number));

    // 4. START / UNSTOP brings texts back
    const stopped = people.filter((p) => p.stops);
    for (const [i, p] of stopped.entries()) {
      expectStatus(
        await postWebhook(stack, [
          smsReceivedEvent({ from: p.number, to: senderNumber, message: resumeWords[i % resumeWords.length]! }),
        ]),
        200,
        'resume',
      );
    }
    await settle(stopped.length);
    await sendAsSms(stack, token, setup.conversationId, 'Third update');
    await waitForTexts(emulator, (t) => t.message.includes('Third update'), people.length, 30_000);
    await sleep(2000);
    const resumed = stopped.map(
      (p) => textsTo(emulator, p.number).filter((t) => t.message.includes('Third update')).length,
    );

    const failedKeywords = stopped.filter((_, i) => afterStop[i] !== 0).map((p) => p.text);
    d.figure('numbers', { opting_out: stopped.length, negations: negations.length });
    d.check(
      'texts_after_opt_out',
      afterStop.reduce((a, b) => a + b, 0),
      failedKeywords.length === 0,
      '0',
      failedKeywords.every((t) => /\s/.test(t.trim())) ? '19.4' : undefined,
    );
    if (failedKeywords.length) d.figure('keywords_that_did_not_opt_out', failedKeywords);
    const overConfirmed = confirmations.filter((n) => n > 1).length;
    d.check(
      'confirmations_per_opt_out',
      `max ${Math.max(...confirmations)}, min ${Math.min(...confirmations)}`,
      overConfirmed === 0,
      '≤ 1 each',
    );
    d.check(
      'negations_still_texted',
      stillTexted,
      stillTexted.every((n) => n === 1),
      'each 1 (not opted out)',
    );
    const notResumed = resumed.filter((n) => n !== 1).length;
    d.check(
      'texted_after_start_or_unstop',
      `${resumed.length - notResumed} of ${resumed.length}`,
      notResumed === 0,
      'all, once each',
    );
  },
);
