import supertest from 'supertest';
import type { TestApp } from './start-test-app.js';

export type PortalSession = {
  cookie: string;
  csrfToken: string;
  /** A supertest agent-like helper that sends the cookie, Origin and CSRF header. */
  get(path: string): supertest.Test;
  post(path: string, body?: object): supertest.Test;
  patch(path: string, body?: object): supertest.Test;
  delete(path: string): supertest.Test;
};

export const originOf = (app: TestApp) => new URL(app.config.publicBaseUrl).origin;

/** The newest outbox email of a kind to an address. */
export async function latestEmail(app: TestApp, to: string, kind: 'secure_link' | 'sign_in_code') {
  const mail = (await app.outbox()).find((m) => m.to === to && m.kind === kind);
  if (!mail) throw new Error(`no ${kind} email to ${to}`);
  return mail;
}

export const linkTokenIn = (text: string) => /#link=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';
export const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1] ?? '';

export function sessionFrom(app: TestApp, setCookie: string[] | string | undefined, csrfToken: string): PortalSession {
  const header = (Array.isArray(setCookie) ? setCookie : [setCookie ?? '']).find((c) =>
    c.startsWith('__Host-confer_session='),
  );
  const cookie = (header ?? '').split(';')[0]!;
  const origin = originOf(app);
  return {
    cookie,
    csrfToken,
    get: (path) => app.http.get(`/api/portal/v1${path}`).set('Cookie', cookie),
    post: (path, body) =>
      app.http
        .post(`/api/portal/v1${path}`)
        .set({ Cookie: cookie, Origin: origin, 'X-CSRF-Token': csrfToken })
        .send(body),
    patch: (path, body) =>
      app.http
        .patch(`/api/portal/v1${path}`)
        .set({ Cookie: cookie, Origin: origin, 'X-CSRF-Token': csrfToken })
        .send(body),
    delete: (path) =>
      app.http.delete(`/api/portal/v1${path}`).set({ Cookie: cookie, Origin: origin, 'X-CSRF-Token': csrfToken }),
  };
}

export const openLink = (app: TestApp, token: string) =>
  app.http.post('/api/portal/v1/auth/open').set('Origin', originOf(app)).send({ token });

export const verifyCode = (app: TestApp, attemptToken: string, code: string) =>
  app.http.post('/api/portal/v1/auth/verify').set('Origin', originOf(app)).send({ attemptToken, code });

/** The whole sign-in: the contact's newest link email, open it, the emailed code, verify. */
export async function signInContact(app: TestApp, email: string): Promise<PortalSession> {
  const link = await latestEmail(app, email, 'secure_link');
  const opened = await openLink(app, linkTokenIn(link.text!));
  if (opened.body.state === 'signed_in') return sessionFrom(app, opened.headers['set-cookie'], opened.body.csrfToken);
  const code = codeIn((await latestEmail(app, email, 'sign_in_code')).subject!);
  const verified = await verifyCode(app, opened.body.attemptToken, code);
  if (verified.status !== 200) throw new Error(`verify failed: ${verified.status} ${JSON.stringify(verified.body)}`);
  return sessionFrom(app, verified.headers['set-cookie'], verified.body.csrfToken);
}
