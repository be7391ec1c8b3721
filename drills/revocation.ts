// Drill 6, revocation: after a portal sign-out, a contact being disabled, a contact's email
// (the factor codes go to) being changed, the portal session going idle, and a staff member
// being disabled, the old cookie or token is refused on every endpoint of the OpenAPI document
// within 1 s, and the event streams opened with it close within 5 s and carry nothing after.
import { randomUUID } from 'node:crypto';
import { runDrill, sleep } from './lib/drill.js';
import type { RequestOptions } from './lib/http.js';
import { fillPath, listOperations, type Operation } from './lib/openapi.js';
import { externalConversation, signInContact, type PortalSession } from './lib/portal.js';
import { openEventStream, type EventStream } from './lib/sse.js';
import { ports } from './lib/settings.js';
import { demo, expectStatus, startStack, type Stack } from './lib/stack.js';

const refusalWindowMs = 1000;
const streamCloseMs = 5000;

type TOutcome = {
  requests: number;
  /** Answers other than the refusal, with how long after the revocation the request was sent. */
  accepted: Array<{ endpoint: string; status: number; afterMs: number }>;
  streamClosedAfterMs: number | null;
  eventsAfterRevocation: number;
};

/**
 * Sweeps every endpoint with the old credential for a while after the revocation, and watches
 * the stream opened before it.
 */
async function afterRevocation(
  stack: Stack,
  /** When the revoking request was sent. */
  revokedAt: number,
  endpoints: Array<{ method: string; path: string }>,
  credential: RequestOptions,
  refused: (status: number, code: string) => boolean,
  stream: EventStream,
  publish: () => Promise<void>,
): Promise<TOutcome> {
  const accepted: TOutcome['accepted'] = [];
  let requests = 0;
  let published = false;
  let sweepStartedAt: number;
  // sweep until one whole sweep began at least 1 s after the revocation
  do {
    sweepStartedAt = Date.now();
    await Promise.all(
      endpoints.map(async (e) => {
        const sentAt = Date.now();
        const a = await stack.api
          .call(e.method, e.path, {
            ...credential,
            timeoutMs: 3000,
            ...(e.method === 'GET' ? {} : { body: {} }),
          })
          .catch(() => ({ status: 0, json: undefined }) as const);
        requests += 1;
        const code = a.json && typeof a.json.code === 'string' ? (a.json.code as string) : '';
        if (!refused(a.status, code)) {
          accepted.push({ endpoint: `${e.method} ${e.path}`, status: a.status, afterMs: sentAt - revokedAt });
        }
      }),
    );
    if (!published) {
      await publish(); // something the stream's owner would have seen before
      published = true;
    }
  } while (sweepStartedAt < revokedAt + refusalWindowMs);
  const left = revokedAt + streamCloseMs + 500 - Date.now();
  if (left > 0) await Promise.race([stream.ended, sleep(left)]);
  const streamClosedAfterMs = stream.closedAt ? stream.closedAt - revokedAt : null;
  const eventsAfterRevocation = stream.events.filter(
    (e) =>
      e.at > revokedAt + 50 &&
      !['ready', 'resync', 'staff.disabled', 'contact.disabled', 'session.ended'].includes(e.event),
  ).length;
  stream.close();
  return { requests, accepted, streamClosedAfterMs, eventsAfterRevocation };
}

await runDrill(
  'revocation',
  { budgetMs: 6 * 60_000, description: 'sign-out, contact disabled, email changed, idle session, staff disabled' },
  async (d) => {
    const stack = await startStack(d);
    const admin = stack.staff(await stack.staffToken(demo.admin));
    const operations = await listOperations(stack.api);
    const tom = (
      expectStatus(await admin('GET', '/staff'), 200, 'staff').json.items as Array<{ id: string; email: string }>
    ).find((s) => s.email === demo.other)!;

    // real ids where the path names them, so a credential that still worked would reach real data
    const setup = await externalConversation(stack, await stack.staffToken(demo.admin), {
      contacts: ['sign-out', 'disabled', 'email-changed', 'idle'].map((k) => ({
        name: `Revoked ${k}`,
        email: `revoked.${k}@mail.example`,
      })),
    });
    const message = expectStatus(
      await admin('POST', `/conversations/${setup.conversationId}/messages`, { body: 'Before the revocation' }),
      201,
      'message',
    ).json;
    const ids: Record<string, string> = {
      conversations: setup.conversationId,
      messages: message.id,
      matters: setup.matterId,
      contacts: setup.contacts[0]!.id,
      staff: tom.id,
    };
    const endpointsFor = (prefix: string, extra: Array<{ method: string; path: string }>) => [
      ...operations
        .filter(
          (o: Operation) =>
            o.path.startsWith(prefix) && !o.public && !/quick-reply|webhooks|openapi|auth-config/.test(o.path),
        )
        .map((o) => ({
          method: o.method,
          path: fillPath(o, Object.fromEntries(o.params.map((p) => [p, ids[o.resourceOf(p)] ?? randomUUID()]))),
        })),
      ...extra,
    ];
    const portalEndpoints = endpointsFor('/api/portal/v1/', [
      { method: 'GET', path: '/api/portal/v1/events' },
      { method: 'GET', path: '/api/portal/v1/auth/session' },
      { method: 'POST', path: '/api/portal/v1/auth/switch' },
      { method: 'POST', path: '/api/portal/v1/auth/sign-out' },
    ]);
    const staffEndpoints = endpointsFor('/api/v1/', []);
    d.figure('portal_endpoints_swept', portalEndpoints.length);
    d.figure('staff_endpoints_swept', staffEndpoints.length);

    const publishToConversation = async () => {
      await admin('POST', `/conversations/${setup.conversationId}/messages`, { body: 'After the revocation' });
    };
    const portalStream = (s: PortalSession) =>
      openEventStream({ port: ports.confer, path: '/api/portal/v1/events', headers: { cookie: s.cookie } });
    const contactRefused = (status: number, code: string) => status === 401 && code === 'not_signed_in';

    const scenarios: Array<{ name: string; knownDefect?: string; run: () => Promise<TOutcome> }> = [
      {
        name: 'portal_sign_out',
        run: async () => {
          const s = await signInContact(stack, 'revoked.sign-out@mail.example');
          const stream = portalStream(s);
          await stream.opened;
          const at = Date.now();
          expectStatus(await s.call('POST', '/auth/sign-out', {}), 204, 'sign out');
          return afterRevocation(
            stack,
            at,
            portalEndpoints,
            { cookie: s.cookie, csrf: s.csrf },
            contactRefused,
            stream,
            publishToConversation,
          );
        },
      },
      {
        name: 'contact_disabled',
        run: async () => {
          const s = await signInContact(stack, 'revoked.disabled@mail.example');
          const stream = portalStream(s);
          await stream.opened;
          const at = Date.now();
          expectStatus(
            await admin('PATCH', `/contacts/${setup.contacts[1]!.id}`, { active: false }),
            200,
            'disable contact',
          );
          return afterRevocation(
            stack,
            at,
            portalEndpoints,
            { cookie: s.cookie, csrf: s.csrf },
            contactRefused,
            stream,
            publishToConversation,
          );
        },
      },
      {
        name: 'contact_email_changed',
        run: async () => {
          const s = await signInContact(stack, 'revoked.email-changed@mail.example');
          const stream = portalStream(s);
          await stream.opened;
          const at = Date.now();
          expectStatus(
            await admin('PATCH', `/contacts/${setup.contacts[2]!.id}`, { email: 'someone.else@mail.example' }),
            200,
            'change email',
          );
          return afterRevocation(
            stack,
            at,
            portalEndpoints,
            { cookie: s.cookie, csrf: s.csrf },
            contactRefused,
            stream,
            publishToConversation,
          );
        },
      },
      {
        name: 'portal_session_idle',
        run: async () => {
          const s = await signInContact(stack, 'revoked.idle@mail.example');
          const stream = portalStream(s);
          await stream.opened;
          // 31 minutes without a request by the app's clock (idle timeout 30 min)
          const at = Date.now();
          expectStatus(await stack.api.call('PUT', '/dev/clock', { body: { offsetMs: 31 * 60_000 } }), 200, 'clock');
          try {
            return await afterRevocation(
              stack,
              at,
              portalEndpoints,
              { cookie: s.cookie, csrf: s.csrf },
              contactRefused,
              stream,
              publishToConversation,
            );
          } finally {
            await stack.api.call('PUT', '/dev/clock', { body: { offsetMs: 0 } });
          }
        },
      },
      {
        name: 'staff_disabled',
        run: async () => {
          const token = await stack.staffToken(demo.other);
          const channel = expectStatus(
            await admin('POST', '/conversations', {
              kind: 'channel',
              name: `revocation-${Date.now()}`,
              staffIds: [tom.id],
            }),
            201,
            'channel',
          ).json;
          const stream = openEventStream({
            port: ports.confer,
            path: '/api/v1/events',
            headers: { authorization: `Bearer ${token}` },
          });
          await stream.opened;
          const at = Date.now();
          expectStatus(await admin('PATCH', `/staff/${tom.id}`, { active: false }), 200, 'disable staff');
          return afterRevocation(
            stack,
            at,
            staffEndpoints,
            { token },
            // disabled staff are told so: 403 staff_disabled (a bad or missing token is 401)
            (status, code) => (status === 401 && code !== '') || (status === 403 && code === 'staff_disabled'),
            stream,
            async () => {
              await admin('POST', `/conversations/${channel.id}/messages`, { body: 'After the revocation' });
            },
          );
        },
      },
    ];

    for (const scenario of scenarios) {
      d.assertTime(scenario.name);
      const outcome = await scenario.run();
      const late = outcome.accepted.filter((a) => a.afterMs >= refusalWindowMs);
      d.figure(`${scenario.name}_requests`, outcome.requests);
      if (outcome.accepted.length) d.figure(`${scenario.name}_not_refused`, outcome.accepted.slice(0, 10));
      d.check(
        `${scenario.name}_answers_not_refused_after_1s`,
        late.length,
        late.length === 0,
        '0 (every endpoint refuses the old credential within 1 s)',
        scenario.knownDefect,
      );
      d.check(
        `${scenario.name}_stream_closed_after_ms`,
        outcome.streamClosedAfterMs,
        outcome.streamClosedAfterMs !== null && outcome.streamClosedAfterMs <= streamCloseMs,
        `≤ ${streamCloseMs}`,
        scenario.knownDefect,
      );
      d.check(
        `${scenario.name}_stream_events_after_revocation`,
        outcome.eventsAfterRevocation,
        outcome.eventsAfterRevocation === 0,
        '0',
        scenario.knownDefect,
      );
      d.log(
        `${scenario.name}: ${outcome.accepted.length} not refused, stream closed after ${outcome.streamClosedAfterMs} ms`,
      );
    }
  },
);
