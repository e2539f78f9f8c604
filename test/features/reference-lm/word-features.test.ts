import { describe, expect, it } from 'vitest';
import {
  NgramCounter, buildNgramLm, referenceLmWordFeatures, wordSymbols, WORD_FEATURE_COUNT,
} from '../../../src/features/reference-lm/index.js';

// The tiny bigram LM of ngram-lm.test.ts, over words: corpus "a b a b a c", D = 0.5.
// Scoring "a c b a a zzz" gives (hand-computed there, symbols a=1, b=2, c=3, zzz unknown):
//   p     = [2.5/6, 1/6, 1.5/6, 0.75, 0.5 * 2.5/6, 0.5 * 1.5/6]
//   rank  = [1, 2, 2, 1, 3, 6]
//   order = [1, 2, 1, 2, 1, 0]   (2: bigram hit, 1: unigram, 0: unknown)
const P = [2.5 / 6, 1 / 6, 1.5 / 6, 0.75, 0.5 * (2.5 / 6), 0.5 * (1.5 / 6)];

function tinyWordLm() {
  const counter = new NgramCounter(2);
  counter.add(Array.from(wordSymbols('a b a b a c', 100).symbols.subarray(0, 6)));
  return buildNgramLm(counter, { order: 2, discount: 0.5 });
}

describe('referenceLmWordFeatures', () => {
  it('assembles likelihood statistics, quantiles and rank/hit shares by hand', () => {
    const f = referenceLmWordFeatures('a c b a a zzz', tinyWordLm());
    expect(f).toHaveLength(WORD_FEATURE_COUNT);
    const logp = P.map(Math.log);
    const mean = logp.reduce((s, x) => s + x, 0) / 6;
    expect(f[0]).toBeCloseTo(mean, 5); // lm_word_mean_logp
    const sorted = [...logp].sort((x, y) => x - y);
    expect(f[2]).toBeCloseTo(sorted[Math.floor(0.1 * 6)]!, 5); // q10: sorted[0]
    expect(f[3]).toBeCloseTo(sorted[Math.floor(0.5 * 6)]!, 5); // q50: sorted[3]
    // Shares over 6 tokens: rank 1 at tokens 0 and 3; all within 10 and 100; none past 1000;
    // bigram hits at tokens 1 and 3; unigram-or-unknown at 0, 2, 4, 5; unknown at 5.
    expect(Array.from(f.subarray(8, 15))).toEqual([2 / 6, 1, 1, 0, 2 / 6, 4 / 6, 1 / 6].map(Math.fround));
  });
});
