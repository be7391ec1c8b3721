import type { RequestHandler, Response } from 'express';
import type { TConfig } from '../../config.js';
import { AppError } from '../../errors.js';
import { authenticateSession, type TContactContext, type TPortalDeps } from './service.js';
import { sameHash } from './tokens.js';
import { hashToken } from './tokens.js';

/** `__Host-` pins the cookie to this exact origin: Secure, Path=/, no Domain. */
export const sessionCookieName = '__Host-confer_session';

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Set-Cookie for a session. Secure always: browsers accept Secure cookies from
 * http://localhost (a secure context), which is how embedded mode runs, and `__Host-`
 * requires it.
 */
export function sessionCookie(value: string, maxAgeSeconds: number): string {
  return `${sessionCookieName}=${value}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`;
}

export const clearSessionCookie = () => `${sessionCookieName}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;

/** Origins allowed to change state: the public URL, and loopback in embedded mode. */
export function allowedOrigins(config: TConfig): string[] {
  const origins = [new URL(config.publicBaseUrl).origin];
  if (config.mode === 'embedded') {
    origins.push(`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`);
  }
  return [...new Set(origins)];
}

/** State-changing requests must come from our own pages. */
export function requireSameOrigin(config: TConfig): RequestHandler {
  const origins = allowedOrigins(config);
  return (req, _res, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
    if (!origins.includes(req.get('origin') ?? '')) {
      throw new AppError('csrf_refused', 403, 'This request did not come from the Confer portal');
    }
    next();
  };
}

/** The contact's session from the cookie (401 otherwise) plus, for changes, the CSRF header. */
export function requireContactSession(deps: TPortalDeps): RequestHandler {
  return async (req, res, next) => {
    const token = readCookie(req.get('cookie'), sessionCookieName);
    const ctx = token ? await authenticateSession(deps, token) : undefined;
    if (!ctx) {
      if (token) res.setHeader('Set-Cookie', clearSessionCookie());
      throw new AppError('not_signed_in', 401, 'Your session has ended: open your secure link to sign in again');
    }
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
      const header = req.get('x-csrf-token') ?? '';
      if (!header || !sameHash(hashToken(header), hashToken(ctx.csrfToken))) {
        throw new AppError('csrf_refused', 403, 'The request is missing its security token: reload the page');
      }
    }
    res.locals.contact = ctx;
    next();
  };
}

export function contactContextOf(res: Response): TContactContext {
  const ctx = res.locals.contact as TContactContext | undefined;
  if (!ctx) throw new AppError('not_signed_in', 401, 'Sign in first');
  return ctx;
}
