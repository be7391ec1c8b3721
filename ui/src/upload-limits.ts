import { createContext, createElement, useContext, type ReactNode } from 'react';
import type { Schema } from './api-types.js';

/**
 * What one upload may carry on this deployment (UPLOAD_MAX_BYTES: all files together,
 * UPLOAD_MAX_FILES), as `/api/v1/me` and the portal session report it. The apps check it
 * before sending so people get a clear message; the server enforces it either way.
 */
export type UploadLimits = Schema<'UploadLimits'>;

const UploadLimitsContext = createContext<UploadLimits | null>(null);

/** Makes the signed-in answer's limits available to `useUploadLimits` below it. */
export function UploadLimitsProvider(props: { limits: UploadLimits; children?: ReactNode }) {
  return createElement(UploadLimitsContext.Provider, { value: props.limits }, props.children);
}

/** The deployment's upload limits; only inside an `UploadLimitsProvider` (signed in). */
export function useUploadLimits(): UploadLimits {
  const limits = useContext(UploadLimitsContext);
  if (!limits) throw new Error('useUploadLimits must be used inside an UploadLimitsProvider');
  return limits;
}
