import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import type { TConfig } from '../../config.js';

/**
 * What the Outlook task pane needs from the web server:
 *
 * - Office.js. The pages (`addin/taskpane.html`, `addin/auth-dialog.html`) reference
 *   `/addin/office-js/office.js`. In embedded mode that folder is the `@microsoft/office-js`
 *   package's `dist` (served here, so nothing is downloaded at run time or in tests). In
 *   production the pages are served with that reference rewritten to Microsoft's CDN, as the
 *   store requires: Office.js finds its other scripts next to its own URL, so the page must
 *   name the CDN itself (a redirect would not do). Only then does script-src list the CDN.
 * - Framing. Outlook on the web and the new Outlook show the task pane in an iframe, so
 *   /addin/ may be framed by the Outlook hosts (every other path stays `frame-ancestors 'self'`)
 *   and carries no X-Frame-Options.
 * - Sign-in. In production, MSAL talks to Entra (token endpoint, silent-renewal frame).
 */

export const OFFICE_JS_PATH = '/addin/office-js/office.js';
export const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_JS_CDN_ORIGIN = 'https://appsforoffice.microsoft.com';
const ENTRA_ORIGIN = 'https://login.microsoftonline.com';

/**
 * The hosts that embed add-in task panes: Outlook on the web (work/school and consumer), the
 * new Outlook on Windows and Mac (web-based), and the Microsoft 365 shells that host Outlook.
 */
export const OUTLOOK_FRAME_ANCESTORS = [
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook.live.com',
  'https://outlook.cloud.microsoft',
  'https://*.outlook.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.officeapps.live.com',
];

/** Pages whose Office.js reference becomes the CDN in production. */
const OFFICE_PAGES = ['taskpane.html', 'auth-dialog.html'];

const isAddinPath = (url: string | undefined) => url === '/addin' || Boolean(url?.startsWith('/addin/'));

/** Extra CSP sources for the add-in; spread into app.ts's helmet directives. */
export function outlookContentSecurity(config: Pick<TConfig, 'mode'>) {
  const production = config.mode === 'production';
  return {
    scriptSrc: production ? [OFFICE_JS_CDN_ORIGIN] : [],
    connectSrc: production ? [ENTRA_ORIGIN] : [],
    frameSrc: production ? [ENTRA_ORIGIN] : [],
    /** A helmet directive value: the Outlook hosts on /addin/ only. */
    frameAncestors: (req: IncomingMessage) => (isAddinPath(req.url) ? OUTLOOK_FRAME_ANCESTORS.join(' ') : ''),
  };
}

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The `dist` folder of the add-in's `@microsoft/office-js`, or null when it is not installed. */
function findOfficeJsDist(): string | null {
  try {
    const require = createRequire(join(repoRoot, 'addin', 'package.json'));
    const dist = join(dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
    return existsSync(join(dist, 'office.js')) ? dist : null;
  } catch {
    return null;
  }
}

/** Serves Office.js (embedded mode), the task pane pages with the right Office.js, and the framing headers. */
export function createOutlookWebRouter(
  config: Pick<TConfig, 'mode'>,
  options: { addinDist?: string; officeJsDist?: string | null } = {},
): Router {
  const router = Router();
  const addinDist = options.addinDist ?? join(repoRoot, 'addin', 'dist');
  const production = config.mode === 'production';

  router.use('/addin', (_req, res, next) => {
    res.removeHeader('X-Frame-Options'); // the CSP's frame-ancestors decides (see outlookContentSecurity)
    next();
  });

  // The pages that load Office.js: never cached (a new build must reach open task panes), and in
  // production naming the CDN's Office.js (read once there; embedded mode rereads after a rebuild).
  const pages = new Map<string, string>();
  for (const page of OFFICE_PAGES) {
    router.get(`/addin/${page}`, (_req, res, next) => {
      let html = pages.get(page);
      if (html === undefined) {
        const file = join(addinDist, page);
        if (!existsSync(file)) return next();
        html = readFileSync(file, 'utf8');
        if (production) {
          html = html.replaceAll(`src="${OFFICE_JS_PATH}"`, `src="${OFFICE_JS_CDN}"`);
          pages.set(page, html);
        }
      }
      res.set('Cache-Control', 'no-cache').type('html').send(html);
    });
  }

  const officeJsDist = production
    ? null
    : options.officeJsDist === undefined
      ? findOfficeJsDist()
      : options.officeJsDist;
  if (officeJsDist) {
    router.use('/addin/office-js', express.static(officeJsDist, { maxAge: '1d', index: false, fallthrough: false }));
  } else {
    router.use('/addin/office-js', (_req, res) => {
      res
        .status(404)
        .type('text')
        .send(
          production
            ? 'Office.js comes from the Office CDN in production'
            : 'Office.js is not installed: run npm install',
        );
    });
  }
  return router;
}
