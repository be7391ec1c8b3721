import type { RouteTable } from '../../http/define-route.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { ZSignInGrant } from '../portal-auth/schemas.js';
import type { TContactContext, TPortalDeps } from '../portal-auth/service.js';
import { setPortalSession } from '../portal-auth/set-portal-session.js';
import { ZContactIdParams } from '../contacts/schemas.js';
import {
  ZAddPasskey,
  ZContactPasskeyParams,
  ZPasskey,
  ZPasskeyIdParams,
  ZPasskeyList,
  ZPasskeyOptions,
  ZPasskeySignIn,
  ZPasskeySignInOptions,
} from './schemas.js';
import * as service from './service.js';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';

const tags = ['portal passkeys'];

/**
 * Passkeys in the portal: sign in with the secure link plus a passkey (`signIn`, no session
 * needed), and list, add and remove one's passkeys (`session`). Both under /api/portal/v1/auth.
 */
export function addPortalPasskeyRoutes(
  signIn: RouteTable<null>,
  session: RouteTable<TContactContext>,
  deps: TPortalDeps,
): void {
  signIn.addRaw(
    {
      method: 'post',
      path: '/passkey/options',
      summary: 'Start signing in with a passkey from a secure link: options for navigator.credentials.get()',
      tags,
      body: ZPasskeySignInOptions,
      response: ZPasskeyOptions,
    },
    async ({ res, body, meta }) => {
      res.set('Cache-Control', 'no-store');
      return service.beginSignIn(deps, body.token, meta);
    },
  );

  signIn.addRaw(
    {
      method: 'post',
      path: '/passkey',
      summary: 'Sign in with the secure link and a passkey: opens a session (cookie set), no code needed',
      tags,
      body: ZPasskeySignIn,
      response: ZSignInGrant,
    },
    async ({ req, res, body, meta }) => {
      const grant = await service.finishSignIn(deps, body.token, body.response as AuthenticationResponseJSON, meta);
      await setPortalSession(deps, req, res, grant, meta);
      return { csrfToken: grant.csrfToken, conversationId: grant.conversationId };
    },
  );

  session.add({
    method: 'get',
    path: '/passkeys',
    summary: "The signed-in contact's passkeys at this firm",
    tags,
    response: ZPasskeyList,
    handler: ({ ctx }) => service.listPasskeys(deps, ctx),
  });

  session.add({
    method: 'post',
    path: '/passkeys/options',
    summary: 'Start adding a passkey: options for navigator.credentials.create(), bound to this session',
    tags,
    response: ZPasskeyOptions,
    handler: ({ ctx }) => service.beginRegistration(deps, ctx),
  });

  session.add({
    method: 'post',
    path: '/passkeys',
    summary: "Add a passkey: the browser's answer to the options' challenge",
    tags,
    body: ZAddPasskey,
    response: ZPasskey,
    // 200, not a creating 201 with Idempotency-Key: the answer is bound to a single-use
    // challenge, so a retry of it is refused (400) and nothing is ever added twice
    handler: ({ ctx, body, meta }) =>
      service.finishRegistration(deps, ctx, body.response as RegistrationResponseJSON, meta),
  });

  session.add({
    method: 'delete',
    path: '/passkeys/:passkeyId',
    summary: 'Remove one of your passkeys: it no longer signs in',
    tags,
    params: ZPasskeyIdParams,
    status: 204,
    handler: async ({ ctx, params, meta }) => {
      await service.removeOwnPasskey(deps, ctx, params.passkeyId, meta);
    },
  });
}

/** Staff see a contact's passkeys and revoke one (which ends the contact's portal sessions). */
export function addContactPasskeyRoutes(routes: RouteTable<StaffContext>, deps: Pick<TPortalDeps, 'db' | 'clock'>) {
  const staffTags = ['contacts'];
  routes.add({
    method: 'get',
    path: '/contacts/:id/passkeys',
    summary: "A contact's portal passkeys",
    tags: staffTags,
    params: ZContactIdParams,
    response: ZPasskeyList,
    handler: ({ ctx, params }) => service.listContactPasskeys(deps.db, ctx, params.id),
  });
  routes.add({
    method: 'delete',
    path: '/contacts/:id/passkeys/:passkeyId',
    summary: "Revoke a contact's passkey: it no longer signs in, and the contact's portal sessions end",
    tags: staffTags,
    params: ZContactPasskeyParams,
    status: 204,
    handler: async ({ ctx, params, meta }) => {
      await service.revokeContactPasskey(deps, ctx, params.id, params.passkeyId, meta);
    },
  });
}
