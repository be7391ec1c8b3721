import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { InvalidEventError } from './acs-events.js';
import { receiveAcsEvents, secretMatches, type TWebhookDeps } from './service.js';

/** The header Event Grid is set up to send (a static delivery property marked secret). */
export const webhookSecretHeader = 'x-confer-webhook-secret';

/**
 * POST /api/v1/webhooks/acs: Event Grid deliveries from ACS. Every request must carry the
 * webhook secret, in the `X-Confer-Webhook-Secret` header or as the `code` query parameter
 * (for subscriptions whose validation request carries no custom headers); without it: 401,
 * before the body is even parsed. Deliveries are stored and answered at once; a job applies
 * them.
 */
export function createWebhookRouter(deps: TWebhookDeps & { secret: string }, registry: OpenAPIRegistry): Router {
  const router = Router();
  const requireSecret: RequestHandler = (req, _res, next) => {
    const fromQuery = typeof req.query.code === 'string' ? req.query.code : undefined;
    if (!secretMatches(req.get(webhookSecretHeader) ?? fromQuery, deps.secret)) {
      throw new AppError('webhook_unauthorized', 401, 'This delivery does not carry the webhook secret');
    }
    next();
  };
  const json = express.json({
    limit: '1mb',
    strict: true,
    type: ['application/json', 'application/cloudevents+json', 'application/cloudevents-batch+json'],
  });
  router.options('/acs', requireSecret, (req, res) => {
    // CloudEvents' abuse-protection handshake
    res.set('WebHook-Allowed-Origin', req.get('webhook-request-origin') ?? '*');
    res.set('WebHook-Allowed-Rate', '*');
    res.status(200).end();
  });
  router.post('/acs', requireSecret, json, async (req, res) => {
    try {
      res.set('Cache-Control', 'no-store').json(await receiveAcsEvents(deps, req.body));
    } catch (error) {
      if (error instanceof InvalidEventError) {
        throw new AppError(
          'invalid_event',
          400,
          error.issues
            .map((i) => `${i.field}: ${i.message}`)
            .join('; ')
            .slice(0, 1000),
          { errors: error.issues.slice(0, 20).map((i) => ({ location: 'body', ...i })) },
        );
      }
      // Event Grid does not retry most 4xx answers: a failure to store what it sent must be a
      // 5xx (retried), whatever status the error carried
      if (error instanceof AppError && error.status >= 500) throw error;
      const cause = error as Error | undefined;
      throw new Error(`storing the delivery failed: ${cause?.name}: ${String(cause?.message).slice(0, 200)}`, {
        cause: error,
      });
    }
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/webhooks/acs',
    summary:
      'Event Grid deliveries from Azure Communication Services (SMSReceived, SMSDeliveryReportReceived); answers the SubscriptionValidationEvent handshake',
    tags: ['webhooks'],
    security: [],
    request: {
      headers: z.object({ 'x-confer-webhook-secret': z.string().optional() }),
      query: z.object({ code: z.string().optional() }),
      body: { content: { 'application/json': { schema: z.array(z.record(z.string(), z.unknown())) } } },
    },
    responses: {
      200: {
        description: 'Stored (or the validation response)',
        content: {
          'application/json': {
            schema: z.union([
              z.object({ validationResponse: z.string() }),
              z.object({ accepted: z.number().int(), duplicates: z.number().int(), ignored: z.number().int() }),
            ]),
          },
        },
      },
      400: { description: 'Not a valid delivery (never for a failure to store it: that is a 5xx, retried)' },
      401: { description: 'Missing or wrong webhook secret' },
    },
  });
  return router;
}
