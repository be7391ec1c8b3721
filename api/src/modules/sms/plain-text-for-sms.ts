/**
 * A message body as a phone shows it: Markdown links (`[Survey report](https://…)`, what the
 * staff app's Add link inserts) become "Survey report: https://…", since texts have no
 * markup. The same links as the apps render (https, http, mailto, tel; see
 * `ui/src/message-text`); anything else stays as written. Email and phone links show the
 * address or number alone, which phones recognise.
 */
const markdownLink = /\[([^[\]\r\n]+)\]\(([^()\s]+)\)/gu;

function linkTarget(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return parsed.hostname ? url : undefined;
  if (parsed.protocol === 'mailto:' || parsed.protocol === 'tel:') {
    return url.slice(parsed.protocol.length) || undefined;
  }
  return undefined;
}

export function plainTextForSms(body: string): string {
  return body.replace(markdownLink, (whole, label: string, url: string) => {
    const target = linkTarget(url);
    if (!target) return whole;
    const text = label.trim();
    const same = [url, target, url.replace(/^https?:\/\//iu, '')].some(
      (u) => u.replace(/\/$/u, '') === text.replace(/\/$/u, ''),
    );
    return same ? target : `${text}: ${target}`;
  });
}
