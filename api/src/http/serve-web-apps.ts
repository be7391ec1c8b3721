import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Serves the built staff app at /addin/ and the client portal at /portal/ from the same
 * origin as the API. Hashed assets are cached for a year; index.html never is.
 */
export function serveWebApps(app: Express): void {
  for (const name of ['addin', 'portal'] as const) {
    const dist = join(repoRoot, name, 'dist');
    const index = join(dist, 'index.html');
    app.use(
      `/${name}/assets`,
      express.static(join(dist, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
    );
    app.use(`/${name}`, express.static(dist, { index: false, maxAge: '1h' }));
    app.get([`/${name}`, `/${name}/`, `/${name}/*rest`], (_req, res) => {
      if (!existsSync(index)) {
        res.status(503).type('text').send(`The ${name} app is not built yet: run npm run build`);
        return;
      }
      res.set('Cache-Control', 'no-cache').sendFile(index);
    });
  }
  app.get('/', (_req, res) => res.redirect(302, '/addin/'));
  // Pages without an icon of their own (development pages, file previews) get the app's.
  const icon = join(repoRoot, 'addin', 'dist', 'assets', 'icon-32.png');
  app.get('/favicon.ico', (_req, res) => {
    if (existsSync(icon)) res.set('Cache-Control', 'public, max-age=86400').type('png').sendFile(icon);
    else res.status(404).end();
  });
}
