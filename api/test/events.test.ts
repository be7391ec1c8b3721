import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/query-rows.js';
import { buildIcs, escapeIcsText, foldIcsLine } from '../src/modules/events/build-ics.js';
import { formatEventTime } from '../src/modules/events/format-event-time.js';
import { bearer, createContact, createFirm, createMatter } from './support/fixtures.js';
import { signedInClient } from './support/portal-client.js';
import { openEventStream } from './support/read-event-stream.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
let f: Awaited<ReturnType<typeof createFirm>>;

beforeAll(async () => {
  app = await startTestApp();
  f = await createFirm(app, 'Harbour & Vale LLP');
});
afterAll(() => app.stop());

const staff = (method: 'get' | 'post' | 'patch' | 'put', path: string, body?: object, token = f.member.token) =>
  app.http[method](`/api/v1${path}`).set(bearer(token)).send(body);

const inDays = (days: number, hourUtc = 14) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hourUtc, 30, 0, 0);
  return d.toISOString();
};

const emailsOf = async (to: string, kind: string) => (await app.outbox()).filter((m) => m.to === to && m.kind === kind);

describe('iCalendar file', () => {
  test('text is escaped, long lines fold at 75 octets without splitting characters, lines end in CRLF', () => {
    expect(escapeIcsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldIcsLine(`SUMMARY:${'é'.repeat(80)}`);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(`SUMMARY:${'é'.repeat(80)}`);

    const ics = buildIcs({
      uid: 'e1@confer.example',
      title: 'Completion meeting, room 2; bring ID',
      startsAt: new Date('2026-12-01T09:30:00Z'),
      endsAt: new Date('2026-12-01T10:30:00Z'),
      location: 'Quay Street\nFloor 3',
      url: 'https://meet.example/abc',
      cancelled: false,
      updatedAt: new Date('2026-11-20T08:00:00Z'),
      now: new Date('2026-11-22T08:00:00Z'),
    });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(ics).toContain('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n');
    expect(ics).toContain('DTSTART:20261201T093000Z\r\n');
    expect(ics).toContain('DTEND:20261201T103000Z\r\n');
    expect(ics).toContain('DTSTAMP:20261122T080000Z\r\n');
    expect(ics).toContain('SUMMARY:Completion meeting\\, room 2\\; bring ID\r\n');
    expect(ics).toContain('LOCATION:Quay Street\\nFloor 3\r\n');
    expect(ics).toContain('URL:https://meet.example/abc\r\n');
    expect(ics).toContain('STATUS:CONFIRMED\r\n');
  });

  test('times are stated in the event’s own zone, named', () => {
    expect(
      formatEventTime(new Date('2026-12-01T14:30:00Z'), new Date('2026-12-01T15:30:00Z'), 'America/New_York'),
    ).toMatch(/^Tuesday,? 1 December 2026, 09:30 to 10:30 \(America\/New_York time\)$/);
  });
});

describe('staff events', () => {
  test('when the input is wrong, then the 400 names each field', async () => {
    const matter = await createMatter(app.db, f.firm.id);
    const outsider = await createContact(app.db, f.firm.id);
    const base = {
      title: 'Meeting',
      startsAt: inDays(3),
      endsAt: inDays(3, 15),
      timeZone: 'Europe/London',
      attendeeContactIds: [],
    };
    const cases: Array<[object, string]> = [
      [{ ...base, endsAt: inDays(3, 13) }, 'endsAt'],
      [{ ...base, timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ ...base, videoUrl: 'http://meet.example/x' }, 'videoUrl'],
      [{ ...base, videoUrl: 'javascript:alert(1)' }, 'videoUrl'],
      [{ ...base, title: '' }, 'title'],
      [{ ...base, title: 'Line one\nBCC: x' }, 'title'],
      [{ ...base, attendeeContactIds: [outsider.id] }, 'attendeeContactIds.0'],
      [{ ...base, colour: 'red' }, '(root)'],
    ];
    for (const [body, field] of cases) {
      const res = await staff('post', `/matters/${matter}/events`, body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  test('when an event is added, changed and cancelled, then attendees are emailed each time with the time in its zone', async () => {
    const matter = await createMatter(app.db, f.firm.id, { number: 'EV-1', title: 'Quay Street' });
    const ann = await createContact(app.db, f.firm.id, matter, 'Ann Attendee');
    const ben = await createContact(app.db, f.firm.id, matter, 'Ben Added');
    const noEmail = await createContact(app.db, f.firm.id, matter, 'Nora Noemail', { email: null });

    const created = await staff('post', `/matters/${matter}/events`, {
      title: 'Completion call',
      startsAt: '2030-12-03T14:30:00Z',
      endsAt: '2030-12-03T15:30:00Z',
      timeZone: 'America/New_York',
      location: 'Video call',
      videoUrl: 'https://meet.example/abc',
      attendeeContactIds: [ann.id, noEmail.id],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      matterId: matter,
      matter: { number: 'EV-1', title: 'Quay Street' },
      title: 'Completion call',
      startsAt: '2030-12-03T14:30:00.000Z',
      timeZone: 'America/New_York',
      videoUrl: 'https://meet.example/abc',
      cancelledAt: null,
    });
    expect(created.body.attendees.map((a: { name: string }) => a.name).sort()).toEqual([
      'Ann Attendee',
      'Nora Noemail',
    ]);

    const [added] = await emailsOf(ann.email!, 'event_added');
    expect(added!.subject).toContain('Completion call');
    expect(added!.subject).toContain('Harbour & Vale LLP');
    expect(added!.text).toMatch(/When: Tuesday,? 3 December 2030, 09:30 to 10:30 \(America\/New_York time\)/);
    expect(added!.text).toContain('https://meet.example/abc');
    expect(added!.text).toMatch(/\/portal\/#link=[A-Za-z0-9_-]{20,}/);
    expect(added!.html).toContain('Harbour &amp; Vale LLP');
    expect(added!.html).toContain('09:30 to 10:30 (America/New_York time)');

    const changed = await staff('patch', `/events/${created.body.id}`, {
      startsAt: '2030-12-03T15:00:00Z',
      endsAt: '2030-12-03T16:00:00Z',
      attendeeContactIds: [ben.id],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.attendees).toEqual([{ contactId: ben.id, name: 'Ben Added' }]);
    for (const who of [ann, ben]) {
      const [mail] = await emailsOf(who.email!, 'event_changed');
      expect(mail!.text).toContain('10:00 to 11:00 (America/New_York time)');
    }
    expect(
      (await staff('patch', `/events/${created.body.id}`, { endsAt: '2030-12-03T14:00:00Z' })).body.errors[0].field,
    ).toBe('endsAt');

    const cancelled = await staff('post', `/events/${created.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancelledAt).not.toBeNull();
    expect(await emailsOf(ben.email!, 'event_cancelled')).toHaveLength(1);
    expect(await emailsOf(ann.email!, 'event_cancelled')).toHaveLength(0);
    expect((await staff('post', `/events/${created.body.id}/cancel`)).status).toBe(409);

    const list = await staff('get', `/matters/${matter}/events`);
    expect(list.body.items.map((e: { id: string; cancelledAt: string | null }) => [e.id, !!e.cancelledAt])).toEqual([
      [created.body.id, true],
    ]);
  });

  test('when a matter is restricted or in another firm, then its events answer 404', async () => {
    const restricted = await createMatter(app.db, f.firm.id, { restrictedTo: [f.admin.id] });
    const event = await staff(
      'post',
      `/matters/${restricted}/events`,
      { title: 'Private', startsAt: inDays(2), endsAt: inDays(2, 15), timeZone: 'UTC', attendeeContactIds: [] },
      f.admin.token,
    );
    expect(event.status).toBe(201);
    expect((await staff('get', `/matters/${restricted}/events`)).status).toBe(404);
    expect((await staff('patch', `/events/${event.body.id}`, { title: 'Mine now' })).status).toBe(404);
    expect((await staff('post', `/events/${event.body.id}/cancel`)).status).toBe(404);
    const other = await createFirm(app);
    expect((await staff('post', `/events/${event.body.id}/cancel`, undefined, other.admin.token)).status).toBe(404);
  });
});

describe('portal events', () => {
  test('when a client opens Events, then they see their upcoming events only, and can download each as .ics', async () => {
    const client = await signedInClient(app, f.member.token, f.firm.id, { name: 'Priya' });
    const other = await signedInClient(app, f.member.token, f.firm.id, { matterId: client.matterId, name: 'Otto' });
    const add = (title: string, startsAt: string, endsAt: string, attendees: string[]) =>
      staff('post', `/matters/${client.matterId}/events`, {
        title,
        startsAt,
        endsAt,
        timeZone: 'Europe/London',
        location: 'Quay Street, Floor 3',
        attendeeContactIds: attendees,
      });
    const later = (await add('Later', inDays(10), inDays(10, 15), [client.contact.id])).body;
    const soon = (await add('Soon; bring ID, please', inDays(1), inDays(1, 15), [client.contact.id, other.contact.id]))
      .body;
    const past = (await add('Past', inDays(-3), inDays(-3, 15), [client.contact.id])).body;
    const notMine = (await add('Otto only', inDays(2), inDays(2, 15), [other.contact.id])).body;
    const cancelled = (await add('Called off', inDays(4), inDays(4, 15), [client.contact.id])).body;
    await staff('post', `/events/${cancelled.id}/cancel`);

    const list = await client.session.get('/calendar-events');
    expect(list.status).toBe(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([soon.id, later.id]);
    expect(list.body.items[0].attendees).toEqual(expect.arrayContaining([{ name: 'Priya' }, { name: 'Otto' }]));
    expect(JSON.stringify(list.body)).not.toContain(other.contact.id);

    const ics = await client.session
      .get(`/calendar-events/${soon.id}/ics`)
      .buffer(true)
      .parse((res, cb) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => cb(null, text));
      });
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(ics.headers['content-disposition']).toContain('attachment');
    expect(ics.headers['content-disposition']).toContain('.ics');
    const body = ics.body as string;
    expect(body).toContain('BEGIN:VEVENT\r\n');
    expect(body).toContain(`UID:${soon.id}@`);
    expect(body).toContain('SUMMARY:Soon\\; bring ID\\, please\r\n');
    expect(body).toContain('LOCATION:Quay Street\\, Floor 3\r\n');
    expect(body).toContain(`DTSTART:${soon.startsAt.replace(/[-:]/g, '').replace('.000', '')}\r\n`);
    expect(body).toMatch(/DTSTAMP:\d{8}T\d{6}Z\r\n/);
    expect(body).toContain('STATUS:CONFIRMED');

    expect((await client.session.get(`/calendar-events/${notMine.id}/ics`)).status).toBe(404);
    expect((await client.session.get(`/calendar-events/${past.id}/ics`)).status).toBe(200);
    const cancelledIcs = await client.session.get(`/calendar-events/${cancelled.id}/ics`);
    expect(cancelledIcs.text).toContain('STATUS:CANCELLED');

    // the live stream keeps its own path
    const stream = await openEventStream(`${app.baseUrl}/api/portal/v1/events`, {
      headers: { Cookie: client.session.cookie },
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    await stream.close();
  });

  test('when a client downloads an event as .ics, or asks for one that is not theirs, then both are in the audit log', async () => {
    const client = await signedInClient(app, f.member.token, f.firm.id, { name: 'Audited' });
    const other = await signedInClient(app, f.member.token, f.firm.id, { name: 'Bystander' });
    const event = (
      await staff('post', `/matters/${client.matterId}/events`, {
        title: 'Signing',
        startsAt: inDays(3),
        endsAt: inDays(3, 15),
        timeZone: 'Europe/London',
        attendeeContactIds: [client.contact.id],
      })
    ).body;
    const mine = await client.session.get(`/calendar-events/${event.id}/ics`).set('X-Request-Id', 'ics-download-own');
    const theirs = await other.session
      .get(`/calendar-events/${event.id}/ics`)
      .set('X-Request-Id', 'ics-download-other');
    expect([mine.status, theirs.status]).toEqual([200, 404]);
    const rows = await queryRows<{
      request_id: string;
      action: string;
      outcome: string;
      actor_id: string;
      target_id: string;
    }>(
      app.db,
      sql`select request_id, action, outcome, actor_id, target_id from audit_log
          where request_id in ('ics-download-own', 'ics-download-other') order by request_id desc`,
    );
    expect(rows).toEqual([
      {
        request_id: 'ics-download-own',
        action: 'event.download',
        outcome: 'success',
        actor_id: client.contact.id,
        target_id: event.id,
      },
      {
        request_id: 'ics-download-other',
        action: 'event.download',
        outcome: 'refused',
        actor_id: other.contact.id,
        target_id: event.id,
      },
    ]);
  });

  test('when the engagement ends, or the client belongs to another firm, then the events are gone', async () => {
    const client = await signedInClient(app, f.member.token, f.firm.id, { name: 'Ended' });
    const event = (
      await staff('post', `/matters/${client.matterId}/events`, {
        title: 'Hearing',
        startsAt: inDays(5),
        endsAt: inDays(5, 15),
        timeZone: 'Europe/London',
        attendeeContactIds: [client.contact.id],
      })
    ).body;
    expect((await client.session.get('/calendar-events')).body.items).toHaveLength(1);

    const other = await createFirm(app);
    const stranger = await signedInClient(app, other.member.token, other.firm.id, { name: 'Stranger' });
    expect((await stranger.session.get('/calendar-events')).body.items).toEqual([]);
    expect((await stranger.session.get(`/calendar-events/${event.id}/ics`)).status).toBe(404);

    await staff('post', `/matters/${client.matterId}/contacts/${client.contact.id}/end-engagement`);
    expect((await client.session.get('/calendar-events')).body.items).toEqual([]);
    expect((await client.session.get(`/calendar-events/${event.id}/ics`)).status).toBe(404);
  });

  test('when the engagement ends on a matter where the client has no conversation, then its events are gone too, until staff link them again', async () => {
    const client = await signedInClient(app, f.member.token, f.firm.id, { name: 'Second matter' });
    const other = await createMatter(app.db, f.firm.id);
    await staff('put', `/matters/${other}/contacts/${client.contact.id}`);
    await staff('post', `/matters/${other}/events`, {
      title: 'Valuation visit',
      startsAt: inDays(3),
      endsAt: inDays(3, 15),
      timeZone: 'Europe/London',
      attendeeContactIds: [client.contact.id],
    });
    const titles = async () =>
      ((await client.session.get('/calendar-events')).body.items as Array<{ title: string }>).map((e) => e.title);
    expect(await titles()).toEqual(['Valuation visit']);
    await staff('post', `/matters/${other}/contacts/${client.contact.id}/end-engagement`);
    expect(await titles()).toEqual([]);
    await staff('put', `/matters/${other}/contacts/${client.contact.id}`);
    expect(await titles()).toEqual(['Valuation visit']);
  });
});
