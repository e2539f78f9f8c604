import { fmix32, FNV_OFFSET, FNV_PRIME } from '../hash.js';
import { bigramKey, BOS, countBigrams, type BigramCountArrays } from './bigram-counts.js';
import { U32Table } from './u32-table.js';

/**
 * What scoring reads of a class LM: the two joined tables and the unigram denominators (see
 * {@link ClassLm}). A {@link ClassLm} is one; so is a thread's view of tables its parent shares
 * (`adoptClassLm`), which holds no counts.
 */
export interface ClassLmTables {
  readonly words: U32Table;
  readonly bigrams: U32Table;
  readonly denominators: readonly [number, number];
}

/**
 * A model's class-conditional LMs: one word bigram LM over its machine training text and one over
 * its human training text. Their per-token log-likelihood ratio says how much more a text's words
 * look like the machine side than the human side *of this model's training data*: an evidence the
 * fixed reference LM cannot give, since it knows only human text (bench/detector-lab/RESULTS.md,
 * "Class-conditional LMs" and "Class-conditional LMs, again"). The LMs are built from the training
 * data, so they belong to the model and live in its directory (`class-lm.bin`), not in the feature
 * spec.
 *
 * Each LM: absolute discounting (d = 0.75) backing off to an add-one unigram model,
 * p(w | prev) = max(c(prev w) - d, 0) / c(prev) + d * types(prev) / c(prev) * p(w), and p(w) alone
 * after a context never seen. Both sides share two tables, so a token costs two look-ups: its word
 * (both sides' unigram and context counts) and its bigram (both sides' counts).
 */
export class ClassLm implements ClassLmTables {
  static readonly DISCOUNT = 0.75;
  /** Per word: [machine count, human count, machine context tokens, types, human context tokens, types]. */
  readonly words: U32Table;
  /** Per bigram key: [machine count, human count]. */
  readonly bigrams: U32Table;
  /** Add-one unigram denominators: tokens + distinct words + 1, machine then human. */
  readonly denominators: readonly [number, number];

  constructor(
    readonly machine: BigramCountArrays,
    readonly human: BigramCountArrays,
  ) {
    this.words = joinRows(6, [
      [machine.unigrams.keys, machine.unigrams.counts, 1, 0],
      [human.unigrams.keys, human.unigrams.counts, 1, 1],
      [machine.contexts.keys, machine.contexts.counts, 2, 2],
      [human.contexts.keys, human.contexts.counts, 2, 4],
    ]);
    this.bigrams = joinRows(2, [
      [machine.bigrams.keys, machine.bigrams.counts, 1, 0],
      [human.bigrams.keys, human.bigrams.counts, 1, 1],
    ]);
    this.denominators = [machine.tokens + machine.unigrams.keys.length + 1, human.tokens + human.unigrams.keys.length + 1];
  }

  /** Both LMs from word-hash documents (see {@link classLmTokens}) and their labels. */
  static build(docs: Iterable<{ tokens: Uint32Array; synthetic: boolean }>): ClassLm {
    const machine: Uint32Array[] = [];
    const human: Uint32Array[] = [];
    for (const d of docs) (d.synthetic ? machine : human).push(d.tokens);
    return new ClassLm(countBigrams(machine), countBigrams(human));
  }

  /** These LMs' counts with `docs` added: the LMs of their documents and `docs` together. */
  extend(docs: Iterable<{ tokens: Uint32Array; synthetic: boolean }>): ClassLm {
    const machine: Uint32Array[] = [];
    const human: Uint32Array[] = [];
    for (const d of docs) (d.synthetic ? machine : human).push(d.tokens);
    return new ClassLm(countBigrams(machine, this.machine), countBigrams(human, this.human));
  }

  /** log p(word) under one side's add-one unigram model. */
  logUnigram(side: 'machine' | 'human', word: number): number {
    return logUnigram(this, side, word);
  }
}

/** log p(word) under one side's add-one unigram model of `lm`. */
export function logUnigram(lm: ClassLmTables, side: 'machine' | 'human', word: number): number {
  const s = side === 'machine' ? 0 : 1;
  const at = lm.words.find(word);
  return Math.log(((at < 0 ? 0 : lm.words.value(at, s)) + 1) / lm.denominators[s]);
}

/**
 * `lm`'s scoring tables alone: what scoring it needs, without the counts a {@link ClassLm} keeps to
 * be saved or extended (~9 MB for the default model's), which are freed with it. For LMs that only
 * score, such as training's fold LMs.
 */
export function classLmTables(lm: ClassLmTables): ClassLmTables {
  return { words: lm.words, bigrams: lm.bigrams, denominators: lm.denominators };
}

/** One table over several (keys, values, width, first column) sources: see U32Table.join. */
function joinRows(width: number, sources: Array<[keys: Uint32Array, values: Uint32Array, sourceWidth: number, column: number]>): U32Table {
  return U32Table.join(width, sources.map(([keys, values, w, column]) => ({ keys, values, width: w, column })));
}

/** The dense features a class LM adds after the signature, in vector order. */
export const CLASS_LM_FEATURES = [
  'lmr_mean',
  'lmr_sd',
  'lmr_q10',
  'lmr_q50',
  'lmr_q90',
  'lmr_positive_share',
  'lmr_unigram_mean',
  'lmr_mean_root_n',
] as const;

/**
 * Word hashes of a feature text (normalised, lower-cased, without closing punctuation: what
 * `featureText` gives): runs of a-z, 0-9 and apostrophes, and every other character that is not
 * white space (by JavaScript's \s) alone, each UTF-16 code unit of it; 32-bit FNV-1a with fmix32 of
 * each token's code units. The same hashes as matching /[a-z0-9']+|[^\sa-z0-9']/g and hashing each
 * match, without making the strings. Hash 0 is never given.
 */
export function classLmTokens(featureText: string): Uint32Array {
  let out = scratch;
  let n = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i <= featureText.length; i++) {
    const c = i < featureText.length ? featureText.charCodeAt(i) : 0x20;
    const word = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x27;
    if (inWord && !word) {
      if (n === out.length) out = grow(out);
      out[n++] = fmix32(h) || 1;
      inWord = false;
    }
    if (word) {
      if (!inWord) {
        h = FNV_OFFSET;
        inWord = true;
      }
      h = Math.imul(h ^ c, FNV_PRIME) >>> 0;
    } else if (!isSpace(c)) {
      if (n === out.length) out = grow(out);
      out[n++] = fmix32(Math.imul(FNV_OFFSET ^ c, FNV_PRIME) >>> 0) || 1;
    }
  }
  scratch = out;
  return out.slice(0, n);
}

let scratch = new Uint32Array(1024);
const grow = (a: Uint32Array) => {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
};

/** JavaScript's \s: the white space and line terminators of ECMAScript. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

let ratios = new Float64Array(512);
/** Each position's bigram key, reused between calls. */
let bigramKeys = new Uint32Array(512);
/** Sink for the prefetching loads, so that the compiler keeps them. */
let prefetchSink = 0;

/**
 * The {@link CLASS_LM_FEATURES} of one document's word hashes, written into `out` from `offset`:
 * the mean, SD, 10/50/90th percentiles and share above 0 of the per-token bigram log-ratio
 * log p_machine(w | prev) - log p_human(w | prev), the mean unigram log-ratio, and the mean times
 * the square root of the token count (how sure the mean is). No tokens: zeros.
 */
export function classLmFeatures(tokens: Uint32Array, lm: ClassLmTables, out: Float32Array, offset: number): void {
  const n = tokens.length;
  if (n === 0) {
    out.fill(0, offset, offset + CLASS_LM_FEATURES.length);
    return;
  }
  if (ratios.length < n) ratios = new Float64Array(n * 2);
  if (bigramKeys.length < n) bigramKeys = new Uint32Array(n * 2);
  const { words, bigrams, denominators } = lm;
  // First one load of every look-up's home slot, which the CPU issues many at a time since none
  // depends on another; then the look-ups themselves, which mostly hit lines already in cache (as
  // the reference LM's scoreSymbols does: the tables are far larger than the cache).
  let sink = 0;
  let p = BOS;
  for (let i = 0; i < n; i++) {
    const w = tokens[i]!;
    const key = bigramKey(p, w);
    bigramKeys[i] = key;
    sink ^= words.home(w) ^ bigrams.home(key);
    p = w;
  }
  prefetchSink ^= sink;
  const [denM, denH] = denominators;
  const d = ClassLm.DISCOUNT;
  let sum = 0;
  let unigramSum = 0;
  let positive = 0;
  let prevAt = words.find(BOS);
  for (let i = 0; i < n; i++) {
    const w = tokens[i]!;
    const at = words.find(w);
    const um = ((at < 0 ? 0 : words.value(at, 0)) + 1) / denM;
    const uh = ((at < 0 ? 0 : words.value(at, 1)) + 1) / denH;
    const nM = prevAt < 0 ? 0 : words.value(prevAt, 2);
    const nH = prevAt < 0 ? 0 : words.value(prevAt, 4);
    const b = nM > 0 || nH > 0 ? bigrams.find(bigramKeys[i]!) : -1;
    // Each side: its bigram estimate after a context it has seen, its unigram estimate otherwise.
    const lm1 = nM > 0 ? Math.log(Math.max((b < 0 ? 0 : bigrams.value(b, 0)) - d, 0) / nM + ((d * words.value(prevAt, 3)) / nM) * um) : Math.log(um);
    const lh1 = nH > 0 ? Math.log(Math.max((b < 0 ? 0 : bigrams.value(b, 1)) - d, 0) / nH + ((d * words.value(prevAt, 5)) / nH) * uh) : Math.log(uh);
    const r = lm1 - lh1;
    ratios[i] = r;
    sum += r;
    unigramSum += Math.log(um / uh);
    if (r > 0) positive++;
    prevAt = at;
  }
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (ratios[i]! - mean) ** 2;
  const sorted = ratios.subarray(0, n).sort();
  const q = (f: number) => {
    const x = f * (n - 1);
    const lo = Math.floor(x);
    return sorted[lo]! + (sorted[Math.min(lo + 1, n - 1)]! - sorted[lo]!) * (x - lo);
  };
  const values = [mean, Math.sqrt(squares / n), q(0.1), q(0.5), q(0.9), positive / n, unigramSum / n, mean * Math.sqrt(n)];
  for (let i = 0; i < values.length; i++) out[offset + i] = Number.isFinite(values[i]!) ? values[i]! : 0;
}

const MAGIC = 0x4d4c5343; // "CSLM" read little-endian
const VERSION = 1;

/** The bytes of `class-lm.bin`: both LMs' counts, little-endian 32-bit words. */
export function encodeClassLm(lm: ClassLm): Uint8Array {
  const parts = [lm.machine, lm.human];
  const words = 2 + parts.reduce((s, c) => s + 4 + c.unigrams.keys.length * 2 + c.contexts.keys.length * 3 + c.bigrams.keys.length * 2, 0);
  const view = new DataView(new ArrayBuffer(words * 4));
  let at = 0;
  const put = (v: number) => {
    view.setUint32(at, v, true);
    at += 4;
  };
  const putAll = (a: Uint32Array) => a.forEach(put);
  put(MAGIC);
  put(VERSION);
  for (const c of parts) {
    put(c.tokens);
    put(c.unigrams.keys.length);
    put(c.contexts.keys.length);
    put(c.bigrams.keys.length);
    putAll(c.unigrams.keys);
    putAll(c.unigrams.counts);
    putAll(c.contexts.keys);
    putAll(c.contexts.counts);
    putAll(c.bigrams.keys);
    putAll(c.bigrams.counts);
  }
  return new Uint8Array(view.buffer);
}

/** Reads {@link encodeClassLm}'s bytes; throws a RangeError naming what is wrong with them. */
export function decodeClassLm(bytes: Uint8Array): ClassLm {
  if (bytes.byteLength % 4 !== 0) throw new RangeError(`class LM file ends early (${bytes.byteLength} bytes, not whole 32-bit words)`);
  const words = littleEndianWords(bytes);
  let at = 0;
  const take = (n: number) => {
    if (at + n > words.length) throw new RangeError(`class LM file ends early (${bytes.byteLength} bytes)`);
    const part = words.subarray(at, at + n);
    at += n;
    return part;
  };
  const get = () => take(1)[0]!;
  if (get() !== MAGIC) throw new RangeError('not a class LM file (bad magic)');
  const version = get();
  if (version !== VERSION) throw new RangeError(`class LM file version ${version}, this build reads ${VERSION}`);
  const read = (): BigramCountArrays => {
    const tokens = get();
    const [u, c, b] = [get(), get(), get()];
    return {
      tokens,
      unigrams: { keys: take(u), counts: take(u) },
      contexts: { keys: take(c), counts: take(c * 2) },
      bigrams: { keys: take(b), counts: take(b) },
    };
  };
  const machine = read();
  const human = read();
  if (at !== words.length) throw new RangeError(`class LM file has ${(words.length - at) * 4} bytes after its end`);
  return new ClassLm(machine, human);
}

/** The bytes as little-endian 32-bit words, in a copy of their own (aligned, and not a view of a pooled buffer). */
function littleEndianWords(bytes: Uint8Array): Uint32Array {
  const words = new Uint32Array(bytes.byteLength / 4);
  new Uint8Array(words.buffer).set(bytes);
  if (!LITTLE_ENDIAN) {
    const view = new DataView(words.buffer);
    for (let i = 0; i < words.length; i++) words[i] = view.getUint32(i * 4, true);
  }
  return words;
}

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
