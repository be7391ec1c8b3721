/**
 * The words seeded messages and search queries are made of. Ordered roughly from the most
 * to the least frequent; `wordAt` picks ranks with a Zipf-like skew (the top 50 words are
 * about 40% of the tokens, as in English prose), so full-text search sees posting lists
 * from hundreds of thousands of rows (function words) down to a few hundred (names).
 */

/** Function words and everyday verbs: frequent, rarely searched for. */
const common = `the to and of a i you we in for it is on that this with be have will are can
please thanks at as if not me my your our by from do so just or all about would could should
they he she them him her us was were been has had its an up out now there here what when which
who how any some more no yes ok get got let know see send sent need think also back today
tomorrow call email week time next last new good great sure one two three first still work
before after over again make made take look into than then well only very much many other
same each every both few most own such very via per re fyi asap`;

/** Matter, practice and business vocabulary: what people actually search for. */
const legal = `contract draft agreement client matter meeting review documents document signed
sign signature lease completion exchange deadline court hearing claim claimant defendant
evidence witness statement disclosure invoice fee fees estimate costs payment funds transfer
account bank mortgage lender title deeds property purchase sale buyer seller vendor tenant
landlord rent notice termination breach damages settlement offer counteroffer negotiation
terms clause schedule appendix annex amendment variation addendum novation assignment
licence consent approval board resolution minutes shareholder shareholders director directors
company companies subsidiary group merger acquisition due diligence disclosure letter warranty
warranties indemnity indemnities liability limitation cap insurance policy insurer broker
premium renewal employment employee employer dismissal grievance tribunal redundancy
consultation pension bonus salary contractor consultant services supplier customer
procurement tender bid framework order purchase receipt delivery goods software licence
intellectual property trademark patent copyright confidentiality nda privacy data protection
gdpr breach regulator regulatory compliance audit auditor tax vat stamp duty hmrc return
filing registry companies house land registry search searches enquiries replies requisitions
survey valuation planning permission building regulations environmental easement covenant
boundary freehold leasehold service charge ground rent management company estate agent
conveyancing probate will estate executor executors beneficiary beneficiaries trust trustee
trustees inheritance grant administration deputy attorney lasting power guardian divorce
separation custody children maintenance financial order consent order mediation arbitration
arbitrator tribunal judge judgment appeal permission skeleton argument bundle pleadings
particulars defence reply counterclaim injunction undertaking costs budget precedent
instructions counsel barrister solicitor paralegal trainee partner associate secretary
billing timesheet retainer engagement letter scope conflict check kyc aml identity verification
source wealth passport utility bill certified copy original courier post scan upload portal
attachment attached enclosed version redline markup comments tracked changes final execution
counterpart counterparts escrow completion statement apportionment redemption discharge
charge security guarantee guarantor debenture facility loan repayment interest default
enforcement insolvency administrator liquidator creditor creditors debtor winding petition
statutory demand bankruptcy restructuring valuation report expert joint instruction
deposition interview transcript recording minutes agenda call conference videoconference
diary calendar availability reschedule adjourn adjournment listing trial window directions
timetable extension deadline overdue urgent priority chase chasing reminder follow update
status progress summary advice memo opinion research authority case law statute section
regulation guidance practice direction form application notice witness summons subpoena`;

const firstNames = `james mary robert patricia john jennifer michael linda david elizabeth william
barbara richard susan joseph jessica thomas sarah charles karen christopher nancy daniel lisa
matthew betty anthony margaret mark sandra donald ashley steven kimberly paul emily andrew donna
joshua michelle kenneth carol kevin amanda brian melissa george deborah timothy stephanie ronald
rebecca edward sharon jason laura jeffrey cynthia ryan kathleen jacob amy gary angela nicholas
shirley eric anna jonathan brenda stephen pamela larry emma justin nicole scott helen brandon
samantha benjamin katherine samuel christine gregory debra alexander rachel frank carolyn patrick
janet raymond catherine jack maria dennis heather jerry diane tyler ruth aaron julie jose olivia
adam joyce henry virginia nathan victoria douglas kelly zachary lauren peter christina kyle joan
priya aisha omar fatima wei mei hiroshi yuki sven ingrid pierre amelie giulia marco niamh
siobhan oluwaseun chidi ayesha rahul anika mateo lucia`;

const surnames = `smith jones williams taylor brown davies evans wilson thomas roberts johnson
lewis walker robinson wood thompson white watson jackson wright green harris cooper king lee
martin clarke james morgan hughes edwards hill moore clark harrison scott young morris hall ward
turner carter phillips mitchell patel adams campbell anderson allen cook bailey parker miller
davis murphy price bell baker griffiths kelly simpson marshall collins bennett cox richardson
fox gray rose chapman hunt robertson shaw reynolds lloyd ellis richards russell wilkinson
khan graham stewart reid murray powell palmer holmes rogers stevens walsh hunter thomson
matthews ross owen mason knight kennedy butler saunders cole pearce dean foster harvey hudson
gibson mills berry barnes pearson kaur begum wallace hamilton jenkins gordon spencer webb
fletcher ahmed ali hussain singh sharma okafor adeyemi nguyen chen wang zhang kowalski novak
schmidt muller rossi ferrari garcia martinez lopez gonzalez rodriguez fernandez silva santos
oconnor obrien byrne doyle mcdonald macleod fraser sinclair blackwood ashworth pemberton
fairbanks whitfield hargreaves thornton lockwood ravenscroft winterbottom featherstone
cholmondeley abernethy fitzgerald delacroix montgomery vanderberg oyelaran achterberg`;

const split = (s: string) => [...new Set(s.split(/\s+/u).filter(Boolean))];

export const commonWords = split(common);
export const legalWords = split(legal);
export const names = [...split(firstNames), ...split(surnames)];
export const surnameWords = split(surnames);

/** Every seeded word, most frequent first: function words, then legal terms and names interleaved. */
export const vocabulary: string[] = (() => {
  const out = [...commonWords];
  const rest = [...legalWords];
  const people = [...names];
  while (rest.length || people.length) {
    for (let i = 0; i < 3 && rest.length; i++) out.push(rest.shift()!);
    if (people.length) out.push(people.shift()!);
  }
  return [...new Set(out)];
})();

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same data every run. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A word with a Zipf-like rank skew: P(rank < r) = (r / n)^(1/3). */
export function wordAt(random: () => number): string {
  const rank = Math.floor(Math.pow(random(), 3) * vocabulary.length);
  return vocabulary[Math.min(rank, vocabulary.length - 1)]!;
}

/**
 * The long tail: about 10,000 made-up place, company and street names ("brackenholt"), each in a
 * few dozen messages per million, like the property addresses and counterparties of real
 * matters.
 */
export const tailWords: string[] = (() => {
  const heads = `ash brack bram cald dun elm fair glen hal hart kel lang mar north oak pen rad
  ross sand shel stan thorn wal west whit wyn ald bel cran der fen gil hol kin lin mor ned`;
  const middles = ['', 'en', 'er', 'ing', 'ley', 'mer', 'ow', 'ard', 'ton', 'is'];
  const tails = `ford field holt hurst more wick worth combe dale gate ham stead bury mouth
  bridge brook cott den haven well thorpe by wood croft leigh mere`;
  const out = new Set<string>();
  for (const h of split(heads)) for (const m of middles) for (const t of split(tails)) out.add(`${h}${m}${t}`);
  return [...out].sort((a, b) => hash(a) - hash(b));
})();

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A sentence of 3 to 10 words, capitalised and punctuated like chat text; some name a place or company. */
export function sentence(random: () => number): string {
  const length = 3 + Math.floor(random() * 8);
  const words = Array.from({ length }, () => wordAt(random));
  if (random() < 0.25)
    words[1 + Math.floor(random() * (length - 1))] = tailWords[Math.floor(random() * tailWords.length)]!;
  words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
  const end = random() < 0.2 ? '?' : random() < 0.1 ? '!' : '.';
  return `${words.join(' ')}${end}`;
}

/**
 * What staff type into search, and how often: mostly one content word (a legal term, a
 * surname, a place or company name), sometimes two words, sometimes the first letters of a
 * word (prefix matching). Function words are not searched for. Ranks are positions among the
 * content words of `vocabulary`.
 */
export function searchQueries(count: number, seed = 7): Array<{ q: string; kind: string }> {
  const random = createRandom(seed);
  const contentStart = commonWords.length;
  const pick = (from: number, to: number) =>
    vocabulary[contentStart + from + Math.floor(random() * (to - from))] ?? vocabulary[contentStart]!;
  const frequent = () => pick(0, 60); // the 60 most frequent content words
  const middle = () => pick(60, 400);
  const lessCommon = () => pick(400, vocabulary.length - contentStart);
  const surname = () => surnameWords[Math.floor(random() * surnameWords.length)]!;
  const place = () => tailWords[Math.floor(random() * tailWords.length)]!;
  const out: Array<{ q: string; kind: string }> = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    if (r < 0.2) out.push({ q: middle(), kind: 'word, mid frequency' });
    else if (r < 0.3) out.push({ q: lessCommon(), kind: 'word, less common' });
    else if (r < 0.45) out.push({ q: surname(), kind: 'surname' });
    else if (r < 0.6) out.push({ q: place(), kind: 'place or company name' });
    else if (r < 0.75) out.push({ q: `${middle()} ${r < 0.68 ? surname() : place()}`, kind: 'two words' });
    else if (r < 0.9) out.push({ q: frequent(), kind: 'word, frequent' });
    else {
      const w = [middle(), lessCommon(), surname(), place()][Math.floor(random() * 4)]!;
      out.push({ q: w.slice(0, Math.max(4, Math.ceil(w.length * 0.6))), kind: 'prefix' });
    }
  }
  return out;
}
