// Drill 4, secrets at rest: a scripted day of use (links, codes, sessions, quick-reply links,
// uploads, messages, texts and replies), then a dump of the whole database and every log line
// Confer wrote (at LOG_LEVEL=trace) are searched for every secret the drill saw: staff tokens,
// link, attempt, session, CSRF and quick-reply tokens, one-time codes, the webhook secret, and
// message text. Message text is expected in the tables that hold messages (messages, their
// revisions, the event replay log, unrouted texts) and nowhere else.
import { randomBytes } from 'node:crypto';
import { postWebhook, senderNumber, smsReceivedEvent, startAcs } from './lib/acs.js';
import { runDrill, sleep, waitUntil } from './lib/drill.js';
import {
  codeIn,
  externalConversation,
  latestCode,
  latestLinkToken,
  linkTokenIn,
  openLink,
  sessionFrom,
  verifyCode,
} from './lib/portal.js';
import { scaled } from './lib/settings.js';
import { demo, expectStatus, startStack } from './lib/stack.js';

const days = scaled(1, 1);
/** Tables whose job is to hold message text. */
const messageTables = new Set(['public.messages', 'public.message_revisions', 'public.events', 'public.unrouted_sms']);

/** Splits a dump into tables: pg_dump's COPY blocks, or the PGlite dump's "-- schema.table" sections. */
function tablesOf(dump: string): Map<string, string> {
  const tables = new Map<string, string>();
  const copy = /^COPY ([\w.]+) \([^)]*\) FROM stdin;\n([\s\S]*?)^\\\.$/gm;
  for (const m of dump.matchAll(copy)) tables.set(m[1]!.replace(/"/g, ''), m[2]!);
  if (tables.size === 0) {
    for (const part of dump.split(/^-- /m).slice(1)) {
      const nl = part.indexOf('\n');
      tables.set(part.slice(0, nl).trim(), part.slice(nl + 1));
    }
  }
  tables.set('(schema and the rest of the dump)', dump.replace(copy, ''));
  return tables;
}

/** A 6-digit code as a word of its own: not part of a longer number, a timestamp's fraction or an id. */
const codePattern = (code: string) => new RegExp(`(?<![\\w.:+-])${code}(?![\\w.:+-])`);

await runDrill(
  'secrets-at-rest',
  { budgetMs: 8 * 60_000, description: `${days} scripted day(s) of use, then pg_dump and every log line` },
  async (d) => {
    const { emulator, env } = await startAcs(d);
    const stack = await startStack(d, { env: { ...env, LOG_LEVEL: 'trace' } });
    const secrets = new Map<string, string>(); // value → what it is
    const codes = new Set<string>();
    const bodies = new Set<string>();
    const keep = (value: string | undefined, what: string) => {
      if (value && value.length >= 16) secrets.set(value, what);
    };
    const body = (text: string) => {
      const marked = `${text} ${randomBytes(6).toString('hex')}`;
      bodies.add(marked);
      return marked;
    };
    keep(stack.webhookSecret(), 'webhook secret');
    const adminToken = await stack.staffToken(demo.admin);
    const staffToken = await stack.staffToken(demo.staff);
    keep(adminToken, 'staff token');
    keep(staffToken, 'staff token');
    const staff = stack.staff(staffToken);

    for (let day = 0; day < days; day++) {
      d.assertTime(`day ${day + 1}`);
      const n = `${day}${randomBytes(2).toString('hex')}`;
      const setup = await externalConversation(stack, staffToken, {
        contacts: [
          {
            name: `Dana Day${n}`,
            email: `dana.${n}@mail.example`,
            mobile: `+4474001${String(10_000 + day * 2).slice(-5)}`,
          },
          {
            name: `Eli Day${n}`,
            email: `eli.${n}@mail.example`,
            mobile: `+4474001${String(10_001 + day * 2).slice(-5)}`,
          },
        ],
        requireMfa: true,
      });
      const [dana, eli] = setup.contacts as unknown as [
        { email: string; mobile: string },
        { email: string; mobile: string },
      ];

      // Dana: link → code (a wrong one first, then a resend) → session; messages, an upload, an edit
      const link = await latestLinkToken(stack, dana.email);
      keep(link, 'secure link token');
      const opened = expectStatus(await openLink(stack, link), 200, 'open');
      keep(opened.json.attemptToken, 'attempt token');
      codes.add(await latestCode(stack, dana.email));
      await verifyCode(stack, opened.json.attemptToken, '000001');
      // a resend is allowed 30 s after the last code: move the app's clock rather than wait
      expectStatus(await stack.api.call('PUT', '/dev/clock', { body: { offsetMs: 31_000 } }), 200, 'clock');
      expectStatus(
        await stack.api.call('POST', '/api/portal/v1/auth/resend', {
          body: { attemptToken: opened.json.attemptToken },
        }),
        204,
        'resend',
      );
      expectStatus(await stack.api.call('PUT', '/dev/clock', { body: { offsetMs: 0 } }), 200, 'clock');
      const code = await latestCode(stack, dana.email);
      codes.add(code);
      const session = sessionFrom(
        stack,
        expectStatus(await verifyCode(stack, opened.json.attemptToken, code), 200, 'verify'),
      );
      keep(session.sessionId, 'session id');
      keep(session.csrf, 'CSRF token');
      const posted = expectStatus(
        await session.call('POST', `/conversations/${setup.conversationId}/messages`, { body: body('Client writes') }),
        201,
        'portal message',
      );
      await session.call('PATCH', `/messages/${posted.json.id}`, { body: body('Client edits') });
      const form = new FormData();
      form.append('body', body('Client sends a file'));
      form.append('files', new Blob([`statement ${n}`], { type: 'text/plain' }), `statement-${n}.txt`);
      expectStatus(
        await stack.api.call('POST', `/api/portal/v1/conversations/${setup.conversationId}/uploads`, {
          cookie: session.cookie,
          csrf: session.csrf,
          form,
        }),
        201,
        'portal upload',
      );
      await session.call('GET', `/conversations/${setup.conversationId}/messages`);

      // staff: messages, one texted to both (quick-reply links), a document and a share
      expectStatus(
        await staff('POST', `/conversations/${setup.conversationId}/messages`, { body: body('Staff answers') }),
        201,
        'staff message',
      );
      const texted = expectStatus(
        await staff('POST', `/conversations/${setup.conversationId}/messages`, {
          body: body('Staff texts'),
          sendAsSms: true,
        }),
        201,
        'staff text',
      );
      const texts = await waitUntil(() => {
        const mine = emulator.texts.filter(
          (t) => t.to.endsWith(dana.mobile.slice(1)) || t.to.endsWith(eli.mobile.slice(1)),
        );
        return mine.length >= 2 ? mine : undefined;
      }, 30_000);
      const replyTokens = (texts ?? [])
        .map((t) => /#reply=([A-Za-z0-9_-]+)/.exec(t.message)?.[1])
        .filter((t): t is string => !!t);
      for (const t of replyTokens) keep(t, 'quick-reply token');
      if (replyTokens[0]) {
        await stack.api.call('POST', '/api/portal/v1/quick-reply/view', { body: { token: replyTokens[0] } });
        await stack.api.call('POST', '/api/portal/v1/quick-reply/send', {
          body: { token: replyTokens[0], body: body('Reply by quick link') },
        });
      }
      // Eli replies by text (the webhook), asks for a new link by email and signs in
      await postWebhook(stack, [
        smsReceivedEvent({ from: eli.mobile, to: senderNumber, message: body('Eli texts back') }),
      ]);
      await stack.api.call('POST', '/api/portal/v1/auth/request-link', { body: { email: eli.email } });
      await sleep(500);
      const eliLink = await latestLinkToken(stack, eli.email);
      keep(eliLink, 'secure link token');
      const eliOpened = expectStatus(await openLink(stack, eliLink), 200, 'open (Eli)');
      keep(eliOpened.json.attemptToken, 'attempt token');
      const eliCode = await latestCode(stack, eli.email);
      codes.add(eliCode);
      const eliSession = sessionFrom(
        stack,
        expectStatus(await verifyCode(stack, eliOpened.json.attemptToken, eliCode), 200, 'verify (Eli)'),
      );
      keep(eliSession.sessionId, 'session id');
      keep(eliSession.csrf, 'CSRF token');
      await eliSession.call('POST', `/conversations/${setup.conversationId}/messages`, { body: body('Eli writes') });
      await eliSession.call('POST', '/auth/sign-out', {});
      await session.call('POST', '/auth/sign-out', {});
      await staff('GET', `/search?q=${encodeURIComponent([...bodies].at(-1)!.split(' ').at(-1)!)}`);
      await staff('GET', `/messages/${texted.json.id}/sms`);
      d.log(`day ${day + 1}/${days} done`);
    }
    // every email's links and codes, not only the ones the drill used
    for (const mail of await stack.outbox()) {
      keep(linkTokenIn(mail.text ?? ''), 'secure link token (emailed)');
      const emailed = codeIn(mail.subject ?? '');
      if (mail.kind === 'sign_in_code' && emailed) codes.add(emailed);
    }
    await sleep(3000); // let jobs (texts, batches) finish and log
    await stack.confer.stop();

    const dump = await stack.database.dump();
    const tables = tablesOf(dump);
    const findings: string[] = [];
    for (const [table, text] of tables) {
      for (const [value, what] of secrets) if (text.includes(value)) findings.push(`${what} in ${table}`);
      for (const c of codes) if (codePattern(c).test(text)) findings.push(`code ${c} in ${table}`);
      if (!messageTables.has(table))
        for (const b of bodies) if (text.includes(b)) findings.push(`message text in ${table}`);
    }
    const bodiesInMessageTables = [...bodies].filter((b) => [...messageTables].some((t) => tables.get(t)?.includes(b)));
    const logFindings: string[] = [];
    for (const line of stack.confer.logLines) {
      for (const [value, what] of secrets) if (line.includes(value)) logFindings.push(what);
      for (const c of codes) if (codePattern(c).test(line)) logFindings.push(`code ${c}`);
      for (const b of bodies) if (line.includes(b)) logFindings.push('message text');
    }
    d.figure('days', days);
    d.figure('secrets_tracked', secrets.size);
    d.figure('codes_tracked', codes.size);
    d.figure('message_texts_tracked', bodies.size);
    d.figure('dump_bytes', dump.length);
    d.figure('dump_tables', tables.size - 1);
    d.figure('log_lines', stack.confer.logLines.length);
    d.figure('message_texts_found_where_messages_live', bodiesInMessageTables.length);
    d.check('secrets_in_dump', [...new Set(findings)], findings.length === 0, 'none');
    d.check('secrets_in_logs', [...new Set(logFindings)], logFindings.length === 0, 'none');
    // the search above is real: a dump that held nothing at all would pass for the wrong reason
    d.check(
      'dump_holds_the_messages',
      bodiesInMessageTables.length,
      bodiesInMessageTables.length >= bodies.size / 2,
      'most message texts found in messages/events (the dump is real)',
    );
  },
);
