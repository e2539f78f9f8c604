import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEBIAN_SPHINX_LM } from '../../bench/detector-lab/spoken-lm/build.js';
import { compileBackoffLm } from '../../bench/detector-lab/spoken-lm/from-backoff.js';
import { spokenLmFeatures } from '../../bench/detector-lab/spoken-lm/features.js';
import { parseSphinxTrie, SphinxTrieError } from '../../bench/detector-lab/spoken-lm/sphinx-trie.js';
import { scanSpokenSymbols, SENTENCE_START, spokenWordSymbol } from '../../bench/detector-lab/spoken-lm/stream.js';
import { hashString } from '../../src/features/reference-lm/hash.js';
import { createTokenScores, scoreSymbols } from '../../src/features/reference-lm/index.js';
import { NUMBER_SYMBOL } from '../../src/features/reference-lm/tokenise.js';

/**
 * A hand-made Sphinx trie file, laid out as lm_trie.c writes one (see bench/detector-lab/spoken-lm/sphinx-trie.ts): vocabulary
 * </s> <s> cat sat the (ids 0-4), bigrams "<s> the", "the cat", "cat sat", "sat </s>", trigrams
 * "<s> the cat", "the cat sat". Probabilities are chosen so that every context sums to 1.
 */
const P = { eos: 0.3, bos: 1e-99, cat: 0.2, sat: 0.2, the: 0.3 };
// Back-off weights that normalise each context (alpha = (1 - kept P) / (1 - kept P_lower)).
const BIGRAMS: Array<{ v: number; w: number; p: number; bo: number }> = [
  { v: 3, w: 0, p: 0.7, bo: 1 }, // sat </s>
  { v: 4, w: 2, p: 0.8, bo: 0.05 / (1 - 0.9) }, // the cat (context of "the cat sat")
  { v: 2, w: 3, p: 0.9, bo: 1 }, // cat sat
  { v: 1, w: 4, p: 0.6, bo: 0.1 / (1 - 0.8) }, // <s> the (context of "<s> the cat")
];
const UNIGRAM_BO = [1, 0.4 / 0.7, 0.1 / 0.8, 0.3 / 0.7, 0.2 / 0.8];
const TRIGRAMS = [
  { u: 1, v: 4, w: 2, p: 0.9 }, // <s> the cat
  { u: 4, v: 2, w: 3, p: 0.95 }, // the cat sat
];
const WORDS = ['</s>', '<s>', 'cat', 'sat', 'the'];
const toFile = (p: number) => Math.log(p) / Math.log(1.0001); // sphinxbase's base-1.0001 logs

function setBits(buf: Uint8Array, bit: number, bits: number, value: number): void {
  for (let k = 0; k < bits; k++) if ((value >>> k) & 1) buf[(bit + k) >> 3]! |= 1 << ((bit + k) & 7);
}

function tinyTrieFile(): Uint8Array {
  const parts: Uint8Array[] = [];
  const bytes = (n: number) => new Uint8Array(n);
  const le = (values: number[], kind: 'u32' | 'i32' | 'f32') => {
    const b = bytes(4 * values.length);
    const view = new DataView(b.buffer);
    values.forEach((v, i) => (kind === 'f32' ? view.setFloat32(4 * i, v, true) : kind === 'i32' ? view.setInt32(4 * i, v, true) : view.setUint32(4 * i, v, true)));
    return b;
  };
  parts.push(new TextEncoder().encode('Trie Language Model'), Uint8Array.of(3), le([5, 4, 2], 'u32'), le([1], 'i32'));
  // Quantiser tables of 2^16 floats: bigram probs (code i+1 = BIGRAMS[i].p), bigram back-offs, trigram probs.
  const table = (values: number[]) => {
    const t = new Array<number>(65536).fill(0);
    values.forEach((v, i) => (t[i + 1] = v));
    return le(t, 'f32');
  };
  parts.push(table(BIGRAMS.map((b) => toFile(b.p))), table(BIGRAMS.map((b) => toFile(b.bo))), table(TRIGRAMS.map((t) => toFile(t.p))));
  // Unigrams { prob, bo, first child in the bigram array }, plus the end sentinel.
  const probs = [P.eos, P.bos, P.cat, P.sat, P.the];
  const next = [0, 1, 1, 2, 3, 4];
  const uni: number[] = [];
  for (let i = 0; i <= 5; i++) uni.push(i < 5 ? toFile(probs[i]!) : 0, i < 5 ? toFile(UNIGRAM_BO[i]!) : 0, next[i]!);
  const uniBytes = bytes(12 * 6);
  const uv = new DataView(uniBytes.buffer);
  for (let i = 0; i < 6; i++) {
    uv.setFloat32(12 * i, uni[3 * i]!, true);
    uv.setFloat32(12 * i + 4, uni[3 * i + 1]!, true);
    uv.setUint32(12 * i + 8, uni[3 * i + 2]!, true);
  }
  parts.push(uniBytes);
  // Bigram entries, trie order (by w, then v): { word v: 3 bits, bo code: 16, prob code: 16, first child: 2 bits } = 37 bits.
  const middle = bytes(Math.floor((5 * 37 + 7) / 8) + 8);
  const trigramChildren = [0, 0, 1, 2, 2]; // entry e's trigrams are [c_e, c_{e+1}); the last is the sentinel
  BIGRAMS.forEach((b, e) => {
    setBits(middle, e * 37, 3, b.v);
    setBits(middle, e * 37 + 3, 16, e + 1);
    setBits(middle, e * 37 + 19, 16, e + 1);
  });
  trigramChildren.forEach((c, e) => setBits(middle, e * 37 + 35, 2, c));
  // Trigram entries { word u: 3 bits, prob code: 16 } = 19 bits.
  const longest = bytes(Math.floor((3 * 19 + 7) / 8) + 8);
  TRIGRAMS.forEach((t, e) => {
    setBits(longest, e * 19, 3, t.u);
    setBits(longest, e * 19 + 3, 16, e + 1);
  });
  const vocab = new TextEncoder().encode(WORDS.map((w) => `${w}\0`).join(''));
  parts.push(middle, longest, le([vocab.length], 'i32'), vocab);
  const out = bytes(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('scanSpokenSymbols', () => {
  it('reads words and sentence boundaries as a speech LM does: no punctuation, numbers unknown', () => {
    const { symbols, scored } = scanSpokenSymbols("hello, world! it's 2,024 (really). bye", 100);
    const h = (w: string) => spokenWordSymbol(w)!;
    expect(Array.from(symbols)).toEqual([
      h('<s>'), h('hello'), h('world'), h('</s>'), h('<s>'), h("it's"), NUMBER_SYMBOL, h('really'), h('</s>'), h('<s>'), h('bye'),
    ]);
    // <s> is context only; words, numbers and </s> are predicted
    expect(Array.from(scored)).toEqual([0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1]);
  });

  it('stops at maxTokens and drops what a speech vocabulary holds but the stream never makes', () => {
    expect(scanSpokenSymbols('one two three four', 3).symbols.length).toBe(3);
    expect(spokenWordSymbol("'bout")).toBeUndefined();
    expect(spokenWordSymbol('a.')).toBeUndefined();
    expect(spokenWordSymbol("don't")).toBe(hashString("don't"));
  });
});

describe('parseSphinxTrie', () => {
  const lm = parseSphinxTrie(tinyTrieFile());
  const ngrams = (n: number) => {
    const l = lm.levels[n - 1]!;
    return Array.from({ length: l.count }, (_, k) => ({
      words: Array.from(l.words.subarray(k * n, (k + 1) * n), (i) => lm.words[i]).join(' '),
      p: Math.exp(l.logp[k]!),
      bo: l.backoff ? Math.exp(l.backoff[k]!) : undefined,
    }));
  };

  it('reads the header, the vocabulary and the unigrams, in natural logs', () => {
    expect(lm.order).toBe(3);
    expect(lm.words).toEqual(WORDS);
    expect(Math.exp(lm.levels[0]!.logp[4]!)).toBeCloseTo(0.3, 5);
    expect(Math.exp(lm.levels[0]!.backoff![2]!)).toBeCloseTo(0.125, 5);
  });

  it('walks the reversed trie into n-grams in text order, with their probabilities and back-offs', () => {
    const bigrams = ngrams(2);
    expect(bigrams.map((b) => b.words)).toEqual(['sat </s>', 'the cat', 'cat sat', '<s> the']);
    expect(bigrams[1]!.p).toBeCloseTo(0.8, 5);
    expect(bigrams[1]!.bo).toBeCloseTo(0.5, 5);
    expect(bigrams[3]!.bo).toBeCloseTo(0.5, 5);
    const trigrams = ngrams(3);
    expect(trigrams.map((t) => t.words)).toEqual(['<s> the cat', 'the cat sat']);
    expect(trigrams[1]!.p).toBeCloseTo(0.95, 5);
    expect(trigrams[1]!.bo).toBeUndefined();
  });

  it('refuses other files and files cut short', () => {
    expect(() => parseSphinxTrie(new TextEncoder().encode('Darpa Trigram LM'))).toThrow(SphinxTrieError);
    expect(() => parseSphinxTrie(tinyTrieFile().subarray(0, 5000))).toThrow(/cut short/);
  });
});

describe('compileBackoffLm', () => {
  const backoff = parseSphinxTrie(tinyTrieFile());
  const sym = (w: string) => spokenWordSymbol(w)!;
  const scoreAfter = (lm: ReturnType<typeof compileBackoffLm>['lm'], history: string[], w: string) => {
    const s = scoreSymbols(lm, [...history, w].map(sym), createTokenScores(8));
    return { p: Math.exp(s.logp[history.length]!), mean: s.mean[history.length]!, hit: s.hitOrder[history.length]! };
  };

  it('keeps the model: explicit n-grams, back-off where none, every context summing to 1', () => {
    const { lm, report } = compileBackoffLm(backoff, { symbolOf: spokenWordSymbol, neverPredicted: [SENTENCE_START] });
    expect(report.kept).toEqual({ unigrams: 4, bigrams: 4, trigrams: 2 }); // <s> only as context
    expect(scoreAfter(lm, ['<s>', 'the'], 'cat')).toMatchObject({ hit: 3 });
    expect(scoreAfter(lm, ['<s>', 'the'], 'cat').p).toBeCloseTo(0.9, 5);
    // P(sat | the) backs off: alpha(the) P(sat) = 0.25 * 0.2
    expect(scoreAfter(lm, ['the'], 'sat').p).toBeCloseTo(0.05, 5);
    for (const history of [['the'], ['cat'], ['<s>', 'the'], ['the', 'cat'], ['sat']]) {
      const total = ['</s>', 'cat', 'sat', 'the'].reduce((s, w) => s + scoreAfter(lm, history, w).p, 0);
      expect(total).toBeCloseTo(1, 5);
    }
  });

  it('stores each context\'s exact entropy over the vocabulary', () => {
    const { lm } = compileBackoffLm(backoff, { symbolOf: spokenWordSymbol, neverPredicted: [SENTENCE_START] });
    const ps = ['</s>', 'cat', 'sat', 'the'].map((w) => scoreAfter(lm, ['the'], w).p);
    const expected = ps.reduce((s, p) => s + p * Math.log(p), 0);
    expect(scoreAfter(lm, ['the'], 'cat').mean).toBeCloseTo(expected, 4);
  });

  it('prunes to the n-grams whose loss would change the model most, and renormalises', () => {
    const { lm, report } = compileBackoffLm(backoff, { symbolOf: spokenWordSymbol, neverPredicted: [SENTENCE_START], maxNgrams: 2 });
    expect(report.kept.bigrams + report.kept.trigrams).toBe(2);
    for (const history of [['the'], ['cat'], ['<s>', 'the'], ['the', 'cat']]) {
      const total = ['</s>', 'cat', 'sat', 'the'].reduce((s, w) => s + scoreAfter(lm, history, w).p, 0);
      expect(total).toBeCloseTo(1, 5);
    }
  });
});

describe('spokenLmFeatures', () => {
  it('scores the words and sentence ends, with the sentence starts as context only', () => {
    const { lm } = compileBackoffLm(parseSphinxTrie(tinyTrieFile()), { symbolOf: spokenWordSymbol, neverPredicted: [SENTENCE_START] });
    const text = 'the cat sat. the cat';
    const { symbols, scored } = scanSpokenSymbols(text, 100);
    const s = scoreSymbols(lm, Array.from(symbols), createTokenScores(16));
    const kept = Array.from(scored).flatMap((k, t) => (k ? [s.logp[t]!] : []));
    expect(kept).toHaveLength(6); // the cat sat </s> the cat
    const f = spokenLmFeatures(text, lm);
    expect(f[0]).toBeCloseTo(kept.reduce((a, b) => a + b, 0) / kept.length, 5); // mean log p
    // trigram hits: cat ("<s> the cat"), sat ("the cat sat"), the second cat; the rest are bigrams
    expect(f[12]).toBeCloseTo(3 / 6, 6);
    expect(f[14]).toBe(0); // nothing unknown
  });
});

describe.skipIf(!existsSync(DEBIAN_SPHINX_LM))('the Debian pocketsphinx-en-us model', () => {
  it('parses to its stated size, with unigrams that sum to 1', () => {
    const lm = parseSphinxTrie(readFileSync(DEBIAN_SPHINX_LM));
    expect(lm.levels.map((l) => l.count)).toEqual([72547, 2051541, 1669625]);
    let sum = 0;
    for (const lp of lm.levels[0]!.logp) sum += Math.exp(lp);
    expect(sum).toBeCloseTo(1, 4);
    expect(lm.words).toContain("don't");
  });
});
