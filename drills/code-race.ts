// Drill 2, code race: one valid sign-in code submitted 100 times in parallel opens exactly one
// session. Repeated over several sign-in attempts, each burst on its own connections.
import { runDrill } from './lib/drill.js';
import { codeOf } from './lib/http.js';
import { externalConversation, latestCode, latestLinkToken, openLink, verifyCode } from './lib/portal.js';
import { scaled } from './lib/settings.js';
import { demo, expectStatus, startStack } from './lib/stack.js';

const parallel = 100;
const rounds = scaled(5, 2);

await runDrill(
  'code-race',
  { budgetMs: 5 * 60_000, description: `one valid code × ${parallel} in parallel, ${rounds} rounds` },
  async (d) => {
    const stack = await startStack(d);
    const token = await stack.staffToken(demo.admin);
    const email = 'race.client@mail.example';
    const setup = await externalConversation(stack, token, { contacts: [{ name: 'Race Client', email }] });
    const link = await latestLinkToken(stack, email);

    const sessionsPerRound: number[] = [];
    const refusals: Record<string, number> = {};
    for (let round = 0; round < rounds; round++) {
      d.assertTime(`round ${round}`);
      const opened = expectStatus(await openLink(stack, link), 200, 'open link');
      const code = await latestCode(stack, email);
      const answers = await Promise.all(
        Array.from({ length: parallel }, () => verifyCode(stack, opened.json.attemptToken, code)),
      );
      const sessions = new Set(
        answers
          .filter((a) => a.status === 200)
          .map((a) => a.headers.getSetCookie().find((c) => c.startsWith('__Host-confer_session='))),
      );
      sessionsPerRound.push(sessions.size);
      for (const a of answers.filter((x) => x.status !== 200)) {
        const key = `${a.status} ${codeOf(a)}`;
        refusals[key] = (refusals[key] ?? 0) + 1;
      }
      d.log(`round ${round + 1}/${rounds}: ${sessions.size} session(s)`);
    }
    d.figure('rounds', rounds);
    d.figure('parallel_submissions_per_round', parallel);
    d.figure('refusals', refusals);
    d.check(
      'sessions_per_round',
      sessionsPerRound,
      sessionsPerRound.every((n) => n === 1),
      'exactly 1 in every round',
    );
    // what the database holds, not only what the answers said (PGlite: readable once Confer stops)
    await stack.confer.stop();
    const [stored] = await stack.database.direct((sql) =>
      sql<{ n: number }>('select count(*)::int as n from portal_sessions where contact_id = $1', [
        setup.contacts[0]!.id,
      ]),
    );
    d.check('sessions_stored', stored!.n, stored!.n === rounds, `${rounds} (one per round)`);
    const onlyAttemptClosed = Object.keys(refusals).every((k) => k === '400 attempt_not_valid');
    d.check(
      'other_answers',
      Object.keys(refusals),
      onlyAttemptClosed,
      'every losing submission answered 400 attempt_not_valid',
    );
  },
);
