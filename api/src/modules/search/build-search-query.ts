/**
 * Turns what a person typed into a PostgreSQL tsquery for the language-neutral `simple`
 * configuration: every word must match, each as a prefix ("contr" finds "contract").
 * Words are runs of letters, digits and combining marks in any script, so no operator or
 * quote from the input reaches the query. Undefined when nothing searchable was typed.
 */
export function buildSearch(text: string): { tsquery: string; words: string[] } | undefined {
  const words = text.normalize('NFC').match(/[\p{L}\p{N}\p{M}_]+/gu) ?? [];
  const unique = [...new Set(words.map((w) => w.toLocaleLowerCase()))].slice(0, 8);
  if (unique.length === 0) return undefined;
  return { tsquery: unique.map((w) => `'${w}':*`).join(' & '), words: unique };
}

/** Private-use markers around highlighted words; split out before anything leaves the API. */
export const highlightStart = '\uE000';
export const highlightStop = '\uE001';

export function splitHighlights(snippet: string): Array<{ text: string; match: boolean }> {
  const parts: Array<{ text: string; match: boolean }> = [];
  let rest = snippet;
  while (rest.length > 0) {
    const start = rest.indexOf(highlightStart);
    if (start === -1) {
      parts.push({ text: rest, match: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), match: false });
    const stop = rest.indexOf(highlightStop, start + 1);
    const end = stop === -1 ? rest.length : stop;
    parts.push({ text: rest.slice(start + 1, end), match: true });
    rest = stop === -1 ? '' : rest.slice(stop + 1);
  }
  return parts.filter((p) => p.text.length > 0);
}
