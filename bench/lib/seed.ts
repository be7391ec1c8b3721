import { randomUUID } from 'node:crypto';
import type { BenchDatabase, Session } from './database.js';
import { createRandom, names, sentence, surnameWords } from './vocabulary.js';

/**
 * Seeds firms, staff, contacts, matters (some restricted), conversations of every kind with
 * their participants, and `messages` messages, with set-based SQL (generate_series and
 * joins), not through the API. Shares are set in `plans` below; bodies are 2 to 3 sentences
 * drawn from 100,000 generated ones (Zipf-like word frequencies, a long tail of place and
 * company names) plus, in 40% of messages, a surname.
 */

export type FirmPlan = {
  label: string;
  staff: number;
  contacts: number;
  matters: number;
  /** Share of matters restricted to their team (6 staff). */
  restrictedEvery: number;
  directs: number;
  channels: number;
  /** Members of a channel other than #general, as a share of staff: from..to. */
  channelShare: [number, number];
  messages: number;
};

/** Where traffic goes, by conversation kind (within a kind, skewed: a few conversations are busy). */
export const trafficShare = { internal_matter: 0.25, external_matter: 0.3, direct: 0.33, channel: 0.12 } as const;

export type SeededStaff = { id: string; objectId: string; name: string; email: string; role: string };

export type SendTarget = {
  conversationId: string;
  kind: string;
  authorStaffId: string;
  /** Staff participants of the conversation (who get `message.created`). */
  staffIds: string[];
};

export type SeedResult = {
  firmId: string;
  tenantId: string;
  staff: SeededStaff[];
  /** (conversation, author) pairs drawn like the seeded traffic, for sends and opens. */
  targets: SendTarget[];
  counts: Record<string, number>;
  seconds: number;
};

export function plansFor(messages: number): FirmPlan[] {
  const main = Math.round(messages * 0.85);
  const other = Math.round((messages - main) / 2);
  return [
    {
      label: 'Bench LLP',
      staff: 1000,
      contacts: 4000,
      matters: 3000,
      restrictedEvery: 10,
      directs: 4000,
      channels: 60,
      channelShare: [0.02, 0.08],
      messages: main,
    },
    ...[1, 2].map((i) => ({
      label: `Neighbour ${i} LLP`,
      staff: 150,
      contacts: 600,
      matters: 400,
      restrictedEvery: 10,
      directs: 500,
      channels: 12,
      channelShare: [0.1, 0.4] as [number, number],
      messages: i === 1 ? other : messages - main - other,
    })),
  ];
}

const phraseCount = 100_000;
const chunkRows = 100_000;

export async function seed(
  bench: BenchDatabase,
  totalMessages: number,
  log: (line: string) => void,
  targetCount = 4000,
): Promise<SeedResult> {
  const started = Date.now();
  return bench.session(async (s) => {
    if (bench.kind === 'postgresql') {
      await s.query(`set maintenance_work_mem = '512MB'`);
      await s.query(`set synchronous_commit = off`);
    }
    await s.query(`select setseed(0.42)`);
    const random = createRandom(42);
    const phrases = Array.from({ length: phraseCount }, () => sentence(random));
    await s.query(`create temp table b_phrase (i int primary key, t text not null)`);
    await s.query(`insert into b_phrase select i, t from unnest($1::text[]) with ordinality as u(t, i)`, [phrases]);
    await s.query(`create temp table b_name (i int primary key, t text not null)`);
    await s.query(`insert into b_name select i, initcap(t) from unnest($1::text[]) with ordinality as u(t, i)`, [
      surnameWords,
    ]);

    // Building the non-unique indexes of messages once, after the rows, is much faster than
    // maintaining them row by row (the GIN full-text index above all). Same definitions.
    const indexes = await s.query<{ indexname: string; indexdef: string }>(
      `select i.indexname, i.indexdef from pg_indexes i
       join pg_class c on c.relname = i.indexname
       join pg_index x on x.indexrelid = c.oid
       where i.schemaname = 'public' and i.tablename = 'messages' and not x.indisunique`,
    );
    for (const i of indexes) await s.query(`drop index "${i.indexname}"`);

    const plans = plansFor(totalMessages);
    let result: Omit<SeedResult, 'counts' | 'seconds'> | undefined;
    for (const [n, plan] of plans.entries()) {
      const firm = await seedFirm(s, plan, n, log);
      if (n === 0) {
        const targets = await sampleTargets(s, firm.firmId, targetCount);
        const staff = await s.query<SeededStaff>(
          `select id, object_id as "objectId", name, email, role from staff where firm_id = $1 order by email`,
          [firm.firmId],
        );
        result = { firmId: firm.firmId, tenantId: firm.tenantId, staff, targets };
      }
      await s.query(`drop table b_staff, b_contact, b_matter, b_team, b_conv, b_members, b_pick`);
    }

    log(`  building ${indexes.length} message indexes (${indexes.map((i) => i.indexname).join(', ')})`);
    for (const i of indexes) {
      const t = Date.now();
      await s.query(i.indexdef);
      log(`    ${i.indexname}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    log('  conversation activity and read marks');
    await s.query(
      `update conversations c set last_message_at = m.last
       from (select firm_id, conversation_id, max(created_at) as last from messages group by 1, 2) m
       where c.firm_id = m.firm_id and c.id = m.conversation_id`,
    );
    await s.query(
      `update participants p set last_read_seq = m.top, last_read_at = now()
       from (select firm_id, conversation_id, max(seq) as top from messages group by 1, 2) m
       where p.firm_id = m.firm_id and p.conversation_id = m.conversation_id`,
    );
    log('  vacuum analyze');
    await s.query(`vacuum analyze`);
    if (bench.kind === 'postgresql') await s.query(`checkpoint`);
    await s.query(`drop table b_phrase, b_name`);
    const counts: Record<string, number> = {};
    for (const table of ['firms', 'staff', 'contacts', 'matters', 'conversations', 'participants', 'messages']) {
      counts[table] = Number((await s.query<{ n: string }>(`select count(*) as n from ${table}`))[0]!.n);
    }
    return { ...result!, counts, seconds: (Date.now() - started) / 1000 };
  });
}

async function seedFirm(
  s: Session,
  plan: FirmPlan,
  index: number,
  log: (line: string) => void,
): Promise<{ firmId: string; tenantId: string }> {
  const firmId = randomUUID();
  const tenantId = randomUUID();
  const domain = `firm${index}.bench.example`;
  const t0 = Date.now();
  await s.query(`insert into firms (id, name, country, entra_tenant_id) values ($1, $2, 'GB', $3)`, [
    firmId,
    plan.label,
    tenantId,
  ]);

  // Staff: names from the vocabulary's first names and surnames; a few admins.
  await s.query(
    `create temp table b_staff as select g as n, gen_random_uuid() as id, gen_random_uuid() as oid
     from generate_series(1, $1::int) g`,
    [plan.staff],
  );
  await s.query(`create unique index on b_staff (n)`);
  await s.query(
    `insert into staff (firm_id, id, tenant_id, object_id, name, initials, email, role, active)
     select $1, b.id, $2, b.oid, initcap(f.fn || ' ' || l.ln), upper(left(f.fn, 1) || left(l.ln, 1)),
            'staff' || b.n || '@' || $3, (case when b.n <= 5 then 'admin' else 'staff' end)::staff_role, true
     from b_staff b,
       lateral (select ($4::text[])[1 + (b.n * 7) % cardinality($4::text[])] as fn) f,
       lateral (select ($5::text[])[1 + (b.n * 13) % cardinality($5::text[])] as ln) l`,
    [firmId, tenantId, domain, names.slice(0, 150), surnameWords],
  );

  await s.query(
    `create temp table b_contact as select g as n, gen_random_uuid() as id from generate_series(1, $1::int) g`,
    [plan.contacts],
  );
  await s.query(`create unique index on b_contact (n)`);
  await s.query(
    `insert into contacts (firm_id, id, name, email, kind)
     select $1, b.id, initcap(($2::text[])[1 + (b.n * 11) % cardinality($2::text[])] || ' ' ||
                              ($3::text[])[1 + (b.n * 17) % cardinality($3::text[])]),
            'client' || b.n || '@' || $4, (case when b.n % 10 = 0 then 'third_party' else 'client' end)::contact_kind
     from b_contact b`,
    [firmId, names.slice(0, 150), surnameWords, `clients.${domain}`],
  );

  // Matters: every `restrictedEvery`-th is restricted to its team of 6 (matter_access).
  await s.query(
    `create temp table b_matter as select g as n, gen_random_uuid() as id, (g % $2::int = 3) as restricted
     from generate_series(1, $1::int) g`,
    [plan.matters, plan.restrictedEvery],
  );
  await s.query(`create unique index on b_matter (n)`);
  await s.query(
    `insert into matters (firm_id, id, number, title, restricted, created_at)
     select $1, b.id, 'M' || lpad(b.n::text, 6, '0'),
            initcap(($2::text[])[1 + (b.n * 7) % cardinality($2::text[])]) || ' acquisition of ' || b.n || ' Street',
            b.restricted, now() - interval '900 days' + b.n * interval '5 minutes'
     from b_matter b`,
    [firmId, surnameWords],
  );
  await s.query(
    `create temp table b_team as
     select m.n as matter_n, k, st.id as staff_id
     from b_matter m cross join generate_series(1, 6) k
     join b_staff st on st.n = 1 + (m.n * 37 + k * 101) % $1::int`,
    [plan.staff],
  );
  await s.query(
    `insert into matter_access (firm_id, matter_id, staff_id)
     select $1, m.id, t.staff_id from b_team t join b_matter m on m.n = t.matter_n where m.restricted`,
    [firmId],
  );
  await s.query(
    `insert into matter_contacts (firm_id, matter_id, contact_id)
     select $1, m.id, c.id from b_matter m cross join generate_series(0, 1) j
     join b_contact c on c.n = 1 + (m.n * 2 + j) % $2::int`,
    [firmId, plan.contacts],
  );

  // Conversations: an internal and an external one per matter, direct pairs, channels.
  const M = plan.matters;
  await s.query(
    `create temp table b_conv (n int primary key, id uuid not null, kind conversation_kind not null,
       matter_n int, name text, w float8 not null)`,
  );
  await s.query(
    `insert into b_conv
     select n, gen_random_uuid(), 'internal_matter', n, null, $2 / power(n, 0.8) from generate_series(1, $1::int) n`,
    [M, trafficShare.internal_matter],
  );
  await s.query(
    `insert into b_conv
     select $1::int + n, gen_random_uuid(), 'external_matter', n, null, $2 / power(1 + ((n * 7919) % $1::int), 0.8)
     from generate_series(1, $1::int) n`,
    [M, trafficShare.external_matter],
  );
  await s.query(
    `insert into b_conv
     select 2 * $1::int + n, gen_random_uuid(), 'direct', null, null, $3 / power(n, 0.8) from generate_series(1, $2::int) n`,
    [M, plan.directs, trafficShare.direct],
  );
  await s.query(
    `insert into b_conv
     select 2 * $1::int + $2::int + n, gen_random_uuid(), 'channel', null,
            case when n = 1 then 'general' else 'channel-' || n end,
            $4 * case when n = 1 then 0.3 else 1 end / power(n, 0.8)
     from generate_series(1, $3::int) n`,
    [M, plan.directs, plan.channels, trafficShare.channel],
  );
  // normalise each kind's weights to its traffic share
  await s.query(
    `update b_conv b set w = b.w / k.total * (case b.kind when 'internal_matter' then $1::float8
       when 'external_matter' then $2::float8 when 'direct' then $3::float8 else $4::float8 end)
     from (select kind, sum(w) as total from b_conv group by kind) k where k.kind = b.kind`,
    [trafficShare.internal_matter, trafficShare.external_matter, trafficShare.direct, trafficShare.channel],
  );
  await s.query(
    `insert into conversations (firm_id, id, kind, matter_id, name, created_by_staff_id, created_at)
     select $1, c.id, c.kind, m.id, c.name, (select id from b_staff where n = 1),
            now() - interval '800 days' + c.n * interval '1 minute'
     from b_conv c left join b_matter m on m.n = c.matter_n`,
    [firmId],
  );

  // Participants: the matter team's first 4 (+ 2 linked contacts in external conversations),
  // 2 staff in a direct conversation, #general everyone, other channels 2-8% of staff.
  await s.query(
    `insert into participants (firm_id, conversation_id, staff_id, joined_at)
     select $1, c.id, t.staff_id, now() - interval '800 days'
     from b_conv c join b_team t on t.matter_n = c.matter_n and t.k <= 4
     where c.kind in ('internal_matter', 'external_matter')`,
    [firmId],
  );
  await s.query(
    `insert into participants (firm_id, conversation_id, contact_id, joined_at)
     select $1, c.id, ct.id, now() - interval '800 days'
     from b_conv c cross join generate_series(0, 1) j
     join b_contact ct on ct.n = 1 + (c.matter_n * 2 + j) % $2::int
     where c.kind = 'external_matter'`,
    [firmId, plan.contacts],
  );
  await s.query(
    `insert into participants (firm_id, conversation_id, staff_id, joined_at)
     select $1, c.id, st.id, now() - interval '800 days'
     from b_conv c
     cross join lateral (select 1 + ((c.n - 2 * $2::int) * 7919) % $3::int as a) pa
     cross join lateral (values (pa.a), (1 + (pa.a + ((c.n * 31) % ($3::int - 1))) % $3::int)) as pair(sn)
     join b_staff st on st.n = pair.sn
     where c.kind = 'direct'`,
    [firmId, M, plan.staff],
  );
  const [lo, hi] = plan.channelShare;
  await s.query(
    `insert into participants (firm_id, conversation_id, staff_id, joined_at)
     select $1, c.id, st.id, now() - interval '800 days'
     from b_conv c cross join b_staff st
     where c.kind = 'channel' and (c.name = 'general' or
       ((st.n::bigint * 2654435761 + c.n * 40503) % 1000) < 1000 * ($2::float8 + ($3::float8 - $2::float8) * ((c.n * 37) % 100) / 100.0))`,
    [firmId, lo, hi],
  );
  await s.query(
    `create temp table b_members as
     select c.n, c.id, c.kind,
       array_agg(p.staff_id order by p.staff_id) filter (where p.staff_id is not null) as staff_ids,
       array_agg(p.contact_id order by p.contact_id) filter (where p.contact_id is not null) as contact_ids
     from b_conv c join participants p on p.firm_id = $1 and p.conversation_id = c.id
     group by c.n, c.id, c.kind`,
    [firmId],
  );
  await s.query(`create unique index on b_members (id)`);
  // cumulative traffic weights: a uniform draw r picks the conversation with lo <= r < lo + w
  await s.query(
    `create temp table b_pick as
     select id, coalesce(sum(w) over (order by n rows between unbounded preceding and 1 preceding), 0) as lo
     from b_conv`,
  );
  await s.query(`create index on b_pick (lo)`);
  log(`  ${plan.label}: people, matters, conversations ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // Messages, in chunks (seq and created_at grow together: two years of history).
  const t1 = Date.now();
  for (let from = 1; from <= plan.messages; from += chunkRows) {
    const to = Math.min(plan.messages, from + chunkRows - 1);
    await s.query(
      `insert into messages (firm_id, conversation_id, author_staff_id, author_contact_id, body, via, created_at)
       select $1, c.id,
         case when x.by_contact and c.contact_ids is not null then null
              else c.staff_ids[1 + floor(x.ra * cardinality(c.staff_ids))::int] end,
         case when x.by_contact and c.contact_ids is not null
              then c.contact_ids[1 + floor(x.ra * cardinality(c.contact_ids))::int] end,
         p1.t || ' ' || p2.t || case when x.r3 < 0.5 then ' ' || p3.t else '' end
              || case when x.rn < 0.4 then ' ' || nm.t else '' end,
         (case when x.by_contact and c.contact_ids is not null then 'portal' else 'app' end)::message_via,
         now() - interval '730 days' * (1 - x.g::float8 / $3::float8)
       from (select g, random() as rp, random() as ra, random() < 0.35 as by_contact, random() as r3, random() as rn,
                    1 + floor(random() * $4::int)::int as i1, 1 + floor(random() * $4::int)::int as i2,
                    1 + floor(random() * $4::int)::int as i3, 1 + floor(random() * $5::int)::int as ni
             from generate_series($2::int, $6::int) g) x
       cross join lateral (select id from b_pick where lo <= x.rp order by lo desc limit 1) pk
       join b_members c on c.id = pk.id
       join b_phrase p1 on p1.i = x.i1
       join b_phrase p2 on p2.i = x.i2
       join b_phrase p3 on p3.i = x.i3
       join b_name nm on nm.i = x.ni
       order by x.g`,
      [firmId, from, plan.messages, phraseCount, surnameWords.length, to],
    );
    log(`  ${plan.label}: ${to.toLocaleString('en')} / ${plan.messages.toLocaleString('en')} messages`);
  }
  log(`  ${plan.label}: messages ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  return { firmId, tenantId };
}

/** (conversation, staff author) pairs drawn with the seeded traffic weights. */
async function sampleTargets(s: Session, firmId: string, count: number): Promise<SendTarget[]> {
  const rows = await s.query<{ conversation_id: string; kind: string; author: string; staff_ids: string[] }>(
    `select c.id as conversation_id, c.kind::text as kind,
            c.staff_ids[1 + floor(x.ra * cardinality(c.staff_ids))::int]::text as author,
            c.staff_ids::text[] as staff_ids
     from (select g, random() as rp, random() as ra from generate_series(1, $1::int) g) x
     cross join lateral (select id from b_pick where lo <= x.rp order by lo desc limit 1) pk
     join b_members c on c.id = pk.id
     order by x.g`,
    [count],
  );
  void firmId;
  return rows.map((r) => ({
    conversationId: r.conversation_id,
    kind: r.kind,
    authorStaffId: r.author,
    staffIds: parseUuidArray(r.staff_ids),
  }));
}

/** pg parses uuid[] cast to text[] into an array; PGlite too, but be lenient with '{...}'. */
function parseUuidArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  return value
    .replace(/^\{|\}$/g, '')
    .split(',')
    .filter(Boolean);
}
