import { Router } from 'express';
import type { Db } from '../db/connect.js';
import type { Notifier } from '../modules/notifications/notifier.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Embedded mode's outbox: /dev/outbox.json lists every email and text, newest first, for
 * scripts and browser tests; /dev/outbox shows the emails (texts: /dev/phone). Each email's HTML is shown in a
 * sandboxed frame (srcdoc), never inline in this page.
 */
export function createOutboxRouter(deps: { db: Db; notifier: Notifier }): Router {
  const router = Router();
  router.get('/outbox.json', async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ items: await deps.notifier.readOutbox(deps.db, 200) });
  });
  router.get('/outbox', async (_req, res) => {
    const items = await deps.notifier.readOutbox(deps.db, 100, { channel: 'email' });
    const rows = items
      .map(
        (m) => `<article><h2>${escapeHtml(m.subject ?? m.kind)}</h2>
<p class="meta">${escapeHtml(m.channel)} to <strong>${escapeHtml(m.to)}</strong> · ${escapeHtml(m.kind)} · ${escapeHtml(m.status)} · ${escapeHtml(m.createdAt)}</p>
${m.html ? `<iframe sandbox title="${escapeHtml(m.subject ?? 'email')}" srcdoc="${escapeHtml(m.html)}"></iframe>` : `<pre>${escapeHtml(m.text ?? '')}</pre>`}
</article>`,
      )
      .join('');
    res.type('html').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Confer outbox</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}article{border-bottom:1px solid #ddd;padding:1rem 0}
iframe{width:100%;height:22rem;border:1px solid #ccc}.meta{color:#555;font-size:.9rem}pre{white-space:pre-wrap}</style></head>
<body><main><h1>Outbox (embedded mode)</h1><p>Every email Confer sent, newest first. Texts: <a href="/dev/phone">phone simulator</a>. Both: <a href="/dev/outbox.json">JSON</a></p>${rows || '<p>Nothing sent yet.</p>'}</main></body></html>`);
  });
  return router;
}
