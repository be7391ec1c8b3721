import type { Request, Response } from 'express';
import type { RequestMeta, RouteTable } from '../../http/define-route.js';
import { getContact } from '../contacts/repository.js';
import { getFirm } from '../firms/repository.js';
import type { TConfig } from '../../config.js';
import {
  ZOpenLink,
  ZOpenLinkResult,
  ZPortalSession,
  ZRequestLink,
  ZRequestLinkAnswer,
  ZResendCode,
  ZSignInGrant,
  ZSwitchFirm,
  ZSwitchFirmResult,
  ZVerifyCode,
} from './schemas.js';
import { clearSessionCookie } from './session-middleware.js';
import { setPortalSession } from './set-portal-session.js';
import * as service from './service.js';

const tags = ['portal sign-in'];

/**
 * Portal sign-in: open a link, enter the emailed code, ask for a new link (`signIn`, no session
 * needed); read the session, switch firm, sign out (`session`, behind requireContactSession).
 * Both tables are mounted under /api/portal/v1/auth after the same-origin check.
 */
export function addPortalAuthRoutes(
  signIn: RouteTable<null>,
  session: RouteTable<service.TContactContext>,
  deps: service.TPortalDeps & { uploads: TConfig['uploads'] },
): void {
  const grantBody = (grant: service.TSessionGrant) => ({
    csrfToken: grant.csrfToken,
    conversationId: grant.conversationId,
  });
  const setSession = (req: Request, res: Response, grant: service.TSessionGrant, meta: RequestMeta) =>
    setPortalSession(deps, req, res, grant, meta);

  signIn.addRaw(
    {
      method: 'post',
      path: '/open',
      summary: 'Open a secure link: signs in at once (cookie set), asks for a passkey, or emails a 6-digit code',
      tags,
      body: ZOpenLink,
      response: ZOpenLinkResult,
    },
    async ({ req, res, body, meta }) => {
      const result = await service.openLink(deps, body.token, meta, { sendCode: body.sendCode });
      res.set('Cache-Control', 'no-store');
      if (result.state !== 'signed_in') return result;
      await setSession(req, res, result.grant, meta);
      const { firmName, contactName, firstTime } = result;
      return { state: 'signed_in' as const, firmName, contactName, firstTime, ...grantBody(result.grant) };
    },
  );

  signIn.addRaw(
    {
      method: 'post',
      path: '/verify',
      summary: 'Enter the emailed code: opens a session (cookie set)',
      tags,
      body: ZVerifyCode,
      response: ZSignInGrant,
    },
    async ({ req, res, body, meta }) => {
      const grant = await service.verifyCode(deps, body.attemptToken, body.code, meta);
      await setSession(req, res, grant, meta);
      return grantBody(grant);
    },
  );

  signIn.add({
    method: 'post',
    path: '/resend',
    summary: 'Email a new code for a sign-in attempt',
    tags,
    body: ZResendCode,
    status: 204,
    handler: async ({ body }) => {
      await service.resendCode(deps, body.attemptToken);
    },
  });

  signIn.addRaw(
    {
      method: 'post',
      path: '/request-link',
      summary: 'Ask for a new secure link by email: always the same answer, at once',
      tags,
      body: ZRequestLink,
      response: ZRequestLinkAnswer,
      status: 202,
    },
    async ({ res, body, meta }) => {
      res.status(202).json({
        message: 'If this email belongs to a client of a firm using Confer, a new secure link is on its way.',
      });
      // the work happens after the response, so its time tells nothing
      setImmediate(() => {
        service.requestNewLink(deps, body.email, meta, body.conversationId).catch(() => {
          // recorded in the audit log where possible; the answer never depends on it
        });
      });
    },
  );

  session.addRaw(
    {
      method: 'get',
      path: '/session',
      summary: 'The signed-in contact, their firm, the CSRF token, other firms and upload limits',
      tags,
      response: ZPortalSession,
    },
    async ({ res, ctx }) => {
      const [contact, firm, otherFirms] = await Promise.all([
        getContact(deps.db, ctx.firmId, ctx.contactId),
        getFirm(deps.db, ctx.firmId),
        service.listOtherFirms(deps, ctx.firmId, ctx.contactId),
      ]);
      res.set('Cache-Control', 'no-store');
      return {
        contact: { id: contact!.id, name: contact!.name, kind: contact!.kind },
        firm: { id: firm!.id, name: firm!.name },
        csrfToken: ctx.csrfToken,
        scopeConversationId: ctx.scopeConversationId,
        otherFirms,
        uploads: { maxBytes: deps.uploads.maxBytes, maxFiles: deps.uploads.maxFiles },
      };
    },
  );

  session.addRaw(
    { method: 'post', path: '/sign-out', summary: 'End this session (cookie cleared)', tags, status: 204 },
    async ({ res, ctx, meta }) => {
      await service.signOut(deps, ctx, meta);
      res.setHeader('Set-Cookie', clearSessionCookie());
    },
  );

  session.add({
    method: 'post',
    path: '/switch',
    summary: 'Sign in at another firm the same email is a client of: a code is emailed',
    tags,
    body: ZSwitchFirm,
    response: ZSwitchFirmResult,
    handler: ({ ctx, body, meta }) => service.switchFirm(deps, ctx, body.firmId, meta),
  });
}
