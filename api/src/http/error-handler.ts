import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { AppError } from '../errors.js';
import { describeError, isDependencyUnavailable } from './detect-unavailable.js';

/** Seconds a client is asked to wait before retrying a 503. */
export const retryAfterSeconds = 5;

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function sendProblem(res: Parameters<RequestHandler>[1], error: AppError, instance?: string): void {
  if (error.status === 503) res.set('Retry-After', String(retryAfterSeconds));
  res
    .status(error.status)
    .type('application/problem+json')
    .json({
      type: `https://confer.dev/problems/${error.code.replace(/_/g, '-')}`,
      title: titles[error.status] ?? 'Error',
      status: error.status,
      code: error.code,
      detail: error.detail,
      ...(instance ? { instance } : {}),
      requestId: res.locals.requestId,
      ...error.extras,
    });
}

/** Unknown /api routes answer with a JSON 404, never the HTML default. */
export const apiNotFound: RequestHandler = (req, res) => {
  sendProblem(res, new AppError('route_not_found', 404, `No route for ${req.method} ${req.path}`));
};

/** Errors thrown by body parsers and by Express itself, mapped to stable codes. */
function fromFrameworkError(err: unknown): AppError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { type?: string; status?: number; statusCode?: number; message?: string };
  switch (e.type) {
    case 'entity.parse.failed':
      return new AppError('malformed_json', 400, 'The request body is not valid JSON');
    case 'entity.too.large':
      return new AppError('body_too_large', 413, 'The request body is too large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported_encoding', 415, 'The request body encoding is not supported');
    case 'request.aborted':
      return new AppError('request_aborted', 400, 'The request was aborted by the client');
  }
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('bad_request', status, 'The request could not be processed');
  }
  return undefined;
}

export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = err instanceof AppError ? err : fromFrameworkError(err);
    if (known) {
      if (res.headersSent) return;
      sendProblem(res, known);
      return;
    }
    if (isDependencyUnavailable(err)) {
      logger.warn(
        { err: describeError(err), requestId: res.locals.requestId, path: req.path },
        'dependency unavailable',
      );
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendProblem(res, new AppError('unavailable', 503, 'Confer is briefly unavailable: try again in a few seconds'));
      return;
    }
    logger.error(
      {
        err: describeError(err, { stack: true }),
        requestId: res.locals.requestId,
        path: req.path,
      },
      'unhandled error',
    );
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendProblem(
      res,
      new AppError('internal_error', 500, 'Something went wrong. Quote the request id if you contact support.'),
    );
  };
}
