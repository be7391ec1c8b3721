/**
 * Errors that mean a service we depend on (PostgreSQL, Blob Storage) cannot be reached right
 * now, as opposed to a bug: the request may well succeed in a few seconds, so it is answered
 * with 503 and `Retry-After` rather than a 500.
 */

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** SQLSTATEs of a server going away or refusing connections (class 08: connection exception). */
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300', '53400']);

/** Fixed messages node-postgres and pg-pool use when a connection is lost or cannot be made. */
const unavailableMessages = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
  'Cannot use a pool after calling end on the pool',
  'The database is closed',
  'PGlite is closed',
];

/** Walks the error and its causes (Drizzle wraps the driver's error in `cause`). */
export function isDependencyUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; message?: unknown; cause?: unknown };
    const code = typeof e.code === 'string' ? e.code : '';
    if (networkCodes.has(code) || unavailableStates.has(code) || code.startsWith('08')) return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (unavailableMessages.some((m) => message.startsWith(m))) return true;
    current = e.cause;
  }
  return false;
}

/**
 * What may be logged of an unexpected error: Drizzle's message carries the query's
 * parameters (message text, emails), so only the statement and the driver's own error are kept.
 */
export function describeError(
  error: unknown,
  options: { stack?: boolean } = {},
): { name?: string; message?: string; code?: string; stack?: string; cause?: unknown } {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const e = error as {
    name?: string;
    message?: string;
    code?: unknown;
    query?: unknown;
    stack?: unknown;
    cause?: unknown;
  };
  const code = typeof e.code === 'string' ? e.code : undefined;
  // a stack starts with the message: keep only the frames
  const frames = typeof e.stack === 'string' ? e.stack.slice(Math.max(0, e.stack.indexOf('\n    at '))) : undefined;
  const stack = options.stack && frames ? { stack: frames } : {};
  if (typeof e.query === 'string' && 'params' in e) {
    return {
      name: e.name,
      message: `Failed query: ${e.query.slice(0, 500)}`,
      ...(code ? { code } : {}),
      ...stack,
      ...(e.cause ? { cause: describeError(e.cause) } : {}),
    };
  }
  return { name: e.name, message: e.message, ...(code ? { code } : {}), ...stack };
}
