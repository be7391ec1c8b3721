import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import supertest from 'supertest';
import { createOutlookWebRouter, OFFICE_JS_CDN, OFFICE_JS_PATH } from '../src/modules/outlook/web.js';
import { startTestApp, type TestApp } from './support/start-test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());

const csp = (res: supertest.Response) => String(res.headers['content-security-policy']);
const directive = (res: supertest.Response, name: string) =>
  csp(res)
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `)) ?? '';

describe('the Outlook task pane on the web server', () => {
  test('when Outlook frames /addin/, then the Outlook hosts are allowed there only and X-Frame-Options is gone', async () => {
    const pane = await app.http.get('/addin/office-js/office.js');
    expect(directive(pane, 'frame-ancestors')).toContain('https://outlook.office.com');
    expect(directive(pane, 'frame-ancestors')).toContain('https://outlook.office365.com');
    expect(pane.headers['x-frame-options']).toBeUndefined();
    const api = await app.http.get('/api/v1/auth-config');
    expect(directive(api, 'frame-ancestors')).toBe("frame-ancestors 'self'");
    expect(api.headers['x-frame-options']).toBe('SAMEORIGIN');
    // embedded mode: no outside script or connection sources
    expect(directive(api, 'script-src')).toBe("script-src 'self'");
    expect(directive(api, 'connect-src')).toBe("connect-src 'self'");
  });

  test('when embedded, then Office.js and its host scripts come from the installed package', async () => {
    const res = await app.http.get(OFFICE_JS_PATH);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.text).toContain('Office');
    expect((await app.http.get('/addin/office-js/outlook-web-16.01.js')).status).toBe(200);
    expect((await app.http.get('/addin/office-js/no-such-file.js')).status).toBe(404);
  });

  test('when in production, then the task pane pages name the Office CDN and nothing is served from the package', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'confer-addin-dist-'));
    const page = (title: string) =>
      `<!doctype html><title>${title}</title><script src="${OFFICE_JS_PATH}"></script><script type="module" src="/addin/assets/x.js"></script>`;
    writeFileSync(join(dist, 'taskpane.html'), page('pane'));
    writeFileSync(join(dist, 'auth-dialog.html'), page('dialog'));
    const web = express();
    web.use(createOutlookWebRouter({ mode: 'production' }, { addinDist: dist }));
    const http = supertest(web);
    for (const name of ['taskpane.html', 'auth-dialog.html']) {
      const res = await http.get(`/addin/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain(`<script src="${OFFICE_JS_CDN}"></script>`);
      expect(res.text).not.toContain(OFFICE_JS_PATH);
    }
    expect((await http.get(OFFICE_JS_PATH)).status).toBe(404);

    const embedded = express();
    embedded.use(createOutlookWebRouter({ mode: 'embedded' }, { addinDist: dist, officeJsDist: null }));
    const local = await supertest(embedded).get('/addin/taskpane.html');
    expect(local.text).toContain(`<script src="${OFFICE_JS_PATH}"></script>`);
    expect((await supertest(embedded).get(OFFICE_JS_PATH)).status).toBe(404);
  });
});
