const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type Row = { firmName: string; name: string; email: string; role: string };

/** Server-rendered, script-free: each button posts the form that mints a token. */
export function renderDevSignInPage(staff: Row[], returnPath: string): string {
  const byFirm = new Map<string, Row[]>();
  for (const row of staff) byFirm.set(row.firmName, [...(byFirm.get(row.firmName) ?? []), row]);
  const sections = [...byFirm.entries()]
    .map(
      ([firm, rows]) =>
        `<section><h2>${escapeHtml(firm)}</h2><ul>${rows
          .map(
            (r) => `<li><form method="post" action="/dev/sign-in">
<input type="hidden" name="email" value="${escapeHtml(r.email)}">
<input type="hidden" name="return" value="${escapeHtml(returnPath)}">
<button type="submit">Sign in as ${escapeHtml(r.name)}</button>
<span>${escapeHtml(r.email)} · ${escapeHtml(r.role)}</span></form></li>`,
          )
          .join('')}</ul></section>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Confer · development sign-in</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#242424}
h1{font-size:1.4rem}h2{font-size:1.05rem;margin-top:1.5rem}ul{list-style:none;padding:0}
li{margin:.5rem 0}form{display:flex;gap:.75rem;align-items:center;flex-wrap:wrap}
button{font:inherit;padding:.45rem .9rem;border-radius:4px;border:1px solid #0f6cbd;background:#0f6cbd;color:#fff;cursor:pointer}
button:focus-visible{outline:2px solid #000;outline-offset:2px}span{color:#616161;font-size:.9rem}
.note{background:#fff4ce;padding:.75rem;border-radius:4px}
</style></head><body><main>
<h1>Confer development sign-in</h1>
<p class="note">Embedded mode only. In production staff sign in with Microsoft Entra ID.</p>
${sections || '<p>No staff yet.</p>'}
</main></body></html>`;
}
