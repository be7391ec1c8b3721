import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import express, { Router, type Express } from 'express';
import helmet from 'helmet';
import type { TConfig } from './config.js';
import type { Db } from './db/connect.js';
import type { DevSigningKey } from './dev/dev-signing-key.js';
import { createDevRouter } from './dev/dev-routes.js';
import { RouteTable } from './http/define-route.js';
import { apiNotFound, createErrorHandler } from './http/error-handler.js';
import { assignRequestId, createAccessLog } from './http/request-context.js';
import { serveWebApps } from './http/serve-web-apps.js';
import { staffContextOf } from './integrations/identity/staff-context.js';
import { createStaffAuthenticator } from './integrations/identity/verify-staff-token.js';
import { createStaffIdentityCache } from './integrations/identity/staff-identity-cache.js';
import type { BlobStore } from './integrations/blob-storage/blob-store.js';
import type { Logger } from './logger.js';
import { addContactRoutes } from './modules/contacts/routes.js';
import { addPortalDeviceRoutes } from './modules/portal-devices/routes.js';
import { addConversationRoutes } from './modules/conversations/routes.js';
import { addMessageRoutes } from './modules/messages/routes.js';
import { addAcknowledgementRoutes } from './modules/acknowledgements/routes.js';
import type { TTextMessage } from './modules/messages/service.js';
import { addInboxRoutes } from './modules/inbox/routes.js';
import { addSearchRoutes } from './modules/search/routes.js';
import { addOutlookRoutes } from './modules/outlook/routes.js';
import { createOutlookWebRouter, outlookContentSecurity } from './modules/outlook/web.js';
import { addFileRoutes } from './modules/files/routes.js';
import { addPortalRecordRoutes, addRecordRoutes } from './modules/record/routes.js';
import { type Clock, systemClock } from './clock.js';
import { createRefusalTally, type RefusalTally } from './modules/audit/tally-refusals.js';
import { createOutboxRouter } from './dev/outbox-routes.js';
import { createPhoneRouter } from './dev/phone-routes.js';
import { loadOrCreateWebhookSecret } from './integrations/secrets/webhook-secret.js';
import type { JobQueue } from './jobs/job-queue.js';
import { addFirmSettingsRoutes } from './modules/firms/routes.js';
import { addQuickReplyRoutes } from './modules/sms/quick-reply-routes.js';
import { addSmsRoutes } from './modules/sms/routes.js';
import { textMessage } from './modules/sms/service.js';
import { createWebhookRouter } from './modules/webhooks/routes.js';
import { createNotifier } from './modules/notifications/notifier.js';
import { addPortalRoutes } from './modules/portal/routes.js';
import { addNotificationChoiceRoutes } from './modules/notification-choices/routes.js';
import { addPortalAuthRoutes } from './modules/portal-auth/routes.js';
import { addContactPasskeyRoutes, addPortalPasskeyRoutes } from './modules/passkeys/routes.js';
import { findSessionEnd, inviteContacts } from './modules/portal-auth/service.js';
import {
  contactContextOf,
  requireContactSession,
  requireSameOrigin,
  sessionCookieName,
} from './modules/portal-auth/session-middleware.js';
import { createEventStreamHandler } from './realtime/events-routes.js';
import { createHealthRouter } from './modules/health/routes.js';
import { addMatterRoutes } from './modules/matters/routes.js';
import { addEventRoutes } from './modules/events/routes.js';
import { addFormRoutes } from './modules/forms/routes.js';
import { addInvoiceRoutes } from './modules/invoices/routes.js';
import { addPortalExtrasRoutes } from './modules/portal/extras-routes.js';
import { addStaffRoutes } from './modules/staff/routes.js';
import { addComposeRoutes } from './modules/compose/routes.js';
import { rewritesPerMinute } from './modules/compose/service.js';
import { createAzureOpenAiRewriter } from './integrations/azure-openai/azure-openai-rewriter.js';
import { countRecentUses } from './shared/count-recent-uses.js';
import type { EventHub } from './realtime/event-hub.js';
import { addStaffEventStreamRoute } from './realtime/events-routes.js';

export type AppDeps = {
  config: TConfig;
  db: Db;
  blobs: BlobStore;
  logger: Logger;
  /** Embedded mode only: the key behind /dev/sign-in and /dev/jwks.json. */
  devKey?: DevSigningKey;
  /** Real-time fan-out to the SSE streams; started before, stopped (first) by the caller. */
  events: EventHub;
  /** Seals outgoing email and SMS content at rest (config.sealKey, or embedded mode's key file). */
  sealKey: Buffer;
  /** Time for expiry rules; the system clock unless a test controls it. */
  clock?: Clock;
  /** pg-boss: emails and texts are enqueued with their outbox rows (see jobs/). Without it nothing is sent. */
  jobs?: JobQueue;
  /** What ACS webhook deliveries must carry: ACS_WEBHOOK_SECRET, else (embedded mode) the data dir's. */
  webhookSecret?: string;
  /**
   * Where refused staff tokens are counted for the audit log (per source, reason and minute).
   * The server passes its own and drains it when it stops; without one, the app makes one
   * that writes each minute's counts when the minute closes.
   */
  refusals?: RefusalTally;
};

/** Builds the Express app. No listening, no globals: tests and the server both call this. */
export function createApp(deps: AppDeps): Express {
  return buildApp(deps).app;
}

export type TApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/**
 * The app and the OpenAPI 3.1 document its routes describe (what `/api/v1/openapi.json`
 * answers): `api/scripts/generate-api-types.ts` generates the clients' types from it.
 */
export function buildApp(deps: AppDeps): { app: Express; apiDocument: () => TApiDocument } {
  const { config, db, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const notifier = createNotifier(deps.sealKey, deps.jobs);
  const portalDeps = { db, config, clock, notifier };
  const smsDeps = { db, config, clock, notifier };
  const webhookSecret =
    deps.webhookSecret ??
    config.acs.webhookSecret ??
    (config.mode === 'embedded' ? loadOrCreateWebhookSecret(config.dataDir) : undefined);
  if (!webhookSecret) throw new Error('ACS_WEBHOOK_SECRET is required in production');
  const invite = (tx: Db, firmId: string, conversationId: string, contactIds: string[]) =>
    inviteContacts(portalDeps, tx, firmId, conversationId, contactIds);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');

  app.use(assignRequestId);
  app.use(createAccessLog(logger));
  const outlook = outlookContentSecurity(config);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'", ...outlook.scriptSrc],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'", ...outlook.connectSrc],
          // blob: the apps' file viewers show and print PDFs fetched with the staff token or session.
          'frame-src': ["'self'", 'blob:', ...outlook.frameSrc],
          'frame-ancestors': ["'self'", outlook.frameAncestors],
          'form-action': ["'self'"],
          'object-src': ["'none'"],
          'base-uri': ["'self'"],
          ...(config.mode === 'embedded' ? { 'upgrade-insecure-requests': null } : {}),
        },
      },
      hsts: config.mode === 'production',
    }),
  );

  app.use(createHealthRouter(deps));

  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });

  const publicApi = Router();
  publicApi.get('/auth-config', (_req, res) => {
    res.json({
      mode: config.mode,
      devSignInUrl: config.mode === 'embedded' ? '/dev/sign-in' : null,
      entra:
        config.mode === 'production' && config.identity.clientId
          ? { clientId: config.identity.clientId, audience: config.identity.audience }
          : null,
    });
  });
  const apiDocument = (): TApiDocument =>
    new OpenApiGeneratorV31(registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: { title: 'Confer API', version: '1' },
      servers: [{ url: config.publicBaseUrl }],
    });
  publicApi.get('/openapi.json', (_req, res) => {
    res.json(apiDocument());
  });

  // who a token belongs to, remembered briefly; forgotten on every instance when access changes
  const identities = createStaffIdentityCache();
  deps.events.onStaffChanged((notice) => identities.forget(notice?.staffId));
  const staffApi = Router();
  staffApi.use(express.json({ limit: '256kb', strict: true }));
  const refusals = deps.refusals ?? createRefusalTally({ db, clock, logger });
  staffApi.use(createStaffAuthenticator({ config, db, identities, refusals }));
  addStaffEventStreamRoute(staffApi, registry, { db, hub: deps.events }); // SSE, not a RouteTable (JSON) route
  const routes = new RouteTable(staffApi, registry, '/api/v1', staffContextOf, {
    db,
    scopeOf: (ctx) => ({ firmId: ctx.firmId, actor: `staff:${ctx.staffId}` }),
  });
  const rewriter = config.azureOpenAi ? createAzureOpenAiRewriter(config.azureOpenAi, logger) : undefined;
  addStaffRoutes(routes, db, config.uploads, {
    onAccessChanged: (staffId) => identities.forget(staffId),
    features: { rewrite: rewriter !== undefined },
  });
  addMatterRoutes(routes, db);
  addEventRoutes(routes, portalDeps);
  addFormRoutes(routes, portalDeps);
  addInvoiceRoutes(routes, portalDeps);
  addContactRoutes(routes, db);
  addContactPasskeyRoutes(routes, { db, clock });
  addPortalDeviceRoutes(routes, { db, clock });
  addConversationRoutes(routes, { db, invite });
  const textMessageToContacts: TTextMessage = async (tx, input) => {
    await textMessage(smsDeps, tx, input);
  };
  addMessageRoutes(routes, db, { textMessage: textMessageToContacts, clock, jobs: deps.jobs });
  addAcknowledgementRoutes(routes, { db, clock });
  addSmsRoutes(routes, smsDeps);
  addFirmSettingsRoutes(routes, { db, config });
  addSearchRoutes(routes, db);
  addInboxRoutes(routes, db);
  addOutlookRoutes(routes, db);
  addFileRoutes(routes, {
    db,
    blobs: deps.blobs,
    jobs: deps.jobs,
    uploads: config.uploads,
    textMessage: textMessageToContacts,
  });
  addRecordRoutes(routes, { db, blobs: deps.blobs, clock });
  addComposeRoutes(routes, { rewriter, uses: countRecentUses({ limit: rewritesPerMinute, windowMs: 60_000, clock }) });

  registry.registerComponent('securitySchemes', 'portalSession', {
    type: 'apiKey',
    in: 'cookie',
    name: sessionCookieName,
  });
  const portalApi = Router();
  portalApi.use(express.json({ limit: '64kb', strict: true }));
  portalApi.use(requireSameOrigin(config));
  const portalAuth = Router();
  const portalAuthSession = Router();
  portalAuthSession.use(requireContactSession(portalDeps));
  const portalSignInRoutes = new RouteTable(portalAuth, registry, '/api/portal/v1/auth', () => null, {
    db,
    security: [],
  });
  const portalSessionRoutes = new RouteTable(portalAuthSession, registry, '/api/portal/v1/auth', contactContextOf, {
    db,
    security: [{ portalSession: [] }],
  });
  addPortalAuthRoutes(portalSignInRoutes, portalSessionRoutes, { ...portalDeps, uploads: config.uploads });
  addPortalPasskeyRoutes(portalSignInRoutes, portalSessionRoutes, portalDeps);
  portalAuth.use(portalAuthSession);
  portalApi.use('/auth', portalAuth);
  // a text's quick-reply link works without signing in (the token is the credential)
  addQuickReplyRoutes(new RouteTable(portalApi, registry, '/api/portal/v1', () => null, { db, security: [] }), {
    db,
    clock,
  });
  portalApi.use(requireContactSession(portalDeps));
  const portalEventStream = createEventStreamHandler({
    db,
    hub: deps.events,
    identityOf: (res) => {
      const ctx = contactContextOf(res);
      return {
        firmId: ctx.firmId,
        audience: 'contact',
        id: ctx.contactId,
        conversationId: ctx.scopeConversationId,
        sessionId: ctx.sessionId,
      };
    },
    sessionEnd: (res) => {
      const ctx = contactContextOf(res);
      return { at: ctx.endsAt, recheck: () => findSessionEnd(portalDeps, ctx.firmId, ctx.sessionId) };
    },
    clock,
  });
  portalApi.get('/events', portalEventStream);
  const portalRoutes = new RouteTable(portalApi, registry, '/api/portal/v1', contactContextOf, {
    db,
    security: [{ portalSession: [] }],
    scopeOf: (ctx) => ({ firmId: ctx.firmId, actor: `contact:${ctx.contactId}` }),
  });
  addPortalRoutes(portalRoutes, { db, blobs: deps.blobs, clock, jobs: deps.jobs, uploads: config.uploads });
  addPortalExtrasRoutes(portalRoutes, { db, blobs: deps.blobs, clock, config, uploads: config.uploads });
  addPortalRecordRoutes(portalRoutes, { db, blobs: deps.blobs, clock });
  addNotificationChoiceRoutes(portalRoutes, { db });

  app.use('/api/v1', publicApi);
  app.use(
    '/api/v1/webhooks',
    createWebhookRouter({ db, sealKey: deps.sealKey, jobs: deps.jobs, secret: webhookSecret }, registry),
  );
  app.use('/api/v1', staffApi);
  app.use('/api/portal/v1', portalApi);
  app.use('/api', apiNotFound);

  if (config.mode === 'embedded' && deps.devKey) {
    app.use('/dev', createDevRouter({ config, db, key: deps.devKey, clock }));
    app.use('/dev', createOutboxRouter({ db, notifier }));
    app.use('/dev', createPhoneRouter({ db, notifier, sealKey: deps.sealKey, webhookSecret }));
  }
  app.use(createOutlookWebRouter(config));
  serveWebApps(app);

  app.use(createErrorHandler(logger));
  return { app, apiDocument };
}
