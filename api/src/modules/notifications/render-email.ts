/** HTML known to be safe: built by `html` below, where every value put in is escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const toHtml = (value: unknown): string =>
  value instanceof SafeHtml
    ? value.value
    : Array.isArray(value)
      ? value.map(toHtml).join('')
      : value === undefined || value === null || value === false
        ? ''
        : escapeHtml(String(value));

/**
 * HTML with values filled in: every value is HTML-escaped (names, titles and firm names are
 * what people typed) unless it is itself `html`; arrays are joined; false/undefined vanish.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, s, i) => out + s + (i < values.length ? toHtml(values[i]) : ''), ''));
}

/** What the outbox sends: a subject and the same content as plain text and as HTML. */
export type TRenderedEmail = { subject: string; text: string; html: string };

/** An email's parts: paragraphs of plain text (no HTML in them) and an optional button. */
export type TEmailParts = {
  subject: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer: string;
  /** The catalogue's language (the HTML part's lang). */
  lang?: string;
};

// prettier-ignore
const paragraphHtml = (p: string) => html`<p style="font-size:15px;line-height:1.5">${p}</p>`;

/** The text part: heading, paragraphs, the link written out, footer. */
export function emailText(parts: TEmailParts): string {
  return [
    parts.heading,
    '',
    ...parts.paragraphs.flatMap((p) => [p, '']),
    ...(parts.action ? [`${parts.action.label}: ${parts.action.url}`, ''] : []),
    parts.footer,
  ].join('\n');
}

/** The HTML part: a plain, accessible page around the same content and one button. */
export function emailHtml(parts: TEmailParts): string {
  // prettier-ignore
  const button = parts.action
    ? html`<p><a href="${parts.action.url}" style="display:inline-block;background:#0f6cbd;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">${parts.action.label}</a></p>\n`
    : '';
  // prettier-ignore
  return html`<!doctype html><html lang="${parts.lang ?? 'en'}"><body style="font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#242424;max-width:560px;margin:0 auto;padding:24px">
<h1 style="font-size:20px">${parts.heading}</h1>
${parts.paragraphs.map((p) => [paragraphHtml(p), '\n'])}${button}<p style="font-size:12px;color:#616161">${parts.footer}</p>
</body></html>`.value;
}

/** Both parts of an email from its content. */
export const renderEmail = (parts: TEmailParts): TRenderedEmail => ({
  subject: parts.subject,
  text: emailText(parts),
  html: emailHtml(parts),
});

/** How the emails greet someone: by the first word of their name. */
export const firstNameOf = (name: string) => name.trim().split(/\s+/u)[0] || name;
