const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A plain, accessible HTML email around paragraphs and one button; the text part says the same. */
export function renderEmail(input: {
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer: string;
}): { text: string; html: string } {
  const text = [
    input.heading,
    '',
    ...input.paragraphs.flatMap((p) => [p, '']),
    ...(input.action ? [`${input.action.label}: ${input.action.url}`, ''] : []),
    input.footer,
  ].join('\n');
  const html = `<!doctype html><html lang="en"><body style="font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#242424;max-width:560px;margin:0 auto;padding:24px">
<h1 style="font-size:20px">${escapeHtml(input.heading)}</h1>
${input.paragraphs.map((p) => `<p style="font-size:15px;line-height:1.5">${escapeHtml(p)}</p>`).join('\n')}
${
  input.action
    ? `<p><a href="${escapeHtml(input.action.url)}" style="display:inline-block;background:#0f6cbd;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">${escapeHtml(input.action.label)}</a></p>`
    : ''
}
<p style="font-size:12px;color:#616161">${escapeHtml(input.footer)}</p>
</body></html>`;
  return { text, html };
}
