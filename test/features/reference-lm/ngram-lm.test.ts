import { describe, expect, it } from 'vitest';
import {
  NgramCounter, buildNgramLm, scoreSymbols, createTokenScores, likelihoodMoments, type NgramLm,
} from '../../../src/features/reference-lm/index.js';

// Corpus 1 2 1 2 1 3, bigram model, D = 0.5. By hand:
//   unigrams: c(1)=3, c(2)=2, c(3)=1, T=6 -> P(1)=2.5/6, P(2)=1.5/6, P(3)=0.5/6, P(unk)=1.5/6
//   context 1: c(1 2)=2, c(1 3)=1, total 3 -> P(2|1)=0.5, P(3|1)=1/6,
//              alpha(1) = (1 - 2/3) / (1 - P(2) - P(3)) = (1/3) / (2/3) = 0.5
//   context 2: c(2 1)=2, total 2 -> P(1|2)=0.75, alpha(2) = 0.25 / (1 - 2.5/6) = 3/7
//   context 3: never followed by anything -> no entry, backs off with alpha = 1
function tinyLm(): NgramLm {
  const c = new NgramCounter(2);
  c.add([1, 2, 1, 2, 1, 3]);
  return buildNgramLm(c, { order: 2, discount: 0.5 });
}
const UNK = 99;

describe('back-off n-gram LM', () => {
  it('gives hand-computed probabilities, back-off and ranks', () => {
    const s = scoreSymbols(tinyLm(), [1, 3, 2, 1, 1, UNK], createTokenScores(1));
    const p = Array.from(s.logp.subarray(0, 6), Math.exp);
    expect(p[0]).toBeCloseTo(2.5 / 6, 6); // first token: unigram
    expect(p[1]).toBeCloseTo(1 / 6, 6); // P(3|1)
    expect(p[2]).toBeCloseTo(1.5 / 6, 6); // context 3 absent: plain unigram
    expect(p[3]).toBeCloseTo(0.75, 6); // P(1|2)
    expect(p[4]).toBeCloseTo(0.5 * (2.5 / 6), 6); // alpha(1) * P(1)
    expect(p[5]).toBeCloseTo(0.5 * (1.5 / 6), 6); // alpha(1) * P(unk)
    // Ranks: back-off ranks come after the context's kept continuations.
    expect(Array.from(s.rank.subarray(0, 6))).toEqual([1, 2, 2, 1, 2 + 1, 2 + 4]);
    expect(Array.from(s.hitOrder.subarray(0, 6))).toEqual([1, 2, 1, 2, 1, 0]);
  });

  it('stores each context distribution\'s exact mean and variance of log p', () => {
    const lm = tinyLm();
    // Brute force over the vocabulary {1, 2, 3} plus the unknown symbol.
    for (const ctx of [1, 2, 3]) {
      const probs = [1, 2, 3, UNK].map((w) => Math.exp(scoreSymbols(lm, [ctx, w], createTokenScores(2)).logp[1]!));
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      const mean = probs.reduce((a, p) => a + p * Math.log(p), 0);
      const second = probs.reduce((a, p) => a + p * Math.log(p) ** 2, 0);
      const s = scoreSymbols(lm, [ctx, 1], createTokenScores(2));
      expect(s.mean[1]).toBeCloseTo(mean, 5);
      expect(s.variance[1]).toBeCloseTo(second - mean * mean, 5);
    }
  });

  it('keeps the moments exact through two levels of back-off', () => {
    const c = new NgramCounter(3);
    c.add([1, 2, 3, 1, 2, 1, 3, 2, 1, 2, 3]);
    const lm = buildNgramLm(c, { order: 3, discount: 0.6 });
    for (const ctx of [[1, 2], [2, 1], [3, 3]]) {
      const probs = [1, 2, 3, UNK].map((w) => Math.exp(scoreSymbols(lm, [...ctx, w], createTokenScores(3)).logp[2]!));
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
      const mean = probs.reduce((a, p) => a + p * Math.log(p), 0);
      expect(scoreSymbols(lm, [...ctx, 1], createTokenScores(3)).mean[2]).toBeCloseTo(mean, 5);
    }
  });

  it('prunes rare n-grams into the back-off mass', () => {
    const c = new NgramCounter(2);
    c.add([1, 2, 1, 2, 1, 3]);
    const lm = buildNgramLm(c, { order: 2, discount: 0.5, minCounts: [1, 2] });
    // (1 3) seen once is pruned: P(3|1) = alpha(1) P(3), alpha(1) = (1 - 0.5) / (1 - 1.5/6)
    const p = Math.exp(scoreSymbols(lm, [1, 3], createTokenScores(2)).logp[1]!);
    expect(p).toBeCloseTo((0.5 / (1 - 1.5 / 6)) * (0.5 / 6), 6);
  });
});

describe('likelihoodMoments', () => {
  it('computes the Fast-DetectGPT analytic discrepancy and the Binoculars ratio', () => {
    const s = createTokenScores(2);
    s.length = 2;
    s.logp.set([-1, -3]);
    s.mean.set([-2, -2]);
    s.variance.set([0.5, 1.5]);
    const m = likelihoodMoments(s);
    expect(m.meanLogp).toBeCloseTo(-2, 6);
    expect(m.stdLogp).toBeCloseTo(1, 6);
    expect(m.discrepancy).toBeCloseTo((-4 - -4) / Math.sqrt(2), 6);
    expect(m.binocularsRatio).toBeCloseTo(2 / 2, 6);
    s.logp.set([-0.5, -1.5]); // more likely than the model expects: positive discrepancy
    const m2 = likelihoodMoments(s);
    expect(m2.discrepancy).toBeCloseTo((-2 - -4) / Math.sqrt(2), 6);
    expect(m2.discrepancyPerToken).toBeCloseTo(2 / Math.sqrt(2) / Math.sqrt(2), 6);
    expect(m2.binocularsRatio).toBeCloseTo(1 / 2, 6);
  });
});
