import { z } from 'zod';
import { AppError } from '../errors.js';

/** Keyset cursors are opaque to clients: base64url of a JSON tuple of the sort keys. */
export function encodeCursor(keys: Array<string | number>): string {
  return Buffer.from(JSON.stringify(keys)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): string[] {
  try {
    const keys = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(keys) && keys.length === arity && keys.every((k) => typeof k === 'string')) {
      return keys as string[];
    }
  } catch {
    // fall through
  }
  throw new AppError('validation_failed', 400, 'query.before: is not a valid cursor', {
    errors: [{ location: 'query', field: 'before', message: 'is not a valid cursor' }],
  });
}

export const ZPageQuery = {
  before: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
};

/** Escapes LIKE wildcards so user text matches literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
