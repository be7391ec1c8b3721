import { z } from 'zod';

/** An https:// address (video calls, payment pages): anything else is refused. */
export const ZHttpsUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && !!url.hostname;
    } catch {
      return false;
    }
  }, 'must be an https:// address');

/** One line of text: no control characters (they would reach email subjects and calendar files). */
export const ZOneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'must be one line of text');
