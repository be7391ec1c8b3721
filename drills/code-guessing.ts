// Drill 1, code guessing: 10,000 wrong codes from 50 parallel connections spread over many
// sign-in attempts of one contact. First 10 guesses at each of 19 attempts (each must lock at
// its 5th: 95 failures), then the rest over all 25 attempts (the contact must lock at 100).
// Pass: 0 successes; every attempt locked after 5 wrong codes and never more recorded; the
// contact locked at exactly 100 failures in the hour; the right code refused on every locked
// attempt and on a fresh attempt of the locked contact.
import { randomInt } from 'node:crypto';
import { pool, runDrill, sleep } from './lib/drill.js';
import { codeOf } from './lib/http.js';
import { externalConversation, latestCode, latestLinkToken, openLink, verifyCode } from './lib/portal.js';
import { scaled } from './lib/settings.js';
import { demo, expectStatus, startStack } from './lib/stack.js';

const guesses = scaled(10_000, 200);
const connections = 50;
const attemptsWanted = 25;
/** Attempts guessed at first, alone: 19 × 5 = 95 failures, below the contact's 100. */
const firstPhaseAttempts = 19;
const firstPhaseGuesses = firstPhaseAttempts * 10;
const maxWrongTries = 5;
const maxFailuresPerHour = 100;

await runDrill(
  'code-guessing',
  {
    budgetMs: 15 * 60_000,
    description: `${guesses} wrong codes over ${attemptsWanted} attempts of one contact, ${connections} connections`,
  },
  async (d) => {
    const stack = await startStack(d);
    const token = await stack.staffToken(demo.admin);
    const email = 'guessed.client@mail.example';
    const setup = await externalConversation(stack, token, { contacts: [{ name: 'Guessed Client', email }] });
    const contactId = setup.contacts[0]!.id;
    let link = await latestLinkToken(stack, email);
    const staff = stack.staff(token);

    // many attempts of the one contact, each with the code emailed for it (never guessed). A link
    // sends at most 10 codes an hour (19.11): past that, staff start another conversation with
    // the contact, whose invitation is a new link of the same contact
    const attempts: Array<{ token: string; code: string }> = [];
    const openRefusals: string[] = [];
    let links = 1;
    while (attempts.length < attemptsWanted) {
      d.assertTime('opening attempts');
      const opened = await openLink(stack, link);
      if (opened.status !== 200) {
        openRefusals.push(`${opened.status} ${codeOf(opened)}`);
        if (codeOf(opened) !== 'too_many_opens' || links >= 4) break;
        expectStatus(
          await staff('POST', '/conversations', {
            kind: 'external_matter',
            matterId: setup.matterId,
            contactIds: [contactId],
            requireMfa: true,
          }),
          201,
          'another conversation',
        );
        const previous = link;
        for (let wait = 0; link === previous && wait < 50; wait++) {
          link = await latestLinkToken(stack, email);
          if (link === previous) await sleep(100);
        }
        links += 1;
        continue;
      }
      attempts.push({ token: opened.json.attemptToken, code: await latestCode(stack, email) });
    }
    d.figure('attempts_opened', attempts.length);
    d.figure('links_used', links);
    if (openRefusals.length) d.figure('link_opens_refused', openRefusals);
    if (attempts.length === 0) throw new Error('no sign-in attempt could be opened');

    const answers: Record<string, number> = {};
    const wrongCodeAnswers = new Array<number>(attempts.length).fill(0);
    let successes = 0;
    const t0 = Date.now();
    const guess = async (i: number) => {
      d.assertTime('guessing');
      const first = Math.min(firstPhaseAttempts, attempts.length);
      const k = i < firstPhaseGuesses ? i % first : i % attempts.length;
      let guess: string;
      do guess = String(randomInt(0, 1_000_000)).padStart(6, '0');
      while (guess === attempts[k]!.code);
      const a = await verifyCode(stack, attempts[k]!.token, guess);
      const key = `${a.status} ${codeOf(a)}`.trim();
      answers[key] = (answers[key] ?? 0) + 1;
      if (a.status === 200) successes += 1;
      if (codeOf(a) === 'wrong_code') wrongCodeAnswers[k]! += 1;
    };
    await pool(firstPhaseGuesses, connections, (i) => guess(i));
    await pool(guesses - firstPhaseGuesses, connections, (i) => guess(firstPhaseGuesses + i));
    const seconds = (Date.now() - t0) / 1000;
    d.figure('wrong_codes_sent', guesses);
    d.figure('guessing_seconds', Math.round(seconds * 10) / 10);
    d.figure('guesses_per_second', Math.round(guesses / seconds));
    d.figure('answers', answers);
    d.check('successes', successes, successes === 0, '0');

    // the right code on every attempt now: each is locked (5 wrong) or the contact is
    const rightOnLocked = await pool(attempts.length, 10, (k) =>
      verifyCode(stack, attempts[k]!.token, attempts[k]!.code),
    );
    const rightAccepted = rightOnLocked.filter((a) => a.status === 200).length;
    d.check(
      'right_code_on_locked_attempts_accepted',
      rightAccepted,
      rightAccepted === 0,
      `0 of ${attempts.length} (each answered 429 sign_in_locked)`,
      '19.11',
    );
    // a fresh attempt of the locked contact: its right code is refused too
    const fresh = await openLink(stack, link);
    let freshAnswer = `open: ${fresh.status} ${codeOf(fresh)}`;
    if (fresh.status === 200) {
      const answer = await verifyCode(stack, fresh.json.attemptToken, await latestCode(stack, email));
      freshAnswer = `${answer.status} ${codeOf(answer)}`.trim();
    }
    d.check(
      'right_code_on_fresh_attempt_of_locked_contact',
      freshAnswer,
      freshAnswer === '429 sign_in_locked' || fresh.status === 429,
      '429 sign_in_locked (the contact is locked for the hour)',
      '19.11',
    );

    // what the database recorded
    await stack.confer.stop();
    const stored = await stack.database.direct(async (sql) => ({
      attempts: await sql<{ wrong_tries: number; locked: boolean; completed: boolean }>(
        `select wrong_tries, locked_at is not null as locked, completed_at is not null as completed
           from sign_in_attempts where contact_id = $1`,
        [contactId],
      ),
      failures: (
        await sql<{ n: number }>(
          `select count(*)::int as n from sign_in_failures where contact_id = $1 and at > now() - interval '1 hour'`,
          [contactId],
        )
      )[0]!.n,
      sessions: (
        await sql<{ n: number }>('select count(*)::int as n from portal_sessions where contact_id = $1', [contactId])
      )[0]!.n,
    }));
    const maxTries = Math.max(...stored.attempts.map((a) => a.wrong_tries));
    d.check(
      'max_wrong_tries_recorded_on_an_attempt',
      maxTries,
      maxTries <= maxWrongTries,
      `≤ ${maxWrongTries}`,
      '19.11',
    );
    d.figure('max_wrong_code_answers_on_an_attempt', Math.max(...wrongCodeAnswers));
    const lockedAtFive = stored.attempts.filter((a) => a.wrong_tries >= maxWrongTries);
    d.check(
      'attempts_locked_at_5_wrong_tries',
      `${lockedAtFive.filter((a) => a.locked).length} of ${lockedAtFive.length}`,
      lockedAtFive.length >= Math.min(firstPhaseAttempts, attempts.length) && lockedAtFive.every((a) => a.locked),
      `≥ ${firstPhaseAttempts} attempts reached 5 wrong tries, every one locked`,
    );
    d.check(
      'failures_recorded_for_the_contact_in_the_hour',
      stored.failures,
      stored.failures === maxFailuresPerHour,
      `${maxFailuresPerHour} (counting stops at the contact lock)`,
      '19.11',
    );
    d.check('sessions_opened', stored.sessions, stored.sessions === 0, '0');
    d.check(
      'attempts_completed',
      stored.attempts.filter((a) => a.completed).length,
      stored.attempts.every((a) => !a.completed),
      '0',
      '19.11',
    );
  },
);
