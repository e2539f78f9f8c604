/**
 * Reader for CMU Sphinx's binary trie language models (`.lm.bin`, "Trie Language Model", written
 * by sphinx_lm_convert and read by sphinxbase/pocketsphinx's ngram_model_trie.c and lm_trie.c),
 * such as Debian's pocketsphinx-en-us `en-us.lm.bin`. Detector lab only (the spoken-English LM
 * was tried as sig-5 and not adopted): bench/detector-lab/build-spoken-lm.ts and cmu-lm-lab.ts
 * convert the model with it.
 *
 * Layout (little-endian), as lm_trie.c writes it:
 * - the 19 ASCII bytes "Trie Language Model", a u8 order N, N u32 n-gram counts (room for the
 *   n-grams and the filler n-grams the writer adds so that every higher n-gram is reachable);
 * - the quantiser: an i32 (formerly its type), then float32 tables of 2^16 values: for each
 *   middle order 2..N-1 a probability table and a back-off table, then the top order's
 *   probability table;
 * - counts[0] + 1 unigrams of { f32 log prob, f32 log back-off, u32 first child }: the children of
 *   unigram i are middle entries [next_i, next_{i+1});
 * - the middle orders, then the top order, as bit-packed entries (bit k of the array is bit k % 8
 *   of byte k / 8). A middle entry is { word: bits(V), back-off code: 16, probability code: 16,
 *   first child: bits(count of the next order) }; a top entry is { word: bits(V), probability
 *   code: 16 }; each array has one more entry whose child field ends the last entry's range, and 8
 *   bytes of padding;
 * - an i32 byte length, then the vocabulary as NUL-terminated strings in word-id order.
 *
 * The trie is keyed backwards: below unigram w come the words v before it (bigram "v w"), below
 * those the words u before v (trigram "u v w"). Log values are in base 1.0001 (sphinxbase's
 * logmath); this reader returns natural logs.
 */

const MAGIC = 'Trie Language Model';
const QUANT_BITS = 16;
const QUANT_TABLE = 1 << QUANT_BITS;
/** sphinxbase stores log values in base 1.0001. */
const LN_BASE = Math.log(1.0001);

/** The n-grams of one order, in text order (the predicted word last). */
export interface BackoffLevel {
  /** n word ids per entry, oldest first. */
  words: Uint32Array;
  /** Natural log P(last word | the others). */
  logp: Float32Array;
  /** Natural log back-off weight of the entry as a context; null for the highest order. */
  backoff: Float32Array | null;
  count: number;
}

/** A back-off n-gram model as an ARPA file states it: explicit n-grams with back-off weights. */
export interface BackoffLm {
  order: number;
  /** Vocabulary, by word id. */
  words: string[];
  /** levels[n - 1]: the n-grams of order n (unigrams first). */
  levels: BackoffLevel[];
}

/** Thrown for a file that is not a Sphinx trie model or is cut short. */
export class SphinxTrieError extends Error {}

const bitsFor = (max: number): number => (max === 0 ? 0 : 32 - Math.clz32(max));

/** Parses a Sphinx binary trie model. */
export function parseSphinxTrie(file: Uint8Array): BackoffLm {
  if (file.length < MAGIC.length + 1 || new TextDecoder('latin1').decode(file.subarray(0, MAGIC.length)) !== MAGIC) {
    throw new SphinxTrieError('not a Sphinx trie language model (no "Trie Language Model" header)');
  }
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const need = (at: number, bytes: number) => {
    if (at + bytes > file.length) throw new SphinxTrieError(`file cut short: needs ${at + bytes} bytes, has ${file.length}`);
  };
  let at = MAGIC.length;
  const order = file[at++]!;
  if (order < 1 || order > 6) throw new SphinxTrieError(`unsupported model order ${order}`);
  need(at, 4 * order);
  const counts = Array.from({ length: order }, (_, i) => view.getUint32(at + 4 * i, true));
  at += 4 * order;

  const floats = (n: number): Float32Array => {
    need(at, 4 * n);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = view.getFloat32(at + 4 * i, true) * LN_BASE;
    at += 4 * n;
    return out;
  };
  const middleTables: Array<{ prob: Float32Array; backoff: Float32Array }> = [];
  let topTable: Float32Array = new Float32Array(0);
  if (order > 1) {
    at += 4; // the former quantisation type
    for (let n = 2; n < order; n++) middleTables.push({ prob: floats(QUANT_TABLE), backoff: floats(QUANT_TABLE) });
    topTable = floats(QUANT_TABLE);
  }

  const vocab = counts[0]!;
  need(at, 12 * (vocab + 1));
  const uniLogp = new Float32Array(vocab);
  const uniBackoff = new Float32Array(vocab);
  const uniNext = new Uint32Array(vocab + 1);
  for (let i = 0; i <= vocab; i++) {
    const o = at + 12 * i;
    if (i < vocab) {
      uniLogp[i] = view.getFloat32(o, true) * LN_BASE;
      uniBackoff[i] = view.getFloat32(o + 4, true) * LN_BASE;
    }
    uniNext[i] = view.getUint32(o + 8, true);
  }
  at += 12 * (vocab + 1);

  // Bit-packed arrays of the middle orders and the top order.
  const wordBits = bitsFor(vocab);
  const arrays: Array<{ base: number; totalBits: number; nextBits: number }> = [];
  for (let n = 2; n <= order; n++) {
    const entries = counts[n - 1]!;
    const nextBits = n < order ? bitsFor(counts[n]!) : 0;
    const totalBits = wordBits + (n < order ? 2 * QUANT_BITS + nextBits : QUANT_BITS);
    arrays.push({ base: at, totalBits, nextBits });
    at += Math.floor(((1 + entries) * totalBits + 7) / 8) + 8;
  }
  need(at, 4);
  const vocabBytes = view.getInt32(at, true);
  at += 4;
  need(at, vocabBytes);
  const words = new TextDecoder('utf-8').decode(file.subarray(at, at + vocabBytes)).split('\0').slice(0, vocab);
  if (words.length !== vocab) throw new SphinxTrieError(`vocabulary holds ${words.length} words, the header says ${vocab}`);

  /** `bits` (<= 25) bits at bit offset `bit` of the array starting at byte `base`. */
  const read = (base: number, bit: number, bits: number): number => {
    const byte = base + (bit >>> 3);
    const word = (file[byte]! | (file[byte + 1]! << 8) | (file[byte + 2]! << 16) | (file[byte + 3]! << 24)) >>> 0;
    return (word >>> (bit & 7)) & (bits === 32 ? 0xffffffff : (1 << bits) - 1);
  };

  const levels: BackoffLevel[] = [{ words: Uint32Array.from({ length: vocab }, (_, i) => i), logp: uniLogp, backoff: order > 1 ? uniBackoff : null, count: vocab }];
  for (let n = 2; n <= order; n++) {
    const entries = counts[n - 1]!;
    levels.push({ words: new Uint32Array(entries * n), logp: new Float32Array(entries), backoff: n < order ? new Float32Array(entries) : null, count: 0 });
  }
  // Depth-first walk down the reversed trie; `reversed` holds w, v, u... of the current path.
  const reversed = new Uint32Array(order);
  const visit = (n: number, begin: number, end: number): void => {
    const arr = arrays[n - 2]!;
    const level = levels[n - 1]!;
    for (let e = begin; e < end; e++) {
      const bit = e * arr.totalBits;
      reversed[n - 1] = read(arr.base, bit, wordBits);
      const k = level.count++;
      for (let j = 0; j < n; j++) level.words[k * n + j] = reversed[n - 1 - j]!;
      if (n < order) {
        const { prob, backoff } = middleTables[n - 2]!;
        level.backoff![k] = backoff[read(arr.base, bit + wordBits, QUANT_BITS)]!;
        level.logp[k] = prob[read(arr.base, bit + wordBits + QUANT_BITS, QUANT_BITS)]!;
        const childAt = wordBits + 2 * QUANT_BITS;
        const first = read(arr.base, bit + childAt, arr.nextBits);
        const last = read(arr.base, bit + arr.totalBits + childAt, arr.nextBits);
        visit(n + 1, first, last);
      } else {
        level.logp[k] = topTable[read(arr.base, bit + wordBits, QUANT_BITS)]!;
      }
    }
  };
  if (order > 1) {
    for (let w = 0; w < vocab; w++) {
      reversed[0] = w;
      visit(2, uniNext[w]!, uniNext[w + 1]!);
    }
  }
  // The header's counts are those the writer allocated for: its count of filler n-grams can run a
  // few over what it inserts (en-us.lm.bin: 2,051,547 bigrams allocated, 2,051,541 reachable). The
  // walk reaches every entry the unigrams' child ranges cover, and no more.
  for (let n = 2; n <= order; n++) {
    const level = levels[n - 1]!;
    if (level.count > counts[n - 1]!) throw new SphinxTrieError(`found ${level.count} ${n}-grams, more than the header's ${counts[n - 1]}`);
    level.words = level.words.subarray(0, level.count * n);
    level.logp = level.logp.subarray(0, level.count);
    if (level.backoff) level.backoff = level.backoff.subarray(0, level.count);
  }
  return { order, words, levels };
}
