/**
 * Function-word profile. Function words carry grammar rather than topic, so their rates are a
 * stylistic fingerprint that survives topic changes (the basis of authorship attribution since
 * Mosteller & Wallace). Models over-use some ("the", "and", "of" in explanatory prose) and
 * under-use the personal ones ("i", "me") that dominate casual human writing.
 */

/**
 * English function words: articles and determiners, pronouns, prepositions, conjunctions,
 * auxiliary and modal verbs, and common particles/adverbs of degree. Lower case; the
 * contraction forms are not listed (the tokeniser keeps "don't" whole and `contraction_rate`
 * covers them).
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  // articles, determiners, quantifiers
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'some', 'any', 'each', 'every', 'no',
  'all', 'both', 'either', 'neither', 'much', 'many', 'more', 'most', 'few', 'less', 'least',
  'several', 'such', 'other', 'another', 'own', 'same',
  // personal, possessive, reflexive, relative, interrogative pronouns
  'i', 'me', 'my', 'mine', 'myself', 'we', 'us', 'our', 'ours', 'ourselves', 'you', 'your',
  'yours', 'yourself', 'yourselves', 'he', 'him', 'his', 'himself', 'she', 'her', 'hers',
  'herself', 'it', 'its', 'itself', 'they', 'them', 'their', 'theirs', 'themselves', 'who',
  'whom', 'whose', 'which', 'what', 'whatever', 'whoever', 'whichever', 'one', 'ones',
  'something', 'anything', 'nothing', 'everything', 'someone', 'anyone', 'everyone',
  // prepositions
  'of', 'in', 'on', 'at', 'by', 'for', 'with', 'about', 'against', 'between', 'into',
  'through', 'during', 'before', 'after', 'above', 'below', 'to', 'from', 'up', 'down', 'out',
  'off', 'over', 'under', 'around', 'among', 'across', 'along', 'behind', 'beyond', 'despite',
  'except', 'inside', 'outside', 'near', 'onto', 'toward', 'towards', 'upon', 'within',
  'without', 'via', 'per', 'like',
  // conjunctions and subordinators
  'and', 'but', 'or', 'nor', 'so', 'yet', 'because', 'although', 'though', 'while', 'whereas',
  'if', 'unless', 'until', 'since', 'as', 'than', 'whether', 'when', 'whenever', 'where',
  'wherever', 'why', 'how', 'once',
  // auxiliary and modal verbs
  'be', 'am', 'is', 'are', 'was', 'were', 'been', 'being', 'have', 'has', 'had', 'having',
  'do', 'does', 'did', 'doing', 'will', 'would', 'shall', 'should', 'can', 'could', 'may',
  'might', 'must', 'ought',
  // particles, negation, degree and linking adverbs
  'not', 'there', 'here', 'then', 'now', 'very', 'too', 'also', 'just', 'only', 'even',
  'still', 'quite', 'rather', 'however', 'therefore', 'thus', 'again', 'ever', 'never',
]);

/** "the": the most frequent English word; explanatory machine prose over-uses it. */
export const THE: ReadonlySet<string> = new Set(['the']);
/** "and": models chain clauses and list items with it. */
export const AND: ReadonlySet<string> = new Set(['and']);
/** First person singular, including its contractions: personal narrative is mostly human. */
export const FIRST_PERSON_SINGULAR: ReadonlySet<string> = new Set([
  'i', 'me', 'my', 'mine', 'myself', "i'm", "i've", "i'd", "i'll",
]);
/** Second person, including its contractions: chat models address the reader ("you can ..."). */
export const SECOND_PERSON: ReadonlySet<string> = new Set([
  'you', 'your', 'yours', 'yourself', 'yourselves', "you're", "you've", "you'd", "you'll",
]);

/** Rates of the function-word classes, each |{words in class}| / N. */
export interface FunctionWordProfile {
  functionWordRate: number;
  theRate: number;
  andRate: number;
  firstPersonSingularRate: number;
  secondPersonRate: number;
}

// Bit flags per class, so one look-up per distinct word serves every class.
const FUNCTION = 1;
const THE_BIT = 2;
const AND_BIT = 4;
const FIRST = 8;
const SECOND = 16;

const CLASS_BITS: ReadonlyMap<string, number> = (() => {
  const bits = new Map<string, number>();
  const mark = (words: ReadonlySet<string>, bit: number): void => {
    for (const w of words) bits.set(w, (bits.get(w) ?? 0) | bit);
  };
  mark(FUNCTION_WORDS, FUNCTION);
  mark(THE, THE_BIT);
  mark(AND, AND_BIT);
  mark(FIRST_PERSON_SINGULAR, FIRST);
  mark(SECOND_PERSON, SECOND);
  return bits;
})();

/**
 * All class rates from the vocabulary (distinct words and their counts), so each distinct
 * word is looked up once; all 0 for no words.
 */
export function functionWordProfile(types: readonly string[], counts: ArrayLike<number>): FunctionWordProfile {
  let n = 0;
  let fn = 0;
  let the = 0;
  let and = 0;
  let first = 0;
  let second = 0;
  for (let id = 0; id < types.length; id++) {
    const c = counts[id] as number;
    n += c;
    const bits = CLASS_BITS.get(types[id] as string);
    if (bits === undefined) continue;
    if (bits & FUNCTION) fn += c;
    if (bits & THE_BIT) the += c;
    if (bits & AND_BIT) and += c;
    if (bits & FIRST) first += c;
    if (bits & SECOND) second += c;
  }
  if (n === 0) return { functionWordRate: 0, theRate: 0, andRate: 0, firstPersonSingularRate: 0, secondPersonRate: 0 };
  return { functionWordRate: fn / n, theRate: the / n, andRate: and / n, firstPersonSingularRate: first / n, secondPersonRate: second / n };
}
