import { z } from 'zod';
import { ZDocument } from '../files/schemas.js';

export const ZRecordVerification = z
  .object({
    intact: z.boolean(),
    entries: z.number().int(),
    lastHash: z.string().nullable(),
    firstBreak: z
      .object({ position: z.number().int(), kind: z.string(), reason: z.enum(['hash', 'link', 'content']) })
      .nullable(),
  })
  .openapi('RecordVerification');

export const ZRecordExport = z
  .object({ verification: ZRecordVerification, pdf: ZDocument, manifest: ZDocument })
  .openapi('RecordExport');

export const ZRecordFormat = z.object({ format: z.enum(['pdf', 'json']).default('pdf') }).strict();
