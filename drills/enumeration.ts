// Drill 5, enumeration: "send me a new link" for a known and an unknown email must answer
// with the same status, body and headers, and the same time (median gap < 5 ms over 400
// alternating requests); bombing one address yields at most 5 emails in the hour, even from
// many source addresses at once.
import { Agent } from 'node:http';
import { median, pool, round, runDrill, sleep } from './lib/drill.js';
import { externalConversation } from './lib/portal.js';
import { rawRequest, type RawAnswer } from './lib/raw-http.js';
import { ports, scaled } from './lib/settings.js';
import { demo, startStack } from './lib/stack.js';

const timed = scaled(400, 40);
const bombs = scaled(1000, 100);
const sourceAddresses = 50;
const maxEmailsPerHour = 5;
/** Headers that differ between any two answers by design. */
const varying = new Set(['date', 'x-request-id', 'connection', 'keep-alive']);

await runDrill(
  'enumeration',
  {
    budgetMs: 10 * 60_000,
    description: `request-link: known vs unknown email, ${timed} timed requests, ${bombs} bombs from ${sourceAddresses} addresses`,
  },
  async (d) => {
    const stack = await startStack(d);
    const token = await stack.staffToken(demo.admin);
    const known = 'known.client@mail.example';
    const bombed = 'bombed.client@mail.example';
    await externalConversation(stack, token, {
      contacts: [
        { name: 'Known Client', email: known },
        { name: 'Bombed Client', email: bombed },
      ],
    });
    const requestLink = (email: string, options: { agent?: Agent; localAddress?: string } = {}) =>
      rawRequest({
        port: ports.confer,
        method: 'POST',
        path: '/api/portal/v1/auth/request-link',
        headers: { 'content-type': 'application/json', origin: stack.confer.origin },
        body: JSON.stringify({ email }),
        ...options,
      });
    const linkEmailsTo = async (email: string) =>
      (await stack.outbox()).filter((m) => m.to === email && m.kind === 'secure_link').length;

    // 1. bombing one address from 50 loopback source addresses (per-address limits do not help)
    const before = await linkEmailsTo(bombed);
    const bombAnswers: Record<number, number> = {};
    await pool(bombs, 50, async (i) => {
      d.assertTime('bombing');
      const a = await requestLink(bombed, { localAddress: `127.0.0.${2 + (i % sourceAddresses)}` });
      bombAnswers[a.status] = (bombAnswers[a.status] ?? 0) + 1;
    });
    // the work runs after each answer: wait until the count stops moving (at most 30 s)
    let sent = -1;
    for (let i = 0; i < 30; i++) {
      await sleep(1000);
      const now = (await linkEmailsTo(bombed)) - before;
      if (now === sent) break;
      sent = now;
    }
    d.figure('bomb_requests', bombs);
    d.figure('bomb_answers', bombAnswers);
    d.check(
      'emails_to_the_bombed_address',
      sent,
      sent <= maxEmailsPerHour,
      `≤ ${maxEmailsPerHour} in the hour`,
      '19.11',
    );

    // 2. known vs unknown: identical answers
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const knownAnswer = await requestLink(known, { agent });
    const unknownAnswer = await requestLink('nobody.at.all@mail.example', { agent });
    const differences: string[] = [];
    if (knownAnswer.status !== unknownAnswer.status)
      differences.push(`status ${knownAnswer.status}/${unknownAnswer.status}`);
    if (!knownAnswer.body.equals(unknownAnswer.body)) differences.push('body');
    const headerNames = new Set([...Object.keys(knownAnswer.headers), ...Object.keys(unknownAnswer.headers)]);
    for (const name of headerNames) {
      if (varying.has(name)) continue;
      if (String(knownAnswer.headers[name]) !== String(unknownAnswer.headers[name])) differences.push(`header ${name}`);
    }
    d.figure('answer', { status: knownAnswer.status, body: knownAnswer.body.toString().slice(0, 200) });
    d.check('known_vs_unknown_differences', differences, differences.length === 0, 'none (status, body, headers)');

    // 3. timing, alternating known and unknown (one connection, one request at a time)
    const times: Record<'known' | 'unknown', number[]> = { known: [], unknown: [] };
    let otherAnswers = 0;
    for (let i = 0; i < timed; i++) {
      d.assertTime('timing');
      const isKnown = i % 2 === 0;
      const a: RawAnswer = await requestLink(isKnown ? known : `unknown.${i}@mail.example`, { agent });
      if (a.status !== knownAnswer.status || !a.body.equals(knownAnswer.body)) otherAnswers += 1;
      times[isKnown ? 'known' : 'unknown'].push(a.ms);
    }
    agent.destroy();
    const gap = Math.abs(median(times.known) - median(times.unknown));
    d.figure('timed_requests', timed);
    d.figure('median_ms', { known: round(median(times.known), 2), unknown: round(median(times.unknown), 2) });
    d.check('median_gap_ms', round(gap, 2), gap < 5, '< 5');
    d.check('answers_differing_during_timing', otherAnswers, otherAnswers === 0, '0');
  },
);
