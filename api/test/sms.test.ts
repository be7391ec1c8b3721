import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/query-rows.js';
import { updateContact } from '../src/modules/contacts/repository.js';
import type { AcsEmulator } from './support/acs-emulator.js';
import { bearer } from './support/fixtures.js';
import { buildMultipart, type TPart } from './support/multipart.js';
import {
  externalConversation,
  outboxRows,
  postWebhook,
  replyTokenIn,
  send,
  textFromPhone,
  uniqueMobile,
  waitFor,
} from './support/messaging.js';
import { originOf } from './support/portal-session.js';
import { useSmsHarness } from './support/sms-harness.js';
import type { TestApp } from './support/start-test-app.js';

const sender = '+447400000001';
const sms = useSmsHarness(sender);
let app: TestApp;
let acs: AcsEmulator;
beforeAll(() => ({ app, acs } = sms));
const { textsTo, messagesOf } = sms;
const smsOf = (token: string, messageId: string) =>
  app.http.get(`/api/v1/messages/${messageId}/sms`).set(bearer(token));
const statuses = async (token: string, messageId: string) =>
  Object.fromEntries(
    ((await smsOf(token, messageId)).body.recipients as Array<{ contactId: string; status: string }>).map((r) => [
      r.contactId,
      r.status,
    ]),
  );
const quick = (path: 'view' | 'send', body: object, headers: Record<string, string> = {}) =>
  app.http
    .post(`/api/portal/v1/quick-reply/${path}`)
    .set({ Origin: originOf(app), ...headers })
    .send(body);

describe('send as SMS', () => {
  test('when staff send a message as SMS, then each contact gets a text from the firm number with the message and a reply link of their own, and the unseen-message email follows', async () => {
    const s = await externalConversation(app, { contacts: [{ name: 'Casey Client' }, { name: 'Jordan Client' }] });
    app.clock.set(new Date(Date.now() + 20 * 60_000));
    const res = await send(app, s.member.token, s.conversationId, 'Your documents are ready to sign.', true);
    expect(res.status).toBe(201);
    expect(res.body.sms.recipients).toHaveLength(2);
    const [one, two] = s.contacts.map((c) => c.mobile!);
    await waitFor(() => textsTo(one!).length === 1 && textsTo(two!).length === 1, 'two texts');
    const texts = [textsTo(one!)[0]!, textsTo(two!)[0]!];
    for (const t of texts) {
      expect(t.from).toBe(sender);
      expect(t.message).toContain(s.firm.name);
      expect(t.message).toContain('Your documents are ready to sign.');
      expect(t.message).toMatch(/\/portal\/#reply=[A-Za-z0-9_-]{43}/);
    }
    expect(replyTokenIn(texts[0]!.message)).not.toBe(replyTokenIn(texts[1]!.message));
    await waitFor(
      async () => Object.values(await statuses(s.member.token, res.body.id)).every((st) => st === 'sent'),
      'both sent',
    );
    // the text content was handed to ACS: it is no longer kept
    expect((await outboxRows(app, { messageId: res.body.id })).every((r) => r.sealed === null)).toBe(true);

    // the email notification still happens, 15 minutes later, to whoever has not seen it
    app.clock.set(new Date(Date.now() + 36 * 60_000));
    await app.background.sweepNow();
    for (const c of s.contacts) {
      await waitFor(
        () => acs.emails.some((e) => e.to.includes(c.email!) && /new secure message/i.test(e.subject)),
        'email',
      );
    }
  });

  test('when a message with links added by "Add link" is texted, then the text reads "Survey report: https://…" (no Markdown)', async () => {
    const s = await externalConversation(app);
    const body =
      'See [Survey report](https://files.example/report%281%29.pdf), [https://harbourvale.example](https://harbourvale.example), ' +
      '[email us](mailto:team@harbourvale.example), [call](tel:+442079460000) and [not a link](javascript:alert(1)).';
    const res = await send(app, s.member.token, s.conversationId, body, true);
    expect(res.status).toBe(201);
    const text = await waitFor(() => textsTo(s.contacts[0]!.mobile!)[0], 'the text');
    expect(text.message).toContain(
      'See Survey report: https://files.example/report%281%29.pdf, https://harbourvale.example, ' +
        'email us: team@harbourvale.example, call: +442079460000 and [not a link](javascript:alert(1)).',
    );
    // the conversation keeps the message as written
    const [message] = (await messagesOf(s.member.token, s.conversationId)).filter((m) => m.id === res.body.id);
    expect(message!.body).toBe(body);
  });

  test('when contacts cannot be texted, then the message is still posted and each refusal is recorded with a clear reason', async () => {
    const s = await externalConversation(app, {
      contacts: [
        { name: 'Uma UK' },
        { name: 'Sam States', mobile: '+12025550143' },
        { name: 'Nora Nomobile', mobile: null },
        { name: 'Ed Exemail' },
      ],
    });
    await updateContact(app.db, s.firm.id, s.contacts[3]!.id, { email: null });
    const res = await send(app, s.member.token, s.conversationId, 'Please call us.', true);
    expect(res.status).toBe(201);
    const view = (await smsOf(s.member.token, res.body.id)).body;
    const byName = Object.fromEntries(
      (view.recipients as Array<{ name: string; status: string; reasonCode: string; reason: string }>).map((r) => [
        r.name,
        r,
      ]),
    );
    expect(byName['Sam States']).toMatchObject({ status: 'refused', reasonCode: 'country_not_allowed' });
    expect(byName['Sam States']!.reason).toMatch(/United States.*United Kingdom/);
    expect(byName['Nora Nomobile']).toMatchObject({ status: 'refused', reasonCode: 'no_mobile' });
    expect(byName['Ed Exemail']).toMatchObject({ status: 'refused', reasonCode: 'no_email' });
    expect(['sending', 'sent']).toContain(byName['Uma UK']!.status);
    expect(textsTo('+12025550143')).toHaveLength(0);

    // once the firm allows the US, a resend reaches the US number
    const patch = await app.http
      .patch('/api/v1/firm/settings')
      .set(bearer(s.admin.token))
      .send({ smsAllowedCountries: ['gb', 'US'] });
    expect(patch.status).toBe(200);
    expect(patch.body.smsAllowedCountries).toEqual(['GB', 'US']);
    const resend = await app.http
      .post(`/api/v1/messages/${res.body.id}/sms/resend`)
      .set(bearer(s.member.token))
      .send({ contactIds: [s.contacts[1]!.id] });
    expect(resend.status).toBe(200);
    await waitFor(() => textsTo('+12025550143').length === 1, 'the US text');
  });

  test('when staff ask who "Send as SMS" would text, then the plan gives the reasons a send then records (opted out, landline, country, no mobile)', async () => {
    const s = await externalConversation(app, {
      contacts: [
        { name: 'Uma UK' },
        { name: 'Otto Optedout' },
        { name: 'Lena Landline', mobile: '+442079460000' },
        { name: 'Sam States', mobile: '+12025550143' },
        { name: 'Nora Nomobile', mobile: null },
        { name: 'Ivan Invalid', mobile: '+447700900101' },
      ],
    });
    await textFromPhone(app, s.contacts[1]!.mobile!, sender, 'Please stop texting me');
    await waitFor(
      async () =>
        (
          await queryRows<{ n: number }>(
            app.db,
            sql`select count(*)::int as n from sms_opt_outs where phone_number = ${s.contacts[1]!.mobile!} and opted_out`,
          )
        )[0]!.n === 1,
      'the opt-out',
    );
    const plan = await app.http.get(`/api/v1/conversations/${s.conversationId}/sms-plan`).set(bearer(s.member.token));
    expect(plan.status).toBe(200);
    const planned = Object.fromEntries(
      (plan.body.recipients as Array<{ name: string; reasonCode: string | null; reason: string | null }>).map((r) => [
        r.name,
        [r.reasonCode, r.reason],
      ]),
    );
    expect(planned).toEqual({
      'Uma UK': [null, null],
      'Otto Optedout': ['opted_out', expect.stringMatching(/opted out/)],
      'Lena Landline': ['not_a_mobile', '+442079460000 is a landline, not a mobile: it cannot take texts'],
      'Sam States': ['country_not_allowed', expect.stringMatching(/United States.*United Kingdom/)],
      'Nora Nomobile': ['no_mobile', 'no mobile number'],
      'Ivan Invalid': ['invalid_number', '+447700900101 is not a valid phone number'],
    });
    // the send decides the same, contact by contact
    const res = await send(app, s.member.token, s.conversationId, 'Who gets this?', true);
    const sent = Object.fromEntries(
      ((await smsOf(s.member.token, res.body.id)).body.recipients as Array<Record<string, string | null>>).map((r) => [
        r.name,
        [r.reasonCode, r.reason],
      ]),
    );
    expect(sent).toEqual(planned);
    // outside external matter conversations there is no plan; other firms' conversations are not found
    const other = await externalConversation(app);
    expect(
      (await app.http.get(`/api/v1/conversations/${other.conversationId}/sms-plan`).set(bearer(s.member.token))).status,
    ).toBe(404);
    const channel = await app.http
      .post('/api/v1/conversations')
      .set(bearer(s.member.token))
      .send({ kind: 'channel', name: `plan-${Date.now()}` });
    const refused = await app.http.get(`/api/v1/conversations/${channel.body.id}/sms-plan`).set(bearer(s.member.token));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('sms_not_available');
  });

  test('when the conversation is not an external matter conversation, then sending as SMS is refused', async () => {
    const s = await externalConversation(app);
    const internal = await app.http
      .post('/api/v1/conversations')
      .set(bearer(s.member.token))
      .send({ kind: 'internal_matter', matterId: s.matterId });
    const res = await send(app, s.member.token, internal.body.id, 'Internal note', true);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('sms_not_available');
    const unknownField = await app.http
      .post(`/api/v1/conversations/${s.conversationId}/messages`)
      .set(bearer(s.member.token))
      .send({ body: 'x', sendAsSms: 'yes' });
    expect(unknownField.status).toBe(400);
  });

  test('when staff send files with text as SMS, then the text goes out; files without text are refused before any document is kept', async () => {
    const s = await externalConversation(app, { contacts: [{ name: 'Avery Attach' }] });
    const mobile = s.contacts[0]!.mobile!;
    const upload = (parts: TPart[]) => {
      const { boundary, body } = buildMultipart(parts);
      return app.http
        .post(`/api/v1/conversations/${s.conversationId}/uploads`)
        .set(bearer(s.member.token))
        .set('content-type', `multipart/form-data; boundary=${boundary}`)
        .send(body);
    };
    const file = {
      field: 'files',
      filename: 'engagement.pdf',
      content: '%PDF-1.4 letter',
      contentType: 'application/pdf',
    };
    const refused = await upload([{ field: 'sendAsSms', content: 'true' }, file]);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('sms_needs_text');
    const documents = await app.http.get(`/api/v1/matters/${s.matterId}/documents`).set(bearer(s.member.token));
    expect(documents.body.items).toEqual([]);

    const sent = await upload([
      { field: 'body', content: 'The engagement letter is attached.' },
      { field: 'sendAsSms', content: 'true' },
      file,
    ]);
    expect(sent.status).toBe(201);
    expect(sent.body.files).toHaveLength(1);
    expect(sent.body.sms.recipients).toHaveLength(1);
    await waitFor(
      () => textsTo(mobile).some((t) => t.message.includes('The engagement letter is attached.')),
      'the text',
    );
  });

  test('when the firm has its own SMS number, then texts come from it; settings are for admins only', async () => {
    const s = await externalConversation(app);
    expect((await app.http.get('/api/v1/firm/settings').set(bearer(s.member.token))).status).toBe(403);
    const bad = await app.http
      .patch('/api/v1/firm/settings')
      .set(bearer(s.admin.token))
      .send({ smsSenderNumber: 'not a number', unseenEmailDelayMinutes: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/smsSenderNumber/);
    const ok = await app.http
      .patch('/api/v1/firm/settings')
      .set(bearer(s.admin.token))
      .send({ smsSenderNumber: '+44 7400 000099', unseenEmailDelayMinutes: 30 });
    expect(ok.body).toEqual({
      smsSenderNumber: '+447400000099',
      smsAllowedCountries: ['GB'],
      unseenEmailDelayMinutes: 30,
      effectiveSmsSenderNumber: '+447400000099',
    });
    await send(app, s.member.token, s.conversationId, 'From our own number', true);
    await waitFor(() => textsTo(s.contacts[0]!.mobile!)[0], 'text');
    expect(textsTo(s.contacts[0]!.mobile!)[0]!.from).toBe('+447400000099');
  });

  test('when delivery reports arrive, then the status moves to delivered or failed; a delivered text never moves again, while a failed one can still be delivered', async () => {
    const s = await externalConversation(app, { contacts: [{ name: 'Dee Delivered' }, { name: 'Fay Failed' }] });
    const res = await send(app, s.member.token, s.conversationId, 'Status check', true);
    const [dee, fay] = s.contacts;
    const deeText = await waitFor(() => textsTo(dee!.mobile!)[0], 'text to Dee');
    const fayText = await waitFor(() => textsTo(fay!.mobile!)[0], 'text to Fay');
    await waitFor(async () => (await statuses(s.member.token, res.body.id))[dee!.id] === 'sent', 'sent');
    expect((await postWebhook(app, acs.deliveryReport(deeText.messageId, 'Delivered'))).status).toBe(200);
    await postWebhook(app, acs.deliveryReport(fayText.messageId, 'Failed', 'Unknown subscriber.'));
    await waitFor(async () => {
      const st = await statuses(s.member.token, res.body.id);
      return st[dee!.id] === 'delivered' && st[fay!.id] === 'failed';
    }, 'delivered and failed');
    const fayRow = (await smsOf(s.member.token, res.body.id)).body.recipients.find(
      (r: { contactId: string }) => r.contactId === fay!.id,
    );
    expect(fayRow.reason).toContain('Unknown subscriber.');
    // staff see the summary on the message itself
    const [message] = (await messagesOf(s.member.token, s.conversationId)).filter((m) => m.id === res.body.id);
    expect(message!.sms!.recipients.map((r) => r.status).sort()).toEqual(['delivered', 'failed']);
    // a later "failed" for the delivered text changes nothing; a later "delivered" for the failed one wins
    await postWebhook(app, acs.deliveryReport(deeText.messageId, 'Failed', undefined, new Date(Date.now() + 60_000)));
    await postWebhook(
      app,
      acs.deliveryReport(fayText.messageId, 'Delivered', undefined, new Date(Date.now() + 60_000)),
    );
    await waitFor(
      async () =>
        (
          await queryRows<{ n: number }>(
            app.db,
            sql`select count(*)::int as n from webhook_events where processed_at is null`,
          )
        )[0]!.n === 0,
      'events processed',
    );
    expect(await statuses(s.member.token, res.body.id)).toEqual({ [dee!.id]: 'delivered', [fay!.id]: 'delivered' });
  });

  test('when a message is resent as SMS, then a new text with a new link goes out and both attempts are listed', async () => {
    const s = await externalConversation(app);
    const res = await send(app, s.member.token, s.conversationId, 'Resend me', true);
    const mobile = s.contacts[0]!.mobile!;
    await waitFor(() => textsTo(mobile).length === 1, 'first text');
    const again = await app.http
      .post(`/api/v1/messages/${res.body.id}/sms/resend`)
      .set(bearer(s.member.token))
      .send({});
    expect(again.status).toBe(200);
    await waitFor(() => textsTo(mobile).length === 2, 'second text');
    expect(replyTokenIn(textsTo(mobile)[0]!.message)).not.toBe(replyTokenIn(textsTo(mobile)[1]!.message));
    expect((await smsOf(s.member.token, res.body.id)).body.items).toHaveLength(2);
    // a plain message can be texted later from its menu too
    const plain = await send(app, s.member.token, s.conversationId, 'Not texted at first');
    expect(plain.body.sms).toBeNull();
    await app.http.post(`/api/v1/messages/${plain.body.id}/sms/resend`).set(bearer(s.member.token)).send({});
    await waitFor(() => textsTo(mobile).length === 3, 'third text');
  });
});

describe('quick-reply links', () => {
  test('when a contact opens the link in a text, then they see the last 5 messages without signing in and can reply; the reply is marked quick_link', async () => {
    const s = await externalConversation(app);
    for (let i = 1; i <= 6; i++) await send(app, s.member.token, s.conversationId, `Message ${i}`);
    const res = await send(app, s.member.token, s.conversationId, 'Can you confirm?', true);
    const text = await waitFor(() => textsTo(s.contacts[0]!.mobile!)[0], 'text');
    const token = replyTokenIn(text.message);

    expect((await app.http.post('/api/portal/v1/quick-reply/view').send({ token })).status).toBe(403);
    const view = await quick('view', { token });
    expect(view.status).toBe(200);
    expect(view.body.firmName).toBe(s.firm.name);
    expect(view.body.canReply).toBe(true);
    expect(view.body.messages.map((m: { body: string }) => m.body)).toEqual([
      'Message 3',
      'Message 4',
      'Message 5',
      'Message 6',
      'Can you confirm?',
    ]);
    expect(Object.keys(view.body.messages[0]).sort()).toEqual(['author', 'body', 'createdAt', 'files', 'id', 'mine']);
    expect(view.body.messages[0].author).toEqual({ name: s.member.name, kind: 'staff' });

    const reply = await quick('send', { token, body: 'Confirmed, thanks.' }, { 'Idempotency-Key': 'qr-1' });
    expect(reply.status).toBe(201);
    const retry = await quick('send', { token, body: 'Confirmed, thanks.' }, { 'Idempotency-Key': 'qr-1' });
    expect(retry.body.id).toBe(reply.body.id);
    const staffView = await messagesOf(s.member.token, s.conversationId);
    const posted = staffView.filter((m) => m.body === 'Confirmed, thanks.');
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ via: 'quick_link', author: { id: s.contacts[0]!.id, kind: 'contact' } });
    // opening the link counts as seeing: staff see the contact's read mark
    const seen = staffView.find((m) => m.id === res.body.id) as unknown as { readBy: Array<{ name: string }> };
    expect(seen.readBy.map((r) => r.name)).toContain(s.contacts[0]!.name);

    // the token is stored only as a hash, and the text only sealed (then wiped)
    const dump =
      JSON.stringify(await queryRows(app.db, sql`select * from quick_reply_links`)) +
      JSON.stringify(await queryRows(app.db, sql`select * from outbox`));
    expect(dump).not.toContain(token);
  });

  test('when a quick-reply link is opened, used or refused, then each is in the audit log with its request id', async () => {
    const s = await externalConversation(app);
    await send(app, s.member.token, s.conversationId, 'Audited link', true);
    const token = replyTokenIn((await waitFor(() => textsTo(s.contacts[0]!.mobile!)[0], 'text')).message);
    expect((await quick('view', { token }, { 'X-Request-Id': 'quick-reply-view-1' })).status).toBe(200);
    expect((await quick('send', { token, body: 'Yes' }, { 'X-Request-Id': 'quick-reply-send-1' })).status).toBe(201);
    expect((await quick('view', { token: 'z'.repeat(43) }, { 'X-Request-Id': 'quick-reply-bad-1' })).status).toBe(410);
    const rows = await queryRows<{ request_id: string; action: string; outcome: string; actor_id: string | null }>(
      app.db,
      sql`select request_id, action, outcome, actor_id from audit_log
          where request_id like 'quick-reply-%-1' order by request_id`,
    );
    expect(rows).toEqual([
      { request_id: 'quick-reply-bad-1', action: 'portal.quick_reply', outcome: 'refused', actor_id: null },
      {
        request_id: 'quick-reply-send-1',
        action: 'portal.quick_reply',
        outcome: 'success',
        actor_id: s.contacts[0]!.id,
      },
      {
        request_id: 'quick-reply-view-1',
        action: 'portal.quick_reply',
        outcome: 'success',
        actor_id: s.contacts[0]!.id,
      },
    ]);
  });

  test("when the contact's mobile changes, then the link texted to the old number answers 410", async () => {
    const s = await externalConversation(app);
    await send(app, s.member.token, s.conversationId, 'To the old number', true);
    const token = replyTokenIn((await waitFor(() => textsTo(s.contacts[0]!.mobile!)[0], 'text')).message);
    expect((await quick('view', { token })).status).toBe(200);
    const changed = await app.http
      .patch(`/api/v1/contacts/${s.contacts[0]!.id}`)
      .set(bearer(s.member.token))
      .send({ mobile: uniqueMobile() });
    expect(changed.status).toBe(200);
    const after = await quick('send', { token, body: 'From whoever has the old phone now' });
    expect(after.status).toBe(410);
    expect(after.body.code).toBe('link_not_valid');
  });

  test('when the link is unknown or older than 7 days, then 410', async () => {
    const s = await externalConversation(app);
    await send(app, s.member.token, s.conversationId, 'Expiring', true);
    const token = replyTokenIn((await waitFor(() => textsTo(s.contacts[0]!.mobile!)[0], 'text')).message);
    expect((await quick('view', { token: 'x'.repeat(43) })).status).toBe(410);
    app.clock.set(new Date(Date.now() + 7 * 24 * 3_600_000 + 60_000));
    const late = await quick('send', { token, body: 'Too late' });
    expect(late.status).toBe(410);
    expect(late.body.code).toBe('link_not_valid');
  });
});

describe('replies by text', () => {
  test('when a contact replies to a text, then the reply is saved in their conversation via sms, showing the message it answers', async () => {
    const s = await externalConversation(app);
    const res = await send(app, s.member.token, s.conversationId, 'Shall we meet on Friday?', true);
    const mobile = s.contacts[0]!.mobile!;
    await waitFor(() => textsTo(mobile)[0], 'text');
    expect((await textFromPhone(app, mobile, sender, 'Friday works.')).status).toBe(200);
    const reply = await waitFor(
      async () => (await messagesOf(s.member.token, s.conversationId)).find((m) => m.body === 'Friday works.'),
      'the reply',
    );
    expect(reply).toMatchObject({
      via: 'sms',
      author: { id: s.contacts[0]!.id, kind: 'contact' },
      inReplyTo: { id: res.body.id, body: 'Shall we meet on Friday?' },
    });
  });

  test('when the number was texted from two conversations and nobody chose a matter within 24 hours, then the replies are kept for admins to assign and the sender is told once to use the link', async () => {
    const s = await externalConversation(app);
    const second = await app.http
      .post('/api/v1/conversations')
      .set(bearer(s.member.token))
      .send({ kind: 'external_matter', matterId: s.matterId, contactIds: [s.contacts[0]!.id], name: 'Second' });
    const mobile = s.contacts[0]!.mobile!;
    const first = await send(app, s.member.token, s.conversationId, 'From the first', true);
    await send(app, s.member.token, second.body.id, 'From the second', true);
    await waitFor(() => textsTo(mobile).length === 2, 'two texts');
    await textFromPhone(app, mobile, sender, 'Which one?');
    await waitFor(() => textsTo(mobile).some((t) => /Reply 1 for/.test(t.message)), 'the list of matters');
    await textFromPhone(app, mobile, sender, 'Hello?');
    await waitFor(() => textsTo(mobile).some((t) => /please reply with just a number/.test(t.message)), 'the reminder');
    // held while the client may choose; unanswered for 24 hours, both go to the unrouted inbox
    app.clock.set(new Date(Date.now() + 24 * 3_600_000 + 60_000));
    await app.background.sweepNow();
    const notices = () => textsTo(mobile).filter((t) => /use the link/.test(t.message));
    await waitFor(() => notices().length === 1, 'the notice');

    expect((await app.http.get('/api/v1/sms/unrouted').set(bearer(s.member.token))).status).toBe(403);
    const inbox = await waitFor(async () => {
      const r = await app.http.get('/api/v1/sms/unrouted').set(bearer(s.admin.token));
      return r.body.items.length === 2 ? r.body.items : undefined;
    }, 'two unrouted texts');
    expect(notices()).toHaveLength(1);
    const which = inbox.find((i: { body: string }) => i.body === 'Which one?');
    expect(which).toMatchObject({
      from: mobile,
      to: sender,
      reason: 'ambiguous',
      contacts: [{ id: s.contacts[0]!.id }],
    });
    expect(which.suggestedConversations.map((c: { id: string }) => c.id).sort()).toEqual(
      [s.conversationId, second.body.id].sort(),
    );

    const assign = (id: string, conversationId: string) =>
      app.http.post(`/api/v1/sms/unrouted/${id}/assign`).set(bearer(s.admin.token)).send({ conversationId });
    const assigned = await assign(which.id, s.conversationId);
    expect(assigned.status).toBe(200);
    expect(assigned.body.message).toMatchObject({
      body: 'Which one?',
      via: 'sms',
      inReplyTo: { id: first.body.id },
    });
    expect((await assign(which.id, s.conversationId)).status).toBe(409);
    const other = await externalConversation(app, { firm: s, matterId: s.matterId });
    const hello = inbox.find((i: { body: string }) => i.body === 'Hello?');
    const mismatch = await assign(hello.id, other.conversationId);
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('no_matching_contact');
    const left = await app.http.get('/api/v1/sms/unrouted').set(bearer(s.admin.token));
    expect(left.body.items.map((i: { id: string }) => i.id)).toEqual([hello.id]);
  });
});

describe('opting out', () => {
  test('when a number texts STOP, then it is opted out at once (one confirmation), later texts are blocked before ACS, and START opts it back in', async () => {
    const s = await externalConversation(app);
    const mobile = s.contacts[0]!.mobile!;
    await textFromPhone(app, mobile, sender, ' Stop ');
    await waitFor(() => textsTo(mobile).some((t) => /START/.test(t.message)), 'the confirmation');
    await textFromPhone(app, mobile, sender, 'STOP');
    const blocked = await send(app, s.member.token, s.conversationId, 'Are you there?', true);
    expect(blocked.body.sms.recipients[0]).toMatchObject({ status: 'opted_out' });
    await waitFor(
      async () =>
        (
          await queryRows<{ n: number }>(
            app.db,
            sql`select count(*)::int as n from webhook_events where processed_at is null`,
          )
        )[0]!.n === 0,
      'events processed',
    );
    expect(textsTo(mobile)).toHaveLength(1);

    await textFromPhone(app, mobile, sender, 'help');
    await waitFor(
      () =>
        textsTo(mobile).some(
          (t) => t.message.includes(s.firm.name) && /STOP/.test(t.message) && /link/.test(t.message),
        ),
      'help',
    );
    await textFromPhone(app, mobile, sender, 'Start');
    await waitFor(
      () => textsTo(mobile).some((t) => /You will get texts from/.test(t.message)),
      'the opt-in confirmation',
    );
    await send(app, s.member.token, s.conversationId, 'Welcome back', true);
    await waitFor(() => textsTo(mobile).some((t) => t.message.includes('Welcome back')), 'the text');
  });

  test('when a number texts "Stop please" or asks clearly to stop, then it is opted out with one confirmation and later texts are not sent; "don\'t stop" stays a message', async () => {
    const s = await externalConversation(app, {
      contacts: [{ name: 'Pat Polite' }, { name: 'Nell Negation' }, { name: 'Fin Firm' }],
    });
    const [pat, nell, fin] = s.contacts;
    await send(app, s.member.token, s.conversationId, 'Your documents are ready', true);
    for (const c of s.contacts) await waitFor(() => textsTo(c.mobile!)[0], `the text to ${c.name}`);
    const confirmations = (mobile: string) => textsTo(mobile).filter((t) => /no more texts/.test(t.message));

    await textFromPhone(app, pat!.mobile!, sender, 'Stop please');
    await waitFor(() => confirmations(pat!.mobile!).length === 1, 'the opt-out confirmation');
    await textFromPhone(app, pat!.mobile!, sender, 'Please stop texting me!');
    await textFromPhone(app, nell!.mobile!, sender, "Don't stop, these updates help");
    await textFromPhone(app, fin!.mobile!, sender, 'Stop, I have found another firm');
    await waitFor(
      async () =>
        (
          await queryRows<{ n: number }>(
            app.db,
            sql`select count(*)::int as n from webhook_events where processed_at is null`,
          )
        )[0]!.n === 0,
      'events processed',
    );
    await waitFor(() => confirmations(fin!.mobile!).length === 1, "Fin's confirmation");

    // the requests are not messages; the negation is, and so are Fin's words beyond "Stop"
    const bodies = (await messagesOf(s.member.token, s.conversationId)).filter((m) => m.via === 'sms');
    expect(bodies.map((m) => m.body).sort()).toEqual([
      "Don't stop, these updates help",
      'Stop, I have found another firm',
    ]);

    // later texts go to Nell only; one confirmation each, however often they asked
    const later = await send(app, s.member.token, s.conversationId, 'Completion is booked', true);
    const status = Object.fromEntries(
      (later.body.sms.recipients as Array<{ contactId: string; status: string }>).map((r) => [r.contactId, r.status]),
    );
    expect(status[pat!.id]).toBe('opted_out');
    expect(status[fin!.id]).toBe('opted_out');
    await waitFor(() => textsTo(nell!.mobile!).some((t) => t.message.includes('Completion is booked')), "Nell's text");
    await app.background.sweepNow();
    for (const c of [pat!, fin!]) {
      expect(textsTo(c.mobile!).some((t) => t.message.includes('Completion is booked'))).toBe(false);
      expect(confirmations(c.mobile!)).toHaveLength(1);
      expect(textsTo(c.mobile!)).toHaveLength(2); // the first text and the confirmation
    }
    expect(confirmations(nell!.mobile!)).toHaveLength(0);
  });

  test('when a number opts out while its text waits for an ACS outage, then that text is never handed to ACS', async () => {
    const s = await externalConversation(app);
    const mobile = s.contacts[0]!.mobile!;
    acs.goDown();
    try {
      const res = await send(app, s.member.token, s.conversationId, 'Sent during the outage', true);
      await textFromPhone(app, mobile, sender, 'opt out');
      await waitFor(
        async () =>
          (
            await queryRows<{ n: number }>(
              app.db,
              sql`select count(*)::int as n from sms_opt_outs where phone_number = ${mobile} and opted_out`,
            )
          )[0]!.n === 1,
        'the opt-out',
      );
      acs.comeBack();
      await app.background.sweepNow();
      await waitFor(
        async () => (await statuses(s.member.token, res.body.id))[s.contacts[0]!.id] === 'opted_out',
        'opted out',
        30_000,
      );
      expect(textsTo(mobile).some((t) => t.message.includes('Sent during the outage'))).toBe(false);
    } finally {
      acs.comeBack();
    }
  });
});

describe('API description', () => {
  test('when the OpenAPI document is fetched, then the texting, quick-reply, settings and webhook routes are described', async () => {
    const res = await app.http.get('/api/v1/openapi.json');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/messages/{id}/sms',
        '/api/v1/messages/{id}/sms/resend',
        '/api/v1/conversations/{id}/sms-plan',
        '/api/v1/sms/unrouted',
        '/api/v1/sms/unrouted/{id}/assign',
        '/api/v1/firm/settings',
        '/api/v1/webhooks/acs',
        '/api/portal/v1/quick-reply/view',
        '/api/portal/v1/quick-reply/send',
      ]),
    );
    expect(res.body.components.schemas.SendMessage.properties.sendAsSms).toEqual({ type: 'boolean' });
    expect(res.body.components.schemas.Message.properties.inReplyTo).toBeDefined();
  });
});
