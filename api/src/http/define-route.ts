import { OpenAPIRegistry, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import type { Request, RequestHandler, Response, Router } from 'express';
import { z, type ZodType } from 'zod';
import type { Db } from '../db/connect.js';
import { AppError } from '../errors.js';
import { fingerprintOf, runIdempotent, type TIdempotencyScope } from './run-idempotent.js';

extendZodWithOpenApi(z);

export type RequestMeta = {
  requestId: string;
  ip: string | undefined;
  /** The `Idempotency-Key` header, when sent: retries of a create carry the same key. */
  idempotencyKey: string | undefined;
};

const ZIdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, 'must be 1 to 200 visible ASCII characters (a UUID is a good key)');

const idempotencyHeader = {
  name: 'Idempotency-Key',
  in: 'header' as const,
  required: false,
  description:
    'Makes a retry safe: the first request with a key creates, a repeat of the same request with the same key gets the ' +
    'same status and body back (header `Idempotent-Replayed: true`) and creates nothing. The same key with another ' +
    'request is refused with 422 `idempotency_key_reused`; a repeat sent while the first is still running waits for ' +
    'it. 1 to 200 visible ASCII characters, per caller; kept at least 24 hours.',
  schema: { type: 'string' as const, minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' },
};

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
  /**
   * Honour `Idempotency-Key` (see run-idempotent.ts). Required on every POST answering 201: a
   * creating route says whether retries are safe. With a key, the handler runs inside one
   * transaction and must do every read and write through the `db` it is given.
   * `'in-handler'`: the handler keeps the key itself, on what it creates under a unique index
   * (a message), so a send needs no key transaction; it calls `replayed()` when it answers a
   * retry with the original, and refuses another request under the key with 422.
   */
  idempotent?: boolean | 'in-handler';
  handler: (input: {
    params: P;
    query: Q;
    body: B;
    ctx: TCtx;
    meta: RequestMeta;
    db: Db;
    /** Marks the answer as a replay of an earlier request with the same Idempotency-Key. */
    replayed: () => void;
  }) => Promise<R>;
};

export type RouteTableOptions<TCtx> = {
  db: Db;
  security?: Array<Record<string, string[]>>;
  /** Whose Idempotency-Keys a request uses; needed for idempotent routes. */
  scopeOf?: (ctx: TCtx) => TIdempotencyScope;
};

/**
 * Runs a raw route's creating work once per Idempotency-Key: `request` is what a retry must
 * repeat (fingerprinted with the params and query), `work` gets the transaction to do all its
 * reads and writes in. Without a key (or on a route not idempotent) it just runs `work`. A
 * replay returns the recorded body without calling `work`.
 */
export type RunOnce = <T>(request: unknown, work: (db: Db) => Promise<T>) => Promise<T>;

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

/** A JSON request body, validated: 415 unless it is JSON, else 400 naming the offending fields. */
function parseJsonBody<B>(schema: ZodType<B>, req: Request): B {
  if (!req.is('application/json')) {
    throw new AppError(
      'unsupported_media_type',
      415,
      'The request body must be JSON with Content-Type: application/json',
    );
  }
  return parseInput(schema, req.body, 'body');
}

export function requestMeta(req: Request, res: Response): RequestMeta {
  const key = req.get('idempotency-key');
  return {
    requestId: String(res.locals.requestId ?? ''),
    ip: req.ip,
    idempotencyKey: key === undefined ? undefined : parseInput(ZIdempotencyKey, key, 'headers.Idempotency-Key'),
  };
}

/** A router plus the OpenAPI registry its routes describe themselves in. */
export class RouteTable<TCtx> {
  private readonly security: Array<Record<string, string[]>>;

  constructor(
    private readonly router: Router,
    private readonly registry: OpenAPIRegistry,
    private readonly openApiPrefix: string,
    private readonly contextOf: (res: Response) => TCtx,
    private readonly options: RouteTableOptions<TCtx>,
  ) {
    this.security = options.security ?? [{ bearerAuth: [] }];
  }

  /** The key a request uses on an idempotent route, with the route's identity; else undefined. */
  private idempotency(spec: { method: Method; path: string; idempotent?: boolean | 'in-handler'; status?: number }) {
    if (spec.method === 'post' && spec.status === 201 && spec.idempotent === undefined) {
      throw new Error(`${spec.path}: a creating route must say whether it is idempotent`);
    }
    if (spec.idempotent !== true) return undefined;
    const scopeOf = this.options.scopeOf;
    if (!scopeOf) throw new Error(`${spec.path}: idempotent routes need a table with scopeOf`);
    const route = `${spec.method.toUpperCase()} ${this.openApiPrefix}${spec.path}`;
    const status = spec.status ?? 200;
    return (ctx: TCtx, key: string, request: unknown) => ({
      scope: scopeOf(ctx),
      key,
      route,
      fingerprint: fingerprintOf(request),
      status,
    });
  }

  add<P = Record<string, never>, Q = Record<string, never>, B = undefined, R = unknown>(
    spec: RouteSpec<TCtx, P, Q, B, R>,
  ): void {
    this.describe(spec);
    const idempotency = this.idempotency(spec);
    const handler: RequestHandler = async (req, res) => {
      const params = spec.params ? parseInput(spec.params, req.params, 'params') : ({} as P);
      const query = spec.query ? parseInput(spec.query, req.query, 'query') : ({} as Q);
      const body = spec.body ? parseJsonBody(spec.body, req) : (undefined as B);
      const ctx = this.contextOf(res);
      const meta = requestMeta(req, res);
      const replayed = () => res.setHeader('Idempotent-Replayed', 'true');
      const run = (db: Db) => spec.handler({ params, query, body, ctx, meta, db, replayed });
      if (idempotency && meta.idempotencyKey) {
        const once = idempotency(ctx, meta.idempotencyKey, { params, query, body });
        const answer = await runIdempotent(this.options.db, once, run);
        if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
        send(res, answer.status, answer.body);
        return;
      }
      send(res, spec.status ?? 200, await run(this.options.db));
    };
    this.router[spec.method](spec.path, handler);
  }

  /**
   * A route whose body is not JSON (multipart uploads, downloads): the handler gets the raw
   * request and response. Params are still validated and the route is still described.
   */
  addRaw<P = Record<string, never>, Q = Record<string, never>, R = unknown, B = undefined>(
    spec: Omit<RouteSpec<TCtx, P, Q, B, R>, 'handler'> & {
      requestContentType?: string;
      responseContentType?: string;
    },
    handler: (input: {
      req: Request;
      res: Response;
      params: P;
      query: Q;
      /** With `spec.body`: the JSON body, validated like `add`'s (415 unless JSON, 400 naming fields). */
      body: B;
      ctx: TCtx;
      meta: RequestMeta;
      db: Db;
      /** For idempotent routes: runs the creating work once per Idempotency-Key (see RunOnce). */
      once: RunOnce;
    }) => Promise<R | void>,
  ): void {
    this.describe({ ...spec, handler: async () => undefined as R }, spec.requestContentType, spec.responseContentType);
    const idempotency = this.idempotency(spec);
    this.router[spec.method](spec.path, async (req, res) => {
      const params = spec.params ? parseInput(spec.params, req.params, 'params') : ({} as P);
      const query = spec.query ? parseInput(spec.query, req.query, 'query') : ({} as Q);
      const body = spec.body ? parseJsonBody(spec.body, req) : (undefined as B);
      const ctx = this.contextOf(res);
      const meta = requestMeta(req, res);
      const once: RunOnce = async (request, work) => {
        if (!idempotency || !meta.idempotencyKey) return work(this.options.db);
        const answer = await runIdempotent(
          this.options.db,
          idempotency(ctx, meta.idempotencyKey, { params, query, request }),
          work,
        );
        if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
        return answer.body as Awaited<ReturnType<typeof work>>;
      };
      const result = await handler({ req, res, params, query, body, ctx, meta, db: this.options.db, once });
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
      ...(spec.idempotent ? { parameters: [idempotencyHeader] } : {}),
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
        ...(spec.idempotent
          ? { 422: { ...problem, description: 'Problem (RFC 9457), e.g. idempotency_key_reused' } }
          : {}),
      },
    });
  }
}

function send(res: Response, status: number, body: unknown): void {
  if (status === 204 || body === undefined) res.status(status === 200 ? 204 : status).end();
  else res.status(status).json(body);
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
