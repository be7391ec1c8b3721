import { OpenAPIRegistry, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import type { Request, RequestHandler, Response, Router } from 'express';
import { z, type ZodType } from 'zod';
import { AppError } from '../errors.js';

extendZodWithOpenApi(z);

export type RequestMeta = {
  requestId: string;
  ip: string | undefined;
  /** The `Idempotency-Key` header, when sent: retries of a create carry the same key. */
  idempotencyKey: string | undefined;
};

const ZIdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, 'Idempotency-Key must be 1 to 200 visible ASCII characters');

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type RouteSpec<TCtx, P, Q, B, R> = {
  method: Method;
  /** Express-style path relative to the router, e.g. `/matters/:id`. */
  path: string;
  summary: string;
  tags: string[];
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  response?: ZodType<R>;
  /** 200 by default; 201 for creation, 204 for no content. */
  status?: number;
  handler: (input: { params: P; query: Q; body: B; ctx: TCtx; meta: RequestMeta }) => Promise<R>;
};

/**
 * Validates a value against a zod schema, turning failures into one 400 problem that names
 * every offending field, e.g. `body.title: Too small`.
 */
export function parseInput<T>(schema: ZodType<T>, value: unknown, location: string): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    location,
    field: issue.path.join('.') || '(root)',
    message: issue.message,
  }));
  const detail = errors.map((e) => `${e.location}.${e.field}: ${e.message}`).join('; ');
  throw new AppError('validation_failed', 400, detail, { errors });
}

export function requestMeta(req: Request, res: Response): RequestMeta {
  const key = req.get('idempotency-key');
  return {
    requestId: String(res.locals.requestId ?? ''),
    ip: req.ip,
    idempotencyKey: key === undefined ? undefined : parseInput(ZIdempotencyKey, key, 'headers'),
  };
}

/** A router plus the OpenAPI registry its routes describe themselves in. */
export class RouteTable<TCtx> {
  constructor(
    private readonly router: Router,
    private readonly registry: OpenAPIRegistry,
    private readonly openApiPrefix: string,
    private readonly contextOf: (res: Response) => TCtx,
    private readonly security: Array<Record<string, string[]>> = [{ bearerAuth: [] }],
  ) {}

  add<P = Record<string, never>, Q = Record<string, never>, B = undefined, R = unknown>(
    spec: RouteSpec<TCtx, P, Q, B, R>,
  ): void {
    this.describe(spec);
    const handler: RequestHandler = async (req, res) => {
      const params = spec.params ? parseInput(spec.params, req.params, 'params') : ({} as P);
      const query = spec.query ? parseInput(spec.query, req.query, 'query') : ({} as Q);
      let body = undefined as B;
      if (spec.body) {
        if (!req.is('application/json')) {
          throw new AppError(
            'unsupported_media_type',
            415,
            'The request body must be JSON with Content-Type: application/json',
          );
        }
        body = parseInput(spec.body, req.body, 'body');
      }
      const result = await spec.handler({
        params,
        query,
        body,
        ctx: this.contextOf(res),
        meta: requestMeta(req, res),
      });
      const status = spec.status ?? 200;
      if (status === 204 || result === undefined) {
        res.status(status === 200 ? 204 : status).end();
        return;
      }
      res.status(status).json(result);
    };
    this.router[spec.method](spec.path, handler);
  }

  /**
   * A route whose body is not JSON (multipart uploads, downloads): the handler gets the raw
   * request and response. Params are still validated and the route is still described.
   */
  addRaw<P = Record<string, never>, Q = Record<string, never>, R = unknown>(
    spec: Omit<RouteSpec<TCtx, P, Q, undefined, R>, 'handler' | 'body'> & {
      requestContentType?: string;
      responseContentType?: string;
    },
    handler: (input: {
      req: Request;
      res: Response;
      params: P;
      query: Q;
      ctx: TCtx;
      meta: RequestMeta;
    }) => Promise<R | void>,
  ): void {
    this.describe({ ...spec, handler: async () => undefined as R }, spec.requestContentType, spec.responseContentType);
    this.router[spec.method](spec.path, async (req, res) => {
      const params = spec.params ? parseInput(spec.params, req.params, 'params') : ({} as P);
      const query = spec.query ? parseInput(spec.query, req.query, 'query') : ({} as Q);
      const result = await handler({ req, res, params, query, ctx: this.contextOf(res), meta: requestMeta(req, res) });
      if (res.headersSent || res.writableEnded) return;
      const status = spec.status ?? 200;
      if (result === undefined) res.status(status === 200 ? 204 : status).end();
      else res.status(status).json(result);
    });
  }

  private describe<P, Q, B, R>(
    spec: RouteSpec<TCtx, P, Q, B, R>,
    requestContentType?: string,
    responseContentType?: string,
  ): void {
    const status = spec.status ?? 200;
    const problem = {
      description: 'Problem (RFC 9457)',
      content: { 'application/problem+json': { schema: ZProblem } },
    };
    this.registry.registerPath({
      method: spec.method,
      path: this.openApiPrefix + spec.path.replace(/:([A-Za-z_]+)/g, '{$1}'),
      summary: spec.summary,
      tags: spec.tags,
      security: this.security,
      request: {
        ...(spec.params ? { params: spec.params as never } : {}),
        ...(spec.query ? { query: spec.query as never } : {}),
        ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body as never } } } } : {}),
      },
      responses: {
        [status]: spec.response
          ? { description: 'OK', content: { 'application/json': { schema: spec.response as never } } }
          : responseContentType
            ? {
                description: 'File',
                content: { [responseContentType]: { schema: { type: 'string', format: 'binary' } as never } },
              }
            : { description: 'No content' },
        400: problem,
        401: problem,
        404: problem,
      },
    });
  }
}

export const ZProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
  })
  .openapi('Problem');
