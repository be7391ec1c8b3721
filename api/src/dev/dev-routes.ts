import { randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import { z } from 'zod';
import { isAdjustable, type Clock } from '../clock.js';
import type { TConfig } from '../config.js';
import type { Db } from '../db/connect.js';
import { AppError } from '../errors.js';
import { parseInput, requestMeta } from '../http/define-route.js';
import { recordAudit } from '../modules/audit/record-audit.js';
import { findStaffForDevSignIn, listStaffForDevSignIn } from './dev-repository.js';
import { signDevToken, type DevSigningKey } from './dev-signing-key.js';
import { renderDevSignInPage } from './render-dev-sign-in-page.js';

const ZTokenRequest = z.object({ email: z.email() }).strict();
const ZSignInForm = z.object({ email: z.email(), return: z.string().max(500).optional() }).strict();
const ZMoveClock = z.union([
  z.object({ at: z.iso.datetime({ offset: true }) }).strict(),
  z.object({ offsetMs: z.number().int().min(-1e12).max(1e12) }).strict(),
]);

/** Only same-origin relative paths: no open redirects. */
function safeReturnPath(value: string | undefined): string {
  if (value && /^\/(?![/\\])[\w\-./~%]*$/.test(value)) return value;
  return '/addin/';
}

/**
 * Embedded-mode helpers. `createApp` mounts them only when CONFER_MODE=embedded, so in
 * production every /dev path answers 404.
 */
export function createDevRouter(deps: { config: TConfig; db: Db; key: DevSigningKey; clock?: Clock }): Router {
  const router = Router();
  const { config, db, key, clock } = deps;

  async function mint(email: string, requestId: string, ip: string | undefined) {
    const row = await findStaffForDevSignIn(db, email);
    if (!row) throw new AppError('unknown_staff', 404, 'No active staff member has that email');
    let objectId = row.objectId;
    if (!objectId) objectId = randomUUID();
    const token = await signDevToken(
      key,
      { issuer: config.identity.issuerTemplate, audience: config.identity.audience },
      { tenantId: row.tenantId, objectId, name: row.name, email: row.email },
    );
    await recordAudit(db, {
      firmId: row.firmId,
      actorKind: 'staff',
      actorId: row.id,
      action: 'staff.sign_in',
      outcome: 'success',
      requestId,
      ip,
      details: { method: 'dev' },
    });
    return token;
  }

  router.get('/jwks.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json({ keys: [key.publicJwk] });
  });

  router.get('/sign-in', async (req, res) => {
    const staff = await listStaffForDevSignIn(db);
    res
      .type('html')
      .send(
        renderDevSignInPage(staff, safeReturnPath(typeof req.query.return === 'string' ? req.query.return : undefined)),
      );
  });

  router.post('/sign-in', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const form = parseInput(ZSignInForm, req.body, 'body');
    const meta = requestMeta(req, res);
    const token = await mint(form.email, meta.requestId, meta.ip);
    res.set('Cache-Control', 'no-store').redirect(303, `${safeReturnPath(form.return)}#token=${token}`);
  });

  router.post('/token', express.json({ limit: '4kb' }), async (req, res) => {
    const body = parseInput(ZTokenRequest, req.body, 'body');
    const meta = requestMeta(req, res);
    res.set('Cache-Control', 'no-store').json({ token: await mint(body.email, meta.requestId, meta.ip) });
  });

  if (clock && isAdjustable(clock)) {
    // The app's clock (code, link and session expiry; email delays): read it, or move it to an
    // instant (`at`) or by an offset from the system time (`offsetMs`; 0 puts it back).
    const state = () => ({ now: clock.now().toISOString(), offsetMs: clock.offsetMs() });
    router.get('/clock', (_req, res) => {
      res.set('Cache-Control', 'no-store').json(state());
    });
    router.put('/clock', express.json({ limit: '1kb' }), (req, res) => {
      const body = parseInput(ZMoveClock, req.body, 'body');
      clock.setOffset('at' in body ? Date.parse(body.at) - Date.now() : body.offsetMs);
      res.set('Cache-Control', 'no-store').json(state());
    });
  }

  return router;
}
