import type { TRewriteStyle } from './schemas.js';

/** What every rewrite keeps, whatever the style: a law firm's message must stay true. */
const rules = [
  'You rewrite a message that a member of staff at a law firm is about to send to a client or colleague.',
  'Keep every fact exactly: names, dates, times, amounts, figures, reference and matter numbers, addresses, links and legal terms must appear unchanged.',
  'Do not add facts, advice, promises, apologies, greetings or sign-offs that are not in the message, and do not remove any request, deadline or condition.',
  "Keep the author's spelling conventions (British or American) and the language the message is written in.",
  'Keep Markdown links and line breaks that separate items.',
  'Reply with the rewritten message only: no preamble, no quotation marks, no notes.',
].join(' ');

const styles: Record<TRewriteStyle, string> = {
  clearer: 'Make the message clearer: short sentences, one point at a time, the most important point first.',
  formal:
    'Make the message more formal and courteous, as a solicitor writes to a client, without becoming stiff or longer than it needs to be.',
  shorter: 'Make the message shorter: remove repetition and filler while keeping every fact and request.',
  plain:
    'Rewrite the message in plain English for a client who is not a lawyer: everyday words, explain any legal term briefly in brackets after it, keep the legal term itself.',
};

/** The system instruction for one style. */
export function rewriteInstruction(style: TRewriteStyle): string {
  return `${rules} ${styles[style]}`;
}
