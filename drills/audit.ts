// Drill 14, audit: the sign-ins, refusals and downloads the other drills make (staff sign-in
// and refused tokens; portal links opened and refused, codes right, wrong, expired and locked
// out, link-only sessions, new links, sign-outs; quick-reply links used and refused; file,
// invoice and calendar downloads, allowed and refused) are each found in the audit log by
// their request id, with the right action and outcome (refused staff tokens are counted per
// source, reason and minute: their row lists the window's first request ids and the count). And the role Confer serves requests as
// cannot UPDATE, DELETE or TRUNCATE audit rows (on a server, Confer's own connections are
// checked to be that role).
import { randomUUID } from 'node:crypto';
import { startAcs } from './lib/acs.js';
import { runDrill, sleep } from './lib/drill.js';
import type { Answer } from './lib/http.js';
import { populate, secondFirm, seedSecondFirm } from './lib/populate.js';
import { externalConversation, latestCode, latestLinkToken, openLink, sessionFrom, verifyCode } from './lib/portal.js';
import pg from 'pg';
import { demo, expectStatus, startStack } from './lib/stack.js';
import { mobile, sendAsSms, waitForTexts } from './lib/texting.js';

type TExpected = { what: string; requestId: string; action: string; outcome: 'success' | 'refused' };

await runDrill(
  'audit',
  {
    budgetMs: 8 * 60_000,
    description: 'sign-ins, refusals and downloads in the audit log; the app role cannot change it',
  },
  async (d) => {
    const { emulator, env } = await startAcs(d);
    const stack = await startStack(d, { env, seed: seedSecondFirm });
    const expected: TExpected[] = [];
    /** Calls, and expects the audit row named by its request id. */
    const audited = async (
      what: string,
      action: string,
      outcome: 'success' | 'refused',
      call: (requestId: string) => Promise<Answer>,
    ) => {
      const requestId = `audit-${randomUUID()}`;
      const answer = await call(requestId);
      expected.push({ what: `${what} (${answer.status})`, requestId, action, outcome });
      return answer;
    };

    // staff
    let adminToken = '';
    await audited('staff sign-in', 'staff.sign_in', 'success', async (requestId) => {
      const a = await stack.api.call('POST', '/dev/token', { body: { email: demo.admin }, requestId });
      adminToken = a.json.token;
      return a;
    });
    const admin = stack.staff(adminToken);
    await audited('tampered staff token', 'staff.authenticate', 'refused', (requestId) =>
      stack.api.call('GET', '/api/v1/me', { token: `${adminToken.slice(0, -4)}AAAA`, requestId }),
    );
    await audited('malformed staff token', 'staff.authenticate', 'refused', (requestId) =>
      stack.api.call('GET', '/api/v1/me', { token: 'not.a.jwt', requestId }),
    );
    const tomToken = await stack.staffToken(demo.other);
    const tom = (
      expectStatus(await admin('GET', '/staff'), 200, 'staff').json.items as Array<{ id: string; email: string }>
    ).find((s) => s.email === demo.other)!;
    expectStatus(await admin('PATCH', `/staff/${tom.id}`, { active: false }), 200, 'disable');
    await audited('disabled staff token', 'staff.authenticate', 'refused', (requestId) =>
      stack.api.call('GET', '/api/v1/me', { token: tomToken, requestId }),
    );

    // portal sign-in
    const email = 'audited.client@mail.example';
    const setup = await externalConversation(stack, adminToken, {
      contacts: [{ name: 'Audited Client', email, mobile: mobile(40_001) }],
    });
    const link = await latestLinkToken(stack, email);
    await audited('unknown link', 'portal.link_open', 'refused', (requestId) =>
      openLink(stack, 'x'.repeat(43), { requestId }),
    );
    const opened = await audited('link opened', 'portal.link_open', 'success', (requestId) =>
      openLink(stack, link, { requestId }),
    );
    const code = await latestCode(stack, email);
    await audited('wrong code', 'portal.sign_in', 'refused', (requestId) =>
      verifyCode(stack, opened.json.attemptToken, code === '000000' ? '111111' : '000000', { requestId }),
    );
    const verified = await audited('right code', 'portal.sign_in', 'success', (requestId) =>
      verifyCode(stack, opened.json.attemptToken, code, { requestId }),
    );
    const session = sessionFrom(stack, verified);
    // a code past its 10 minutes by the app's clock
    const late = await openLink(stack, link);
    const lateCode = await latestCode(stack, email);
    expectStatus(await stack.api.call('PUT', '/dev/clock', { body: { offsetMs: 11 * 60_000 } }), 200, 'clock');
    await audited('expired code', 'portal.sign_in', 'refused', (requestId) =>
      verifyCode(stack, late.json.attemptToken, lateCode, { requestId }),
    );
    expectStatus(await stack.api.call('PUT', '/dev/clock', { body: { offsetMs: 0 } }), 200, 'clock');
    // five wrong codes lock the attempt; then even the right one is refused
    const locking = await openLink(stack, link);
    const lockingCode = await latestCode(stack, email);
    const wrong = lockingCode === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) await verifyCode(stack, locking.json.attemptToken, wrong);
    await audited('fifth wrong code', 'portal.lockout', 'refused', (requestId) =>
      verifyCode(stack, locking.json.attemptToken, wrong, { requestId }),
    );
    await audited('right code on a locked attempt', 'portal.sign_in', 'refused', (requestId) =>
      verifyCode(stack, locking.json.attemptToken, lockingCode, { requestId }),
    );
    // a conversation without two-factor sign-in: the link alone opens it
    const linkOnlyEmail = 'link.only@mail.example';
    await externalConversation(stack, adminToken, {
      contacts: [{ name: 'Link Only', email: linkOnlyEmail }],
      requireMfa: false,
    });
    await audited('link-only sign-in', 'portal.sign_in', 'success', async (requestId) =>
      openLink(stack, await latestLinkToken(stack, linkOnlyEmail), { requestId }),
    );
    await audited('new link asked for', 'portal.link_request', 'success', (requestId) =>
      stack.api.call('POST', '/api/portal/v1/auth/request-link', { body: { email: linkOnlyEmail }, requestId }),
    );

    // downloads
    const form = new FormData();
    form.append('body', 'A file');
    form.append('files', new Blob(['audited file'], { type: 'text/plain' }), 'audited.txt');
    const uploaded = expectStatus(
      await stack.api.call('POST', `/api/v1/conversations/${setup.conversationId}/uploads`, {
        token: adminToken,
        form,
      }),
      201,
      'upload',
    ).json;
    const versionId = uploaded.files[0].versionId as string;
    await audited('staff download', 'file.download', 'success', (requestId) =>
      stack.api.call('GET', `/api/v1/files/${versionId}`, { token: adminToken, requestId }),
    );
    await audited('client download', 'file.download', 'success', (requestId) =>
      session.call('GET', `/files/${versionId}`, undefined, { requestId }),
    );
    const other = await populate(stack, await stack.staffToken(secondFirm.admin), 'Other');
    await audited("client download of another firm's file", 'file.download', 'refused', (requestId) =>
      session.call('GET', `/files/${other.portalIds.files}`, undefined, { requestId }),
    );
    await audited("staff download of another firm's file", 'file.download', 'refused', (requestId) =>
      stack.api.call('GET', `/api/v1/files/${other.staff.files}`, { token: adminToken, requestId }),
    );
    await audited('invoice PDF', 'invoice.download', 'success', (requestId) =>
      other.portal.call('GET', `/invoices/${other.portalIds.invoices}/pdf`, undefined, { requestId }),
    );
    await audited('calendar file', 'event.download', 'success', (requestId) =>
      other.portal.call('GET', `/calendar-events/${other.portalIds['calendar-events']}/ics`, undefined, { requestId }),
    );
    await audited('calendar file of another firm', 'event.download', 'refused', (requestId) =>
      session.call('GET', `/calendar-events/${other.portalIds['calendar-events']}/ics`, undefined, { requestId }),
    );

    // quick-reply links (a text's link is a credential too)
    await sendAsSms(stack, adminToken, setup.conversationId, 'Texted with a link');
    const [text] = await waitForTexts(emulator, (t) => t.message.includes('Texted with a link'), 1);
    const replyToken = /#reply=([A-Za-z0-9_-]+)/.exec(text?.message ?? '')?.[1] ?? 'missing';
    await audited('quick-reply link opened', 'portal.quick_reply', 'success', (requestId) =>
      stack.api.call('POST', '/api/portal/v1/quick-reply/view', { body: { token: replyToken }, requestId }),
    );
    await audited('unknown quick-reply link', 'portal.quick_reply', 'refused', (requestId) =>
      stack.api.call('POST', '/api/portal/v1/quick-reply/view', { body: { token: 'y'.repeat(43) }, requestId }),
    );

    await audited('sign-out', 'portal.sign_out', 'success', (requestId) =>
      session.call('POST', '/auth/sign-out', {}, { requestId }),
    );
    await sleep(1500); // the link request is worked on after its answer

    // on a server: Confer's own connections are the app role's
    let connectionsAs: string[] = [];
    if (stack.database.kind === 'postgresql') {
      connectionsAs = await stack.database.direct(async (sql) =>
        (
          await sql<{ usename: string }>(
            `select distinct usename from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
          )
        ).map((r) => r.usename),
      );
    }
    await stack.confer.stop();
    // refused staff tokens are counted per source, reason and minute: one row names the first
    // request ids of its window (written when the minute closed, or at the clean stop above)
    const rows = await stack.database.direct((sql) =>
      sql<{ request_id: string; action: string; outcome: string; details: { count?: number; requestIds?: string[] } }>(
        `select request_id, action, outcome, details from audit_log
          where request_id like 'audit-%' or action = 'staff.authenticate'`,
      ),
    );
    const requestIdsOf = (r: (typeof rows)[number]) => new Set([r.request_id, ...(r.details?.requestIds ?? [])]);
    const missing = expected.filter(
      (e) => !rows.some((r) => requestIdsOf(r).has(e.requestId) && r.action === e.action && r.outcome === e.outcome),
    );
    const staffRefusals = expected.filter((e) => e.action === 'staff.authenticate');
    const refusalRows = rows.filter(
      (r) => r.action === 'staff.authenticate' && staffRefusals.some((e) => requestIdsOf(r).has(e.requestId)),
    );
    const counted = refusalRows.reduce((n, r) => n + (r.details?.count ?? 0), 0);
    d.check(
      'refused_staff_tokens_counted',
      { refusals: staffRefusals.length, rows: refusalRows.length, counted },
      counted === staffRefusals.length,
      'each refusal counted once (tampered and malformed share a row when they share a minute)',
    );
    d.figure('audited_events_expected', expected.length);
    d.check(
      'missing_from_the_audit_log',
      missing.map((m) => `${m.what}: ${m.action} ${m.outcome}`),
      missing.length === 0,
      'none',
    );

    // the app role and the audit log
    const attempts = async (run: (text: string) => Promise<unknown>) => {
      const tryIt = async (text: string) => {
        try {
          await run(text);
          return 'allowed';
        } catch (error) {
          return (error as Error).message;
        }
      };
      return {
        insert: await tryIt(
          `insert into audit_log (actor_kind, action, outcome) values ('system', 'drill.audit', 'success')`,
        ),
        update: await tryIt(`update audit_log set outcome = 'refused' where action = 'staff.sign_in'`),
        delete: await tryIt(`delete from audit_log where action = 'staff.sign_in'`),
        truncate: await tryIt('truncate audit_log'),
      };
    };
    let asAppRole: Record<string, string>;
    if (stack.database.kind === 'postgresql') {
      const url = new URL(stack.database.env().DATABASE_URL!);
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        asAppRole = await attempts((text) => client.query(text));
      } finally {
        await client.end();
      }
      d.check(
        'confer_connects_as',
        connectionsAs,
        connectionsAs.length > 0 && connectionsAs.every((u) => u === stack.database.appRole),
        `only ${stack.database.appRole} (a member of confer_app), never the owner`,
      );
    } else {
      // embedded PGlite has one user: the role's rights are checked by taking it on
      asAppRole = await stack.database.direct(async (sql) => {
        await sql('set role confer_app');
        try {
          return await attempts((text) => sql(text));
        } finally {
          await sql('reset role');
        }
      });
    }
    const denied = (s: string) => /permission denied for table audit_log/.test(s);
    d.check(
      'app_role_on_audit_log',
      asAppRole,
      asAppRole.insert === 'allowed' &&
        denied(asAppRole.update!) &&
        denied(asAppRole.delete!) &&
        denied(asAppRole.truncate!),
      'insert allowed; update, delete, truncate: permission denied',
    );
  },
);
