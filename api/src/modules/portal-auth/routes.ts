import { Router } from 'express';
import { z } from 'zod';
import { parseInput, requestMeta } from '../../http/define-route.js';
import { clearSessionCookie, contactContextOf, requireContactSession, sessionCookie } from './session-middleware.js';
import * as service from './service.js';
import { getContact } from '../contacts/repository.js';
import { getFirm } from '../firms/repository.js';

const ZOpen = z.object({ token: z.string().min(20).max(200) }).strict();
const ZVerify = z
  .object({ attemptToken: z.string().min(20).max(200), code: z.string().regex(/^\d{6}$/, 'must be 6 digits') })
  .strict();
const ZResend = z.object({ attemptToken: z.string().min(20).max(200) }).strict();
const ZRequestLink = z
  .object({ email: z.email('must be an email address').max(254), conversationId: z.uuid().optional() })
  .strict();
const ZSwitch = z.object({ firmId: z.uuid() }).strict();

/**
 * Portal sign-in: open a link, enter the emailed code, ask for a new link, switch firm,
 * sign out. Mounted under /api/portal/v1/auth after the same-origin check.
 */
export function createPortalAuthRouter(deps: service.TPortalDeps): Router {
  const router = Router();
  const grantBody = (grant: service.TSessionGrant) => ({
    csrfToken: grant.csrfToken,
    conversationId: grant.conversationId,
  });
  const maxAge = (grant: service.TSessionGrant) => (grant.expiresAt.getTime() - deps.clock.now().getTime()) / 1000;

  router.post('/open', async (req, res) => {
    const body = parseInput(ZOpen, req.body, 'body');
    const result = await service.openLink(deps, body.token, requestMeta(req, res));
    res.set('Cache-Control', 'no-store');
    if (result.state === 'signed_in') {
      res.setHeader('Set-Cookie', sessionCookie(result.grant.sessionToken, maxAge(result.grant)));
      res.json({
        state: 'signed_in',
        firmName: result.firmName,
        contactName: result.contactName,
        firstTime: result.firstTime,
        ...grantBody(result.grant),
      });
      return;
    }
    res.json(result);
  });

  router.post('/verify', async (req, res) => {
    const body = parseInput(ZVerify, req.body, 'body');
    const grant = await service.verifyCode(deps, body.attemptToken, body.code, requestMeta(req, res));
    res.set('Cache-Control', 'no-store');
    res.setHeader('Set-Cookie', sessionCookie(grant.sessionToken, maxAge(grant)));
    res.json(grantBody(grant));
  });

  router.post('/resend', async (req, res) => {
    const body = parseInput(ZResend, req.body, 'body');
    await service.resendCode(deps, body.attemptToken);
    res.status(204).end();
  });

  /** Always the same answer, at once; the work happens after the response. */
  router.post('/request-link', (req, res) => {
    const body = parseInput(ZRequestLink, req.body, 'body');
    const meta = requestMeta(req, res);
    res.status(202).json({
      message: 'If this email belongs to a client of a firm using Confer, a new secure link is on its way.',
    });
    setImmediate(() => {
      service.requestNewLink(deps, body.email, meta, body.conversationId).catch(() => {
        // recorded in the audit log where possible; the answer never depends on it
      });
    });
  });

  const session = Router();
  session.use(requireContactSession(deps));
  session.get('/session', async (_req, res) => {
    const ctx = contactContextOf(res);
    const [contact, firm, otherFirms] = await Promise.all([
      getContact(deps.db, ctx.firmId, ctx.contactId),
      getFirm(deps.db, ctx.firmId),
      service.listOtherFirms(deps, ctx.firmId, ctx.contactId),
    ]);
    res.set('Cache-Control', 'no-store').json({
      contact: { id: contact!.id, name: contact!.name, kind: contact!.kind },
      firm: { id: firm!.id, name: firm!.name },
      csrfToken: ctx.csrfToken,
      scopeConversationId: ctx.scopeConversationId,
      otherFirms,
    });
  });
  session.post('/sign-out', async (req, res) => {
    await service.signOut(deps, contactContextOf(res), requestMeta(req, res));
    res.setHeader('Set-Cookie', clearSessionCookie());
    res.status(204).end();
  });
  session.post('/switch', async (req, res) => {
    const body = parseInput(ZSwitch, req.body, 'body');
    res.json(await service.switchFirm(deps, contactContextOf(res), body.firmId, requestMeta(req, res)));
  });
  router.use(session);
  return router;
}
