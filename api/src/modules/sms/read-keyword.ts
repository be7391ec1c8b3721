/**
 * What a text from a phone asks of Confer, if anything: to stop texts (opt out), to start them
 * again, or who is texting. Read on words, in any case, ignoring punctuation.
 *
 * - Opt out: the first word is an opt-out keyword (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END,
 *   QUIT, REVOKE, OPTOUT, "OPT OUT"), whatever follows; or a clear request to stop, such as
 *   "Please stop texting me", "Can you unsubscribe me", "No more texts", "Take me off your
 *   list", "Don't text me anymore". A negation of stopping ("Don't stop", "Please do not
 *   stop") is a message, not a request.
 * - START / UNSTOP / "OPT IN" and HELP / INFO count only on their own (with words such as
 *   "please" or "thanks"): "Start date is Monday" is a message.
 *
 * `withMessage`: the text says more than the request (e.g. "Stop, I have found another
 * firm"): it is also a message, kept in the conversation, so nothing the client wrote is lost.
 */
export type TKeyword = { keyword: 'stop' | 'start' | 'help'; withMessage: boolean };

const stopWords = new Set(['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'revoke', 'optout']);
const startWords = new Set(['start', 'unstop', 'optin']);
const helpWords = new Set(['help', 'info']);

/** Words that add nothing to a request ("stop texting me now please"). */
const filler = new Set(
  (
    'please pls plz now thanks thank you thx ty me my i im we us it this that these them all any more ' +
    'text texts texting txt txts message messages messaging msg msgs sms sending send contacting calling ' +
    'to from of the for your you on at this number list mailing contact immediately asap already again ' +
    'ok okay sorry just right away and sir madam stop anymore ever'
  ).split(' '),
);

/** Polite openings before a request ("please", "can you", "I would like to"). */
const politeOpenings = new Set(
  "please pls plz kindly can could would will you u i id i'd want wish like to just hi hello hey ok okay so".split(' '),
);

const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/[’‘`]/gu, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/gu, ''))
    .filter((w) => w !== '');

/** "opt out" and "opt in" as one word, like OPTOUT. */
function joinOpt(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const next = words[i + 1];
    if (words[i] === 'opt' && (next === 'out' || next === 'in')) {
      out.push(`opt${next}`);
      i++;
    } else if (words[i] === 'opt' && words[i + 1] === 'me' && words[i + 2] === 'out') {
      out.push('optout', 'me');
      i += 2;
    } else {
      out.push(words[i]!);
    }
  }
  return out;
}

const negations = new Set(["don't", 'dont', 'never']);
const contactVerbs = new Set(['text', 'txt', 'message', 'msg', 'sms', 'contact', 'send']);

const onlyFiller = (words: readonly string[]) => words.every((w) => filler.has(w));

/** A request to stop after any polite opening: "please stop texting me", "no more texts". */
function isClearRequestToStop(words: readonly string[]): boolean {
  let i = 0;
  while (i < words.length && politeOpenings.has(words[i]!)) i++;
  const rest = words.slice(i);
  if (rest.length === 0) return false;
  if (stopWords.has(rest[0]!)) return onlyFiller(rest.slice(1));
  const [first, second] = rest;
  if (first === 'no' && second === 'more') return rest.length > 2 && onlyFiller(rest.slice(2));
  if ((first === 'remove' || first === 'take') && second === 'me') {
    return onlyFiller(rest.slice(2).filter((w) => w !== 'off'));
  }
  // "don't text me anymore", "do not message me" (but "don't stop" is no request)
  const afterNot = first === 'do' && second === 'not' ? rest.slice(2) : negations.has(first!) ? rest.slice(1) : [];
  if (afterNot.length > 0 && contactVerbs.has(afterNot[0]!)) return onlyFiller(afterNot.slice(1));
  return false;
}

export function readKeyword(text: string): TKeyword | undefined {
  const words = joinOpt(wordsOf(text));
  const [first] = words;
  if (!first) return undefined;
  if (stopWords.has(first)) return { keyword: 'stop', withMessage: !onlyFiller(words.slice(1)) };
  if (isClearRequestToStop(words)) return { keyword: 'stop', withMessage: false };
  if (startWords.has(first) && onlyFiller(words.slice(1))) return { keyword: 'start', withMessage: false };
  if (helpWords.has(first) && onlyFiller(words.slice(1))) return { keyword: 'help', withMessage: false };
  return undefined;
}
