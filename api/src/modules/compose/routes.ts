import type { RouteTable } from '../../http/define-route.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import { ZRewriteRequest, ZRewriteSuggestion } from './schemas.js';
import { suggestRewrite, type TComposeDeps } from './service.js';

export function addComposeRoutes(routes: RouteTable<StaffContext>, deps: TComposeDeps): void {
  routes.add({
    method: 'post',
    path: '/compose/rewrite',
    summary:
      'Tone help: a rewrite of a draft (clearer, more formal, shorter, plain English) for the author to accept or edit; ' +
      'nothing is sent or stored. 404 feature_disabled when Azure OpenAI is not configured; 429 over 20 a minute.',
    tags: ['compose'],
    body: ZRewriteRequest,
    response: ZRewriteSuggestion,
    handler: ({ ctx, body }) => suggestRewrite(deps, ctx, body),
  });
}
