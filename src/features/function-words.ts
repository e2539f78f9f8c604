import { FNV_OFFSET, fnvString } from './hash.js';

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

/**
 * Class bits of every listed word, in an open-addressing table keyed by the word's FNV-1a hash
 * (the hash `buildVocabulary` already computed) and checked against the word itself. Why not a
 * Map: a Map look-up hashes each fresh word string again, which was most of this feature's cost.
 */
interface ClassTable {
  /** Index + 1 into `words`/`bits` per slot, 0 for empty. */
  slots: Int32Array;
  hashes: Int32Array;
  words: string[];
  bits: number[];
  mask: number;
}

const CLASS_TABLE: ClassTable = (() => {
  const byWord = new Map<string, number>();
  const mark = (words: ReadonlySet<string>, bit: number): void => {
    for (const w of words) byWord.set(w, (byWord.get(w) ?? 0) | bit);
  };
  mark(FUNCTION_WORDS, FUNCTION);
  mark(THE, THE_BIT);
  mark(AND, AND_BIT);
  mark(FIRST_PERSON_SINGULAR, FIRST);
  mark(SECOND_PERSON, SECOND);
  let size = 16;
  while (size < 4 * byWord.size) size *= 2;
  const table: ClassTable = { slots: new Int32Array(size), hashes: new Int32Array(byWord.size), words: [], bits: [], mask: size - 1 };
  for (const [w, bits] of byWord) {
    const h = fnvString(FNV_OFFSET, w) | 0;
    let slot = (h ^ (h >>> 15)) & table.mask;
    while (table.slots[slot] !== 0) slot = (slot + 1) & table.mask;
    table.hashes[table.words.length] = h;
    table.words.push(w);
    table.bits.push(bits);
    table.slots[slot] = table.words.length;
  }
  return table;
})();

/** Class bits of word `w` (whose FNV-1a hash, as a signed 32-bit integer, is `h`); 0 if unlisted. */
function classBits(w: string, h: number): number {
  const { slots, hashes, words, bits, mask } = CLASS_TABLE;
  let slot = (h ^ (h >>> 15)) & mask;
  for (;;) {
    const entry = slots[slot] as number;
    if (entry === 0) return 0;
    if (hashes[entry - 1] === h && words[entry - 1] === w) return bits[entry - 1] as number;
    slot = (slot + 1) & mask;
  }
}

/**
 * All class rates from the vocabulary (distinct words and their counts), so each distinct
 * word is looked up once; all 0 for no words.
 *
 * @param hashes FNV-1a hash of each type, as from `buildVocabulary` (computed here when absent)
 */
export function functionWordProfile(types: readonly string[], counts: ArrayLike<number>, hashes?: ArrayLike<number>): FunctionWordProfile {
  let n = 0;
  let fn = 0;
  let the = 0;
  let and = 0;
  let first = 0;
  let second = 0;
  for (let id = 0; id < types.length; id++) {
    const c = counts[id] as number;
    n += c;
    const w = types[id] as string;
    const bits = classBits(w, hashes === undefined ? fnvString(FNV_OFFSET, w) | 0 : (hashes[id] as number));
    if (bits === 0) continue;
    if (bits & FUNCTION) fn += c;
    if (bits & THE_BIT) the += c;
    if (bits & AND_BIT) and += c;
    if (bits & FIRST) first += c;
    if (bits & SECOND) second += c;
  }
  if (n === 0) return { functionWordRate: 0, theRate: 0, andRate: 0, firstPersonSingularRate: 0, secondPersonRate: 0 };
  return { functionWordRate: fn / n, theRate: the / n, andRate: and / n, firstPersonSingularRate: first / n, secondPersonRate: second / n };
}
