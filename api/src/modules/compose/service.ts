import { AppError } from '../../errors.js';
import type { StaffContext } from '../../integrations/identity/staff-context.js';
import type { TRecentUses } from '../../shared/count-recent-uses.js';
import { rewriteInstruction } from './rewrite-instructions.js';
import type { TRewriteRequest, TRewriteSuggestion } from './schemas.js';

/** Rewrites per staff member per minute. */
export const rewritesPerMinute = 20;

/**
 * Asks the provider for the draft rewritten under `instruction`. Throws an AppError the author
 * can act on (timeout, provider down, refused); never logs the text or the answer.
 */
export type TRewriter = (input: { instruction: string; text: string }) => Promise<string>;

export type TComposeDeps = {
  /** Unset when tone help is not configured: the route answers 404 feature_disabled. */
  rewriter?: TRewriter;
  /** Per staff member, `rewritesPerMinute` a minute. */
  uses: TRecentUses;
};

export const featureDisabled = () =>
  new AppError('feature_disabled', 404, 'Tone help is not set up: an administrator has not connected Azure OpenAI');

/** A suggestion for the author's draft; nothing is stored and nothing is sent. */
export async function suggestRewrite(
  deps: TComposeDeps,
  ctx: StaffContext,
  input: TRewriteRequest,
): Promise<TRewriteSuggestion> {
  if (!deps.rewriter) throw featureDisabled();
  const use = deps.uses.take(`${ctx.firmId}:${ctx.staffId}`);
  if (!use.allowed) {
    throw new AppError(
      'rewrite_rate_limited',
      429,
      `At most ${rewritesPerMinute} rewrites a minute: try again in ${use.retryAfterSeconds} seconds`,
      { retryAfterSeconds: use.retryAfterSeconds },
    );
  }
  const suggestion = await deps.rewriter({ instruction: rewriteInstruction(input.style), text: input.text });
  return { suggestion, style: input.style };
}
