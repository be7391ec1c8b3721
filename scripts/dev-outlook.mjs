#!/usr/bin/env node
// `npm run dev:outlook`: Confer for sideloading into Outlook. Office loads add-ins only over
// https, so this puts a small https front on https://localhost:3000 that passes every request
// (server-sent events included) to `npm start` running on a loopback port behind it, with
// PUBLIC_BASE_URL set to the https address so emailed links and the portal's same-origin
// check use it.
//
// Certificates: office-addin-dev-certs' localhost certificate (created on first use, with its
// CA added to the trusted roots: that step may ask for your password), or your own with
// HTTPS_CERT_FILE and HTTPS_KEY_FILE. PORT moves the https front (default 3000); the API then
// listens on PORT+1 (or CONFER_INTERNAL_PORT). For another port, render a matching manifest:
// `node scripts/render-manifest.mjs https://localhost:PORT --out manifest.local.xml`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const publicPort = Number(process.env.PORT ?? 3000);
const internalPort = Number(process.env.CONFER_INTERNAL_PORT ?? publicPort + 1);
const publicBaseUrl = `https://localhost:${publicPort}`;

async function loadCertificates() {
  const { HTTPS_CERT_FILE: certFile, HTTPS_KEY_FILE: keyFile } = process.env;
  if (certFile || keyFile) {
    if (!certFile || !keyFile) throw new Error('Set both HTTPS_CERT_FILE and HTTPS_KEY_FILE');
    return { cert: readFileSync(certFile), key: readFileSync(keyFile) };
  }
  const devCerts = await import('office-addin-dev-certs');
  const { cert, key } = await (devCerts.getHttpsServerOptions ?? devCerts.default.getHttpsServerOptions)();
  return { cert, key };
}

let tls;
try {
  tls = await loadCertificates();
} catch (error) {
  console.error(`Could not get an https certificate for localhost: ${error instanceof Error ? error.message : error}`);
  console.error('Run `npx office-addin-dev-certs install`, or set HTTPS_CERT_FILE and HTTPS_KEY_FILE.');
  process.exit(1);
}

const api = spawn(process.execPath, [join(root, 'scripts', 'start.mjs')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PORT: String(internalPort), PUBLIC_BASE_URL: publicBaseUrl },
});

const front = https.createServer(tls, (req, res) => {
  const upstream = http.request(
    {
      host: '127.0.0.1',
      port: internalPort,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, 'x-forwarded-proto': 'https', 'x-forwarded-host': req.headers.host ?? '' },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('Confer is not running yet (or has stopped): wait for it to start, then reload.');
  });
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
});

front.listen(publicPort, '127.0.0.1', () => {
  console.log(
    [
      '',
      `Outlook development front: ${publicBaseUrl} → http://127.0.0.1:${internalPort}`,
      `  Task pane:  ${publicBaseUrl}/addin/taskpane.html`,
      `  Manifest:   ${join(root, 'manifest.xml')}${publicPort === 3000 ? '' : ' (made for port 3000: render one for this port)'}`,
      '  Sideload it in Outlook: see "Outlook add-in" in README.md.',
      '',
    ].join('\n'),
  );
});
front.on('error', (error) => {
  console.error(`The https front could not listen on port ${publicPort}: ${error.message}`);
  api.kill('SIGTERM');
  process.exit(1);
});

let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  front.close();
  api.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
api.on('exit', (code) => {
  front.close();
  process.exit(stopping ? 0 : (code ?? 1));
});
