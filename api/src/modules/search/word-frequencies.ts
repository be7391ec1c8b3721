import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { queryRows } from '../../db/query-rows.js';

type Frequencies = { readAt: number; words: Array<[string, number]> };

const refreshMs = 10 * 60 * 1000;
const cache = new WeakMap<Db, Frequencies | Promise<Frequencies>>();

/** The planner's statistics of the search index: its most common words and their shares of messages. */
async function read(db: Db): Promise<Frequencies> {
  const rows = await queryRows<{ word: string; share: number }>(
    db,
    sql`select t.word, t.share from pg_stats s,
          unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as t(word, share)
        where s.tablename = 'messages_search_idx' and t.word is not null`,
  );
  return { readAt: Date.now(), words: rows.map((r) => [r.word, Number(r.share)]) };
}

/**
 * How common a search is, as the planner's statistics tell it (read at most every 10
 * minutes, not per search): the share of messages holding every word (a word counts all the
 * common words it is a prefix of). 0 when the statistics do not know the words: they are
 * rare, or never analysed. Only a hint for how to search; never changes what is found.
 */
export async function estimateShare(db: Db, words: string[]): Promise<number> {
  let known = cache.get(db);
  if (!known || (!(known instanceof Promise) && Date.now() - known.readAt > refreshMs)) {
    const reading = read(db).catch(() => ({ readAt: Date.now(), words: [] }) as Frequencies);
    cache.set(db, reading);
    known = await reading;
    cache.set(db, known);
  }
  const { words: common } = await known;
  let share = 1;
  for (const word of words) {
    let sum = 0;
    for (const [w, s] of common) if (w.startsWith(word)) sum += s;
    share = Math.min(share, sum);
  }
  return words.length === 0 ? 0 : share;
}
