// Drill 3, code binding and expiry, with the app's clock moved through /dev/clock (embedded
// mode only): a code is valid 9:59 after it was sent and refused at 10:01; a code of attempt A
// is refused on attempt B (and B's own code still works afterwards).
import { runDrill } from './lib/drill.js';
import { codeOf, type Answer } from './lib/http.js';
import { externalConversation, latestCode, latestLinkToken, openLink, verifyCode } from './lib/portal.js';
import { scaled } from './lib/settings.js';
import { demo, expectStatus, startStack, type Stack } from './lib/stack.js';

const rounds = scaled(5, 2);
const minute = 60_000;

async function appNow(stack: Stack): Promise<number> {
  return Date.parse(expectStatus(await stack.api.call('GET', '/dev/clock'), 200, '/dev/clock').json.now);
}

async function moveClockTo(stack: Stack, at: number): Promise<void> {
  expectStatus(
    await stack.api.call('PUT', '/dev/clock', { body: { at: new Date(at).toISOString() } }),
    200,
    'move the clock',
  );
}

async function resetClock(stack: Stack): Promise<void> {
  expectStatus(await stack.api.call('PUT', '/dev/clock', { body: { offsetMs: 0 } }), 200, 'reset the clock');
}

await runDrill(
  'code-binding',
  {
    budgetMs: 5 * 60_000,
    description: `codes at 9:59 and 10:01 by the app's clock, crossed attempts; ${rounds} rounds`,
  },
  async (d) => {
    const stack = await startStack(d);
    const token = await stack.staffToken(demo.admin);
    // one client (and link) per round: a link emails at most 10 codes an hour, and a round opens 4 to 9
    const emails = Array.from({ length: rounds }, (_, i) => `binding.client.${i + 1}@mail.example`);
    await externalConversation(stack, token, {
      contacts: emails.map((email, i) => ({ name: `Binding Client ${i + 1}`, email })),
    });
    let email = emails[0]!;
    let link = '';

    /** Opens the link; returns the attempt, its code and the app's time just before and after it was sent. */
    const open = async () => {
      const before = await appNow(stack);
      const opened = expectStatus(await openLink(stack, link), 200, 'open link');
      const after = await appNow(stack);
      return { attempt: opened.json.attemptToken as string, code: await latestCode(stack, email), before, after };
    };
    const tally = (list: Answer[]) => list.map((a) => `${a.status} ${codeOf(a)}`.trim());

    const atNineFiftyNine: Answer[] = [];
    const atTenOhOne: Answer[] = [];
    const crossed: Answer[] = [];
    const ownAfterCrossed: Answer[] = [];
    for (let round = 0; round < rounds; round++) {
      d.assertTime(`round ${round}`);
      email = emails[round]!;
      link = await latestLinkToken(stack, email);
      // 9:59 after the earliest moment it can have been sent: inside its 10 minutes
      const a = await open();
      await moveClockTo(stack, a.before + 9 * minute + 59_000);
      atNineFiftyNine.push(await verifyCode(stack, a.attempt, a.code));
      await resetClock(stack);

      // 10:01 after the latest moment it can have been sent: past its 10 minutes
      const b = await open();
      await moveClockTo(stack, b.after + 10 * minute + 1_000);
      atTenOhOne.push(await verifyCode(stack, b.attempt, b.code));
      await resetClock(stack);

      // attempts A and B with different codes: A's code on B is a wrong code, then B's own works
      let first = await open();
      let second = await open();
      for (let i = 0; i < 5 && first.code === second.code; i++) {
        first = second;
        second = await open();
      }
      crossed.push(await verifyCode(stack, second.attempt, first.code));
      ownAfterCrossed.push(await verifyCode(stack, second.attempt, second.code));
      d.log(`round ${round + 1}/${rounds} done`);
    }
    d.figure('rounds', rounds);
    d.check(
      'at_9_59',
      tally(atNineFiftyNine),
      atNineFiftyNine.every((a) => a.status === 200),
      'every code accepted (200)',
    );
    d.check(
      'at_10_01',
      tally(atTenOhOne),
      atTenOhOne.every((a) => a.status === 400 && codeOf(a) === 'code_expired'),
      'every code refused (400 code_expired)',
    );
    d.check(
      'code_of_A_on_B',
      tally(crossed),
      crossed.every((a) => a.status === 400 && codeOf(a) === 'wrong_code'),
      'every one refused (400 wrong_code)',
    );
    d.check(
      'own_code_on_B_afterwards',
      tally(ownAfterCrossed),
      ownAfterCrossed.every((a) => a.status === 200),
      'accepted (200): the refusal was the binding, not a dead attempt',
    );
  },
);
