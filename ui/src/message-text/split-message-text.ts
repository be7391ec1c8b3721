/** A run of a message body: plain text, or a link that is safe to render as `<a href>`. */
export type MessageTextPart =
  { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string; source: 'markdown' | 'bare' };

const ALLOWED_PROTOCOLS = new Set(['https:', 'http:', 'mailto:', 'tel:']);

/**
 * The normalised href when `url` is an absolute https, http, mailto or tel URL, else null.
 * Everything else (javascript:, data:, relative paths, protocol-relative `//host`) is refused.
 */
export function toSafeLinkHref(url: string): string | null {
  const trimmed = url.trim();
  // Control characters or whitespace inside a URL are never legitimate here.
  // eslint-disable-next-line no-control-regex
  if (!trimmed || /[\s\u0000-\u001f\u007f]/.test(trimmed)) return null;
  if (!/^(https?:\/\/|mailto:|tel:)/i.test(trimmed)) return null;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) return null;
  if ((parsed.protocol === 'https:' || parsed.protocol === 'http:') && !parsed.hostname) return null;
  if ((parsed.protocol === 'mailto:' || parsed.protocol === 'tel:') && parsed.pathname === '') return null;
  return parsed.href;
}

/*
 * One scanner for the three kinds of link, leftmost match first:
 *   1. `[text](url)`: text without brackets or line breaks, url without spaces or parentheses;
 *   2. a bare `http://` or `https://` URL;
 *   3. a bare `www.` host (skipped in code when glued to a preceding word, dot, slash, @ or
 *      hyphen; no lookbehind, which older Safari-based Outlook hosts cannot parse).
 * Bare URLs stop at whitespace and at characters that cannot end a URL in prose (see below).
 */
const LINK_PATTERN =
  /\[([^[\]\r\n]+)\]\(([^()\s]+)\)|\bhttps?:\/\/[^\s<>"'`]+|www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s<>"'`]*/giu;

const TRAILING_PUNCTUATION = /[.,;:!?'"’”»…*_~]+$/u;

/** Drops sentence punctuation and unbalanced closing brackets from the end of a bare URL. */
function trimBareUrl(candidate: string): string {
  let url = candidate;
  for (;;) {
    const before = url;
    url = url.replace(TRAILING_PUNCTUATION, '');
    const last = url.at(-1);
    const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
    const open = last ? pairs[last] : undefined;
    if (last && open) {
      const opens = url.split(open).length - 1;
      const closes = url.split(last).length - 1;
      if (closes > opens) url = url.slice(0, -1);
    }
    if (url === before) return url;
  }
}

function pushText(parts: MessageTextPart[], text: string) {
  if (!text) return;
  const previous = parts.at(-1);
  if (previous?.kind === 'text') previous.text += text;
  else parts.push({ kind: 'text', text });
}

/**
 * Splits a message body into plain text runs and links. Links come from `[text](url)` (only
 * when the URL is https, http, mailto or tel) and from bare `http(s)://…` and `www.…` URLs.
 * Everything else, including anything that looks like HTML, stays literal text. Whitespace
 * and line breaks are kept exactly, so the parts joined back (`text`) equal the body unless
 * a markdown link was recognised.
 */
export function splitMessageText(body: string): MessageTextPart[] {
  const parts: MessageTextPart[] = [];
  let index = 0;
  for (const match of body.matchAll(LINK_PATTERN)) {
    const start = match.index;
    const whole = match[0];
    const [, label, markdownUrl] = match;

    if (label !== undefined && markdownUrl !== undefined) {
      const href = toSafeLinkHref(markdownUrl);
      pushText(parts, body.slice(index, start));
      if (href) parts.push({ kind: 'link', text: label, href, source: 'markdown' });
      else pushText(parts, whole);
      index = start + whole.length;
      continue;
    }

    if (start > 0 && /[\w.@/-]/.test(body.charAt(start - 1)) && /^www\./i.test(whole)) continue;
    const text = trimBareUrl(whole);
    const href = toSafeLinkHref(/^www\./i.test(text) ? `https://${text}` : text);
    if (!href || /^https?:\/\/$/i.test(text)) continue; // leave it in the surrounding text
    pushText(parts, body.slice(index, start));
    parts.push({ kind: 'link', text, href, source: 'bare' });
    index = start + text.length;
  }
  pushText(parts, body.slice(index));
  return parts;
}
