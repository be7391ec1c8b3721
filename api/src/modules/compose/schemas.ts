import { z } from 'zod';

/** The longest draft "Rewrite" takes (characters); a message may be longer, a suggestion not. */
export const maxRewriteLength = 4000;

export const ZRewriteStyle = z
  .enum(['clearer', 'formal', 'shorter', 'plain'])
  .openapi('RewriteStyle', { description: 'clearer, more formal, shorter, or plain English for a client' });
export type TRewriteStyle = z.infer<typeof ZRewriteStyle>;

export const ZRewriteRequest = z
  .object({
    text: z
      .string()
      .refine((v) => v.trim() !== '', 'must not be empty')
      .refine((v) => v.length <= maxRewriteLength, `must be at most ${maxRewriteLength} characters`),
    style: ZRewriteStyle,
  })
  .strict()
  .openapi('RewriteRequest');
export type TRewriteRequest = z.infer<typeof ZRewriteRequest>;

export const ZRewriteSuggestion = z
  .object({
    /** The rewritten text: shown to the author to accept, edit or discard; never sent by itself. */
    suggestion: z.string(),
    style: ZRewriteStyle,
  })
  .openapi('RewriteSuggestion');
export type TRewriteSuggestion = z.infer<typeof ZRewriteSuggestion>;
