import type { Response } from 'express';
import { AppError } from '../../errors.js';

/** Who is calling, established by the bearer-token middleware from a verified token. */
export type StaffContext = {
  firmId: string;
  staffId: string;
  tenantId: string;
  role: 'admin' | 'staff';
};

export function staffContextOf(res: Response): StaffContext {
  const ctx = res.locals.staff as StaffContext | undefined;
  if (!ctx) throw new AppError('missing_token', 401, 'Sign in: a bearer token is required');
  return ctx;
}
