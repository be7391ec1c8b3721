import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/query-rows.js';
import { bearer, createFirm } from './support/fixtures.js';
import { externalConversation, outboxRows, replyTokenIn, uniqueMobile, waitFor } from './support/messaging.js';
import { originOf } from './support/portal-session.js';
import { signedInClient } from './support/portal-client.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

const hours = (n: number) => n * 3_600_000;
const minutes = (n: number) => n * 60_000;

type TSteps = Array<{
  step: string;
  dueAt: string;
  doneAt: string | null;
  outcome: string | null;
  detail: string | null;
}>;
type TAck = {
  messageId: string;
  kind: string;
  dueAt: string;
  requestedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: { id: string; name: string } | null;
  acknowledgedVia: string | null;
  steps: TSteps;
};

/** A staff send marked "needs acknowledgement by" (or "needs a reply by"). */
const sendMarked = (app: TestApp, token: string, conversationId: string, body: string, dueAt: Date, kind = 'read') =>
  app.http
    .post(`/api/v1/conversations/${conversationId}/messages`)
    .set(bearer(token))
    .send({ body, acknowledgeBy: { kind, dueAt: dueAt.toISOString() } });

const staffView = async (app: TestApp, token: string, conversationId: string) => {
  const res = await app.http.get(`/api/v1/conversations/${conversationId}/acknowledgements`).set(bearer(token));
  expect(res.status).toBe(200);
  return res.body.items as TAck[];
};
const tasksOf = async (app: TestApp, token: string) =>
  (await app.http.get('/api/v1/acknowledgements/tasks').set(bearer(token))).body.items as Array<{
    messageId: string;
    conversationTitle: string;
    excerpt: string;
  }>;
const stepsOf = async (app: TestApp, token: string, conversationId: string, messageId: string) =>
  Object.fromEntries(
    (await staffView(app, token, conversationId))
      .find((a) => a.messageId === messageId)!
      .steps.map((s) => [s.step, s.outcome]),
  );
const remindersTo = async (app: TestApp, to: string) =>
  (await app.outbox()).filter((m) => m.to === to && m.kind === 'acknowledgement_reminder');
const textsTo = async (app: TestApp, to: string) =>
  (await app.outbox()).filter((m) => m.channel === 'sms' && m.to === to && /Reminder:/.test(m.text ?? ''));
const eventsOf = (app: TestApp, messageId: string) =>
  queryRows<{ type: string; staff_ids: string[]; contact_ids: string[] }>(
    app.db,
    sql`select type, staff_ids::text[] as staff_ids, contact_ids::text[] as contact_ids from events
        where type like 'acknowledgement.%' and payload->>'messageId' = ${messageId} order by id`,
  );
const stepJobs = (app: TestApp, messageId: string) =>
  queryRows<{ step: string; state: string; start_after: Date | string }>(
    app.db,
    sql`select data->>'step' as step, state, start_after from pgboss.job
        where name = 'acknowledgement-step' and data->>'messageId' = ${messageId} order by start_after`,
  );

describe('acknowledge-by deadlines', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());
  afterEach(() => app.clock.reset());

  test('when staff mark a message "needs acknowledgement by" and the client presses "I have read this", then it is recorded once, audited and announced, and staff see who acknowledged when', async () => {
    const firm = await createFirm(app);
    const client = await signedInClient(app, firm.member.token, firm.firm.id, { name: 'Casey Client' });
    const dueAt = new Date(Date.now() + hours(48));
    const sent = await sendMarked(
      app,
      firm.member.token,
      client.conversationId,
      'Please read the completion statement.',
      dueAt,
    );
    expect(sent.status).toBe(201);
    const messageId = sent.body.id as string;

    const [before] = await staffView(app, firm.member.token, client.conversationId);
    expect(before).toMatchObject({ messageId, kind: 'read', dueAt: dueAt.toISOString(), acknowledgedAt: null });
    expect(before!.steps.map((s) => s.step)).toEqual(['halfway', 'late', 'deadline']);
    const requestedAt = Date.parse(before!.requestedAt);
    const share = (s: TSteps[number]) => (Date.parse(s.dueAt) - requestedAt) / (dueAt.getTime() - requestedAt);
    expect(before!.steps.map((s) => Math.round(share(s) * 100))).toEqual([50, 80, 100]);
    // each step waits in pg-boss, delayed to its time
    const jobs = await stepJobs(app, messageId);
    expect(jobs.map((j) => j.step)).toEqual(['halfway', 'late', 'deadline']);
    jobs.forEach((job, i) =>
      expect(Math.abs(new Date(job.start_after).getTime() - Date.parse(before!.steps[i]!.dueAt))).toBeLessThan(5_000),
    );

    const banner = await client.session.get(`/conversations/${client.conversationId}/acknowledgements`);
    expect(banner.status).toBe(200);
    expect(banner.body.items).toEqual([
      expect.objectContaining({
        messageId,
        kind: 'read',
        excerpt: 'Please read the completion statement.',
        authorName: firm.member.name,
        acknowledgedAt: null,
      }),
    ]);

    const first = await client.session.post(`/messages/${messageId}/acknowledge`);
    expect(first.status).toBe(200);
    expect(first.body.acknowledgedAt).toEqual(expect.any(String));
    const again = await client.session.post(`/messages/${messageId}/acknowledge`);
    expect(again.status).toBe(200);
    expect(again.body.acknowledgedAt).toBe(first.body.acknowledgedAt);

    const [after] = await staffView(app, firm.member.token, client.conversationId);
    expect(after).toMatchObject({
      acknowledgedAt: first.body.acknowledgedAt,
      acknowledgedBy: { id: client.contact.id, name: 'Casey Client' },
      acknowledgedVia: 'portal',
    });
    expect(after!.steps.map((s) => s.outcome)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    const audits = await queryRows<{ actor_id: string; outcome: string }>(
      app.db,
      sql`select actor_id, outcome from audit_log where action = 'message.acknowledge' and target_id = ${messageId}`,
    );
    expect(audits).toEqual([{ actor_id: client.contact.id, outcome: 'success' }]);
    const events = await eventsOf(app, messageId);
    expect(events.map((e) => e.type)).toEqual(['acknowledgement.changed', 'acknowledgement.changed']);
    expect(events[1]!.staff_ids).toContain(firm.member.id);
    expect(events[1]!.contact_ids).toContain(client.contact.id);
  });

  test('when the deadline passes unacknowledged, then a portal and email reminder goes at half time, a text at 80% only to a client who may be texted, and a task for the author at the deadline, each once', async () => {
    const t0 = Date.now();
    app.clock.set(new Date(t0));
    const mobile = uniqueMobile();
    const s = await externalConversation(app, {
      contacts: [
        { name: 'Casey Client', mobile },
        { name: 'Noel Nomobile', mobile: null },
      ],
    });
    const [casey, noel] = s.contacts;
    const sent = await sendMarked(
      app,
      s.member.token,
      s.conversationId,
      'Private: the offer',
      new Date(t0 + hours(10)),
    );
    expect(sent.status).toBe(201);
    const messageId = sent.body.id as string;
    const at = async (offset: number) => {
      app.clock.set(new Date(t0 + offset));
      await app.background.sweepNow();
    };

    await at(hours(4.9));
    await new Promise((r) => setTimeout(r, 1500));
    expect(await remindersTo(app, casey!.email!)).toHaveLength(0);
    expect(await stepsOf(app, s.member.token, s.conversationId, messageId)).toEqual({
      halfway: null,
      late: null,
      deadline: null,
    });

    await at(hours(5) + minutes(1));
    await waitFor(async () => (await remindersTo(app, noel!.email!)).length === 1, 'the halfway emails');
    const [email] = await remindersTo(app, casey!.email!);
    expect(email!.subject).toBe(`Reminder from ${s.firm.name}: please confirm you have read a message`);
    expect(email!.text).toContain('I have read this');
    expect(email!.text).not.toContain('Private: the offer');
    expect((await eventsOf(app, messageId)).find((e) => e.type === 'acknowledgement.reminder')?.contact_ids).toEqual(
      expect.arrayContaining([casey!.id, noel!.id]),
    );
    expect(await textsTo(app, mobile)).toHaveLength(0);
    expect(await stepsOf(app, s.member.token, s.conversationId, messageId)).toMatchObject({
      halfway: 'reminded',
      late: null,
    });

    await at(hours(8) + minutes(1));
    const [text] = await waitFor(async () => {
      const found = await textsTo(app, mobile);
      return found.length > 0 && found;
    }, 'the 80% text');
    expect(text!.text).toMatch(/Reminder: .* asked you to confirm you have read their message by /);
    expect(text!.text).not.toContain('Private: the offer');
    expect(replyTokenIn(text!.text!)).not.toBe('');
    // the client without a mobile is recorded as not texted, with the reason
    await waitFor(
      async () => (await stepsOf(app, s.member.token, s.conversationId, messageId)).late === 'texted',
      'the 80% step',
    );
    const texts = await outboxRows(app, { messageId, kind: 'sms_message' });
    expect(texts.filter((r) => r.status === 'refused').map((r) => r.status_reason)).toEqual(['no_mobile']);
    expect(texts.filter((r) => r.status !== 'refused')).toHaveLength(1);
    const [late] = (await staffView(app, s.member.token, s.conversationId))[0]!.steps.filter(
      (st) => st.step === 'late',
    );
    expect(late).toMatchObject({ outcome: 'texted', detail: '1 texted, 1 not allowed' });
    expect(await tasksOf(app, s.member.token)).toEqual([]);

    await at(hours(10) + minutes(1));
    const [task] = await waitFor(async () => {
      const found = await tasksOf(app, s.member.token);
      return found.length > 0 && found;
    }, 'the task');
    expect(task).toMatchObject({ messageId, excerpt: 'Private: the offer' });
    expect(await tasksOf(app, s.admin.token)).toEqual([]);
    expect(await stepsOf(app, s.member.token, s.conversationId, messageId)).toEqual({
      halfway: 'reminded',
      late: 'texted',
      deadline: 'task_created',
    });

    // more sweeps and repeated jobs change nothing: each step went once
    await app.background.sweepNow();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await remindersTo(app, casey!.email!)).toHaveLength(1);
    expect(await textsTo(app, mobile)).toHaveLength(1);

    const closed = await app.http.post(`/api/v1/acknowledgements/${messageId}/close-task`).set(bearer(s.member.token));
    expect(closed.status).toBe(200);
    expect(closed.body.items).toEqual([]);
    const notMine = await app.http.post(`/api/v1/acknowledgements/${messageId}/close-task`).set(bearer(s.admin.token));
    expect(notMine.status).toBe(403);
  });

  test("when a step's job fires after the client acknowledged through the text's link, then it does nothing", async () => {
    const t0 = Date.now();
    app.clock.set(new Date(t0));
    const mobile = uniqueMobile();
    const s = await externalConversation(app, { contacts: [{ name: 'Casey Client', mobile }] });
    const [casey] = s.contacts;
    const sent = await sendMarked(app, s.member.token, s.conversationId, 'Read me', new Date(t0 + hours(1)));
    const messageId = sent.body.id as string;
    // the 80% text carries the link; acknowledge through it
    app.clock.set(new Date(t0 + minutes(49)));
    await app.background.sweepNow();
    const [text] = await waitFor(async () => {
      const found = await textsTo(app, mobile);
      return found.length > 0 && found;
    }, 'the 80% text');
    await waitFor(async () => (await remindersTo(app, casey!.email!)).length === 1, 'the halfway email');
    await waitFor(
      async () => (await stepsOf(app, s.member.token, s.conversationId, messageId)).halfway === 'reminded',
      'the halfway step',
    );
    const token = replyTokenIn(text!.text!);
    const page = await app.http.post('/api/portal/v1/quick-reply/view').set('Origin', originOf(app)).send({ token });
    expect(page.status).toBe(200);
    expect(page.body.acknowledgements).toEqual([
      expect.objectContaining({ messageId, kind: 'read', acknowledgedAt: null, remindedAt: expect.any(String) }),
    ]);
    const acked = await app.http
      .post('/api/portal/v1/quick-reply/acknowledge')
      .set('Origin', originOf(app))
      .send({ token, messageId });
    expect(acked.status).toBe(200);
    const [view] = await staffView(app, s.member.token, s.conversationId);
    expect(view).toMatchObject({ acknowledgedBy: { id: casey!.id }, acknowledgedVia: 'quick_link' });
    expect(view!.steps.map((st) => st.outcome)).toEqual(['reminded', 'texted', 'cancelled']);

    // the deadline's job, fired now (late, or again), does nothing
    await app.jobs.enqueue('acknowledgement-step', { firmId: s.firm.id, messageId, step: 'deadline' });
    app.clock.set(new Date(t0 + hours(2)));
    await app.background.sweepNow();
    await waitFor(
      async () =>
        (await stepJobs(app, messageId)).filter((j) => j.step === 'deadline' && j.state === 'completed').length > 0,
      'the deadline job ran',
    );
    expect(await tasksOf(app, s.member.token)).toEqual([]);
    expect((await staffView(app, s.member.token, s.conversationId))[0]!.steps.map((st) => st.outcome)).toEqual([
      'reminded',
      'texted',
      'cancelled',
    ]);
    expect(await textsTo(app, mobile)).toHaveLength(1);
    expect(await remindersTo(app, casey!.email!)).toHaveLength(1);
  });

  test('when a message needs a reply, then "I have read this" is refused and the client\'s reply answers it', async () => {
    const firm = await createFirm(app);
    const client = await signedInClient(app, firm.member.token, firm.firm.id, { name: 'Robin Replier' });
    const sent = await sendMarked(
      app,
      firm.member.token,
      client.conversationId,
      'Which date suits you?',
      new Date(Date.now() + hours(24)),
      'reply',
    );
    const messageId = sent.body.id as string;
    const refused = await client.session.post(`/messages/${messageId}/acknowledge`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('reply_requested');

    const reply = await client.session.post(`/conversations/${client.conversationId}/messages`, { body: 'Tuesday' });
    expect(reply.status).toBe(201);
    const [view] = await staffView(app, firm.member.token, client.conversationId);
    expect(view).toMatchObject({
      kind: 'reply',
      acknowledgedBy: { id: client.contact.id, name: 'Robin Replier' },
      acknowledgedVia: 'reply',
    });
  });

  test('when the mark is not valid, then the send is refused with a clear problem and nothing is posted', async () => {
    const s = await externalConversation(app);
    const soon = await sendMarked(app, s.member.token, s.conversationId, 'Too soon', new Date(Date.now() + minutes(1)));
    expect(soon.status).toBe(400);
    expect(soon.body.errors).toEqual([expect.objectContaining({ field: 'acknowledgeBy.dueAt' })]);
    const far = await sendMarked(
      app,
      s.member.token,
      s.conversationId,
      'Too far',
      new Date(Date.now() + hours(24 * 400)),
    );
    expect(far.status).toBe(400);
    const bad = await app.http
      .post(`/api/v1/conversations/${s.conversationId}/messages`)
      .set(bearer(s.member.token))
      .send({ body: 'Bad', acknowledgeBy: { kind: 'sign', dueAt: 'tomorrow' } });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/acknowledgeBy/);

    const internal = await app.http
      .post('/api/v1/conversations')
      .set(bearer(s.member.token))
      .send({ kind: 'internal_matter', matterId: s.matterId });
    expect(internal.status).toBe(201);
    const notClients = await sendMarked(
      app,
      s.member.token,
      internal.body.id,
      'Internal',
      new Date(Date.now() + hours(2)),
    );
    expect(notClients.status).toBe(422);
    expect(notClients.body.code).toBe('acknowledgement_not_available');

    const messages = await app.http
      .get(`/api/v1/conversations/${s.conversationId}/messages`)
      .set(bearer(s.member.token));
    expect(messages.body.items.map((m: { body: string }) => m.body)).not.toContain('Too soon');
    expect(await staffView(app, s.member.token, s.conversationId)).toEqual([]);
  });

  test('when someone else asks, then a request they may not see is 404', async () => {
    const firm = await createFirm(app);
    const client = await signedInClient(app, firm.member.token, firm.firm.id, { name: 'Casey Client' });
    const sent = await sendMarked(
      app,
      firm.member.token,
      client.conversationId,
      'Read me',
      new Date(Date.now() + hours(3)),
    );
    const messageId = sent.body.id as string;
    const other = await createFirm(app);
    const stranger = await signedInClient(app, other.member.token, other.firm.id, { name: 'Other Client' });
    expect((await stranger.session.post(`/messages/${messageId}/acknowledge`)).status).toBe(404);
    const staffElsewhere = await app.http
      .get(`/api/v1/conversations/${client.conversationId}/acknowledgements`)
      .set(bearer(other.member.token));
    expect(staffElsewhere.status).toBe(404);
    expect((await staffView(app, firm.member.token, client.conversationId))[0]!.acknowledgedAt).toBeNull();
  });
});

describe('acknowledge-by deadlines across a restart', () => {
  test('when the app restarts after a message is marked, then the delayed jobs are still queued and the steps go out from the new instance at their time', async () => {
    // sweeps only when asked: the halfway step must come from its own pg-boss job
    let app = await startTestApp({}, { jobs: { sweepEveryMs: 3_600_000 } });
    try {
      const t0 = Date.now();
      app.clock.set(new Date(t0));
      const mobile = uniqueMobile();
      const s = await externalConversation(app, { contacts: [{ name: 'Casey Client', mobile }] });
      const [casey] = s.contacts;
      const sent = await sendMarked(app, s.member.token, s.conversationId, 'Read me', new Date(t0 + hours(6)));
      expect(sent.status).toBe(201);
      const messageId = sent.body.id as string;

      app = await app.restart({ jobs: { sweepEveryMs: 3_600_000 } });
      // the new instance's issuer: the author signs in again
      const token = await app.tokenFor({
        tenantId: s.tenantId,
        objectId: s.member.objectId!,
        name: s.member.name,
        email: s.member.email,
      });
      const queued = await stepJobs(app, messageId);
      expect(queued.map((j) => [j.step, j.state])).toEqual([
        ['halfway', 'created'],
        ['late', 'created'],
        ['deadline', 'created'],
      ]);

      // half time comes: for the new instance's clock, and for pg-boss (its job's start_after)
      app.clock.set(new Date(t0 + hours(3) + minutes(1)));
      await app.db.execute(
        sql`update pgboss.job set start_after = now()
            where name = 'acknowledgement-step' and data->>'messageId' = ${messageId} and data->>'step' = 'halfway'`,
      );
      await waitFor(async () => (await remindersTo(app, casey!.email!)).length === 1, 'the halfway email');
      expect(await stepsOf(app, token, s.conversationId, messageId)).toEqual({
        halfway: 'reminded',
        late: null,
        deadline: null,
      });

      // 80%: the sweep finds the step due by the clock, without waiting for pg-boss's time
      app.clock.set(new Date(t0 + hours(4.8) + minutes(1)));
      await app.background.sweepNow();
      await waitFor(async () => (await textsTo(app, mobile)).length === 1, 'the 80% text');

      // the client acknowledges through the text's link on the new instance: the deadline does nothing
      const acknowledged = await app.http
        .post('/api/portal/v1/quick-reply/acknowledge')
        .set('Origin', originOf(app))
        .send({ token: replyTokenIn((await textsTo(app, mobile))[0]!.text!), messageId });
      expect(acknowledged.status).toBe(200);
      app.clock.set(new Date(t0 + hours(7)));
      await app.background.sweepNow();
      await new Promise((r) => setTimeout(r, 1500));
      expect(await tasksOf(app, token)).toEqual([]);
      expect(await stepsOf(app, token, s.conversationId, messageId)).toEqual({
        halfway: 'reminded',
        late: 'texted',
        deadline: 'cancelled',
      });
    } finally {
      await app.stop();
    }
  });
});
