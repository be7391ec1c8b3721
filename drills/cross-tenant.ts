// Drill 7, cross-tenant probing: a second firm and a second contact. Every id-bearing endpoint
// of the OpenAPI document is called with the other party's ids (conversations, messages,
// documents, versions, downloads, shares, forms, invoices, events, ...) and compared with the
// same call naming an id that does not exist: 0 leaks, and answers byte-identical (same status,
// body and headers; the request id is sent the same for both, Date aside). Search and the event
// streams' replay are probed for the other party's words and ids too.
import { randomUUID } from 'node:crypto';
import { runDrill, sleep } from './lib/drill.js';
import type { Answer, RequestOptions } from './lib/http.js';
import { fillPath, listOperations, sampleBody, type Operation } from './lib/openapi.js';
import { populate, secondFirm, seedSecondFirm, type TIds, type TPopulated } from './lib/populate.js';
import { openEventStream } from './lib/sse.js';
import { ports } from './lib/settings.js';
import { demo, startStack, type Stack } from './lib/stack.js';

const ignoredHeaders = new Set(['date', 'etag', 'content-length', 'keep-alive', 'connection']);
const paramResource: Record<string, string> = { contactId: 'contacts', participantId: 'participants' };

type TProbe = {
  endpoint: string;
  variant: string;
  status: number;
  baselineStatus: number;
  /** GET only: the same call with the prober's own ids (it should work: the probe is real). */
  ownStatus?: number;
  difference?: string;
};

function bodyFor(op: Operation, own: TIds): unknown {
  const p = op.path.replace(/^\/api\/(portal\/)?v1/, '');
  const day = new Date(Date.now() + 86_400_000);
  const overrides: Array<[RegExp, string, unknown]> = [
    [
      /^\/matters\/\{id\}\/events$/,
      'POST',
      {
        title: 'Probe',
        startsAt: day.toISOString(),
        endsAt: new Date(day.getTime() + 3_600_000).toISOString(),
        timeZone: 'Europe/London',
        attendeeContactIds: [],
      },
    ],
    [/^\/events\/\{id\}$/, 'PATCH', { title: 'Probe' }],
    [
      /^\/matters\/\{id\}\/invoices$/,
      'POST',
      {
        number: 'PROBE-1',
        issueDate: day.toISOString().slice(0, 10),
        dueDate: day.toISOString().slice(0, 10),
        amount: '1.00',
        currency: 'GBP',
      },
    ],
    [/^\/invoices\/\{id\}$/, 'PATCH', { status: 'paid' }],
    [/^\/matters\/\{id\}\/form-requests$/, 'POST', { formId: own.forms, contactId: own.contacts }],
    [/^\/matters\/\{id\}\/access$/, 'PUT', { restricted: false }],
    [/^\/matters\/\{id\}$/, 'PATCH', { title: 'Probe' }],
    [/^\/contacts\/\{id\}$/, 'PATCH', { name: 'Probe' }],
    [/^\/staff\/\{id\}$/, 'PATCH', { name: 'Probe' }],
    [/^\/conversations\/\{id\}\/messages$/, 'POST', { body: 'Probe' }],
    [/^\/messages\/\{id\}$/, 'PATCH', { body: 'Probe' }],
    [/^\/conversations\/\{id\}\/read$/, 'POST', { seq: 1 }],
    [/^\/conversations\/\{id\}\/shares$/, 'POST', { documentId: own.documents }],
    [/^\/messages\/\{id\}\/sms\/resend$/, 'POST', { contactIds: [own.contacts] }],
    [/^\/forms\/\{id\}\/draft$/, 'PUT', { answers: {} }],
    [/^\/forms\/\{id\}\/submit$/, 'POST', { answers: { name: 'Probe' } }],
    [/^\/sms\/unrouted\/\{id\}\/assign$/, 'POST', { conversationId: own.conversations }],
  ];
  const hit = overrides.find(([re, method]) => re.test(p) && method === op.method);
  if (hit) return hit[2];
  return sampleBody(
    op.bodySchema,
    (field) =>
      (/contact/i.test(field) ? own.contacts : /document/i.test(field) ? own.documents : own.conversations) ?? '',
  );
}

function requestFor(op: Operation, own: TIds): Pick<RequestOptions, 'body' | 'form'> {
  if (op.method === 'GET' || op.method === 'DELETE') return {};
  if (op.requestType === 'multipart/form-data') {
    const form = new FormData();
    form.append('body', 'Probe');
    form.append('files', new Blob(['probe'], { type: 'text/plain' }), 'probe.txt');
    return { form };
  }
  return { body: bodyFor(op, own) };
}

/** Where two answers differ, ignoring the ids that were swapped (named in `ids`). */
function differenceOf(a: Answer, b: Answer, ids: string[]): string | undefined {
  if (a.status !== b.status) return `status ${a.status} vs ${b.status}`;
  const norm = (text: string) => ids.reduce((t, id) => t.split(id).join('<id>'), text);
  if (norm(a.text) !== norm(b.text)) return `body ${a.text.slice(0, 160)} vs ${b.text.slice(0, 160)}`;
  const names = new Set([...a.headers.keys(), ...b.headers.keys()]);
  for (const name of names) {
    if (ignoredHeaders.has(name)) continue;
    if (norm(a.headers.get(name) ?? '') !== norm(b.headers.get(name) ?? '')) return `header ${name}`;
  }
  return undefined;
}

/**
 * Each id-bearing operation, each path parameter in turn set to the other party's id (the rest
 * the prober's own), against the same call with an id that exists nowhere.
 */
async function probeAll(
  stack: Stack,
  operations: Operation[],
  credential: RequestOptions,
  own: TIds,
  foreign: TIds,
  label: string,
): Promise<TProbe[]> {
  const probes: TProbe[] = [];
  // reads first, then changes (a leaking change must not spoil later reads)
  const ordered = [...operations.filter((o) => o.method === 'GET'), ...operations.filter((o) => o.method !== 'GET')];
  let n = 0;
  for (const op of ordered) {
    for (const param of op.params) {
      const resource = paramResource[param] ?? op.resourceOf(param);
      const foreignId = foreign[resource];
      if (!foreignId) continue;
      const values = (swap: string) =>
        Object.fromEntries(
          op.params.map((p) => [p, p === param ? swap : (own[paramResource[p] ?? op.resourceOf(p)] ?? randomUUID())]),
        );
      const missing = randomUUID();
      const requestId = `probe-${label}-${++n}-${randomUUID().slice(0, 8)}`;
      const send = (path: string) =>
        stack.api.call(op.method, path, { ...credential, ...requestFor(op, own), requestId, timeoutMs: 15_000 });
      const probe = await send(fillPath(op, values(foreignId)));
      const baseline = await send(fillPath(op, values(missing)));
      const difference = differenceOf(probe, baseline, [foreignId, missing]);
      const ownId = own[resource];
      const control = op.method === 'GET' && ownId ? await send(fillPath(op, values(ownId))) : undefined;
      probes.push({
        endpoint: `${op.method} ${op.path}`,
        variant: `${param}=${label}`,
        status: probe.status,
        baselineStatus: baseline.status,
        ...(control ? { ownStatus: control.status } : {}),
        ...(difference ? { difference } : {}),
      });
    }
  }
  return probes;
}

await runDrill(
  'cross-tenant',
  { budgetMs: 10 * 60_000, description: "every id-bearing endpoint with another firm's and another contact's ids" },
  async (d) => {
    const stack = await startStack(d, { seed: seedSecondFirm });
    const tokenA = await stack.staffToken(demo.admin);
    const tokenB = await stack.staffToken(secondFirm.admin);
    const a1: TPopulated = await populate(stack, tokenA, 'A1');
    const a2: TPopulated = await populate(stack, tokenA, 'A2'); // the second contact, on another matter
    const b1: TPopulated = await populate(stack, tokenB, 'B1');
    d.log('both firms populated');
    const operations = (await listOperations(stack.api)).filter((o) => o.params.length > 0);
    const staffOps = operations.filter((o) => o.path.startsWith('/api/v1/') && !o.path.includes('/webhooks/'));
    const portalOps = operations.filter((o) => o.path.startsWith('/api/portal/v1/'));
    d.figure('id_bearing_endpoints', { staff: staffOps.length, portal: portalOps.length });

    const staffProbes = await probeAll(stack, staffOps, { token: tokenA }, a1.staff, b1.staff, 'otherFirm');
    d.assertTime('staff probes');
    const portalCredential = { cookie: a1.portal.cookie, csrf: a1.portal.csrf };
    const portalProbes = [
      ...(await probeAll(stack, portalOps, portalCredential, a1.portalIds, a2.portalIds, 'otherContact')),
      ...(await probeAll(stack, portalOps, portalCredential, a1.portalIds, b1.portalIds, 'otherFirm')),
    ];
    const all = [...staffProbes, ...portalProbes];
    const leaks = all.filter((p) => p.status >= 200 && p.status < 300);
    const different = all.filter((p) => p.difference);
    const reachedLookup = all.filter((p) => p.baselineStatus === 404).length;
    d.figure('probes', { staff: staffProbes.length, portal: portalProbes.length });
    d.figure('probes_whose_missing_id_answered_404', reachedLookup);
    const controls = all.filter((p) => p.ownStatus !== undefined);
    d.figure('reads_with_own_ids_answered_2xx', {
      ok: controls.filter((p) => p.ownStatus! < 300).length,
      of: controls.length,
      others: controls.filter((p) => p.ownStatus! >= 300).map((p) => `${p.endpoint} ${p.ownStatus}`),
    });
    d.figure(
      'answers',
      all.reduce<Record<string, number>>((t, p) => ((t[String(p.status)] = (t[String(p.status)] ?? 0) + 1), t), {}),
    );
    if (different.length) d.figure('different_answers', different.slice(0, 20));
    d.check(
      'leaks',
      leaks.map((p) => `${p.endpoint} (${p.variant}) ${p.status}`),
      leaks.length === 0,
      'none (no 2xx)',
    );
    d.check(
      'answers_differing_from_a_missing_id',
      different.length,
      different.length === 0,
      '0 (byte-identical apart from Date)',
    );
    d.check('probes_run', all.length, all.length >= 80, '≥ 80 (every id-bearing endpoint, each id)');

    // search: the other firm's and the other contact's words find nothing
    const searched = await stack.api.call('GET', `/api/v1/search?q=${b1.marker}`, {
      token: tokenA,
      requestId: 'probe-search',
    });
    const searchedMissing = await stack.api.call('GET', `/api/v1/search?q=zqnothing${randomUUID().slice(0, 6)}`, {
      token: tokenA,
      requestId: 'probe-search',
    });
    const portalSearch = await stack.api.call('GET', `/api/portal/v1/documents?q=${a2.marker}`, portalCredential);
    const portalSearchB = await stack.api.call('GET', `/api/portal/v1/documents?q=${b1.marker}`, portalCredential);
    const searchLeaks = [searched, portalSearch, portalSearchB].filter(
      (s) => s.text.includes(b1.marker) || s.text.includes(a2.marker) || (s.json?.items?.length ?? 0) > 0,
    ).length;
    d.check('search_leaks', searchLeaks, searchLeaks === 0 && searched.status === searchedMissing.status, '0');

    // event streams replayed from the start: nothing of the other firm or the other contact
    const staffStream = openEventStream({
      port: ports.confer,
      path: '/api/v1/events?lastEventId=0',
      headers: { authorization: `Bearer ${tokenA}` },
    });
    const portalStream = openEventStream({
      port: ports.confer,
      path: '/api/portal/v1/events?lastEventId=0',
      headers: { cookie: a1.portal.cookie },
    });
    await sleep(3000);
    staffStream.close();
    portalStream.close();
    const foreignWords = [b1.marker, ...Object.values(b1.staff)];
    const otherContactWords = [a2.marker, a2.portalIds.conversations!, ...foreignWords];
    const streamLeaks =
      staffStream.events.filter((e) => foreignWords.some((w) => e.data.includes(w))).length +
      portalStream.events.filter((e) => otherContactWords.some((w) => e.data.includes(w))).length;
    d.figure('stream_events_replayed', { staff: staffStream.events.length, portal: portalStream.events.length });
    d.check(
      'stream_leaks',
      streamLeaks,
      streamLeaks === 0 && staffStream.events.length > 0,
      '0 (of a non-empty replay)',
    );
  },
);
