import { describe, expect, it } from 'vitest';
import { mulberry32 as rng } from '../../../src/random.js';
import {
  NgramCounter, buildNgramLm, scoreSymbols, createTokenScores, findSlot, shippedReferenceLm, shippedWordLm, parseScoringWordLm,
  shippedReferenceLmPath, wordSymbols, type NgramLm, type PackedLm, type TokenScores,
} from '../../../src/features/reference-lm/index.js';
import { readFileSync } from 'node:fs';
import { contextSeed, keyOf, ngramSeed } from '../../../src/features/reference-lm/hash.js';
import { quantiles10and50 } from '../../../src/features/reference-lm/features.js';

/**
 * The back-off walk as it was before the packed tables and the key/prefetch passes: the
 * parallel arrays, one `findSlot` per look-up. The fast `scoreSymbols` must agree bit for bit.
 */
function referenceScore(lm: NgramLm, symbols: ArrayLike<number>, out: TokenScores): TokenScores {
  out.length = symbols.length;
  for (let t = 0; t < symbols.length; t++) {
    let logAlpha = 0;
    let rankOffset = 0;
    let haveDist = false;
    let mean = lm.rootMean;
    let second = lm.rootSecond;
    let logp = 0;
    let rank = 0;
    let hit = 0;
    for (let order = Math.min(lm.order, t + 1); order >= 1; order--) {
      const start = t - order + 1;
      let ci = -1;
      if (order > 1) {
        ci = findSlot(lm.ctxKeys, keyOf(contextSeed(order - 1), symbols, start, order - 1));
        if (ci < 0) continue;
        if (!haveDist) {
          mean = lm.ctxMean[ci]!;
          second = lm.ctxSecond[ci]!;
          haveDist = true;
        }
      }
      const ni = findSlot(lm.ngramKeys, keyOf(ngramSeed(order), symbols, start, order));
      if (ni >= 0) {
        logp = logAlpha + lm.ngramLogp[ni]!;
        rank = rankOffset + lm.ngramRank[ni]!;
        hit = order;
        break;
      }
      if (ci >= 0) {
        logAlpha += lm.ctxLogAlpha[ci]!;
        rankOffset += lm.ctxKept[ci]!;
      }
    }
    if (hit === 0) {
      logp = logAlpha + lm.unkLogp;
      rank = rankOffset + lm.unkRank;
    }
    out.logp[t] = logp;
    out.mean[t] = mean;
    out.variance[t] = Math.max(0, second - mean * mean);
    out.rank[t] = rank;
    out.hitOrder[t] = hit;
  }
  return out;
}

function expectSameScores(lm: NgramLm, symbols: ArrayLike<number>): void {
  const n = symbols.length;
  const want = referenceScore(lm, symbols, createTokenScores(n));
  const got = scoreSymbols(lm, symbols, createTokenScores(1));
  expect(got.length).toBe(n);
  for (const field of ['logp', 'mean', 'variance', 'rank', 'hitOrder'] as const) {
    expect(Array.from(got[field].subarray(0, n))).toEqual(Array.from(want[field].subarray(0, n)));
  }
}

describe('scoreSymbols (packed tables, prefetch pass)', () => {
  it('matches the parallel-array walk on random sequences, orders 1 to 5', () => {
    const random = rng(7);
    for (let order = 1; order <= 5; order++) {
      const counter = new NgramCounter(order);
      // A small alphabet, so that every order has hits, misses and back-off.
      for (let s = 0; s < 40; s++) counter.add(Array.from({ length: 30 }, () => 1 + Math.floor(random() * 6)));
      const lm = buildNgramLm(counter, { order, discount: 0.6, minCounts: [1, 2, 2, 2, 2] });
      for (let s = 0; s < 50; s++) {
        const len = Math.floor(random() * 40);
        expectSameScores(lm, Array.from({ length: len }, () => 1 + Math.floor(random() * 8)));
      }
    }
  });

  it('matches the parallel-array walk on the shipped word model for random word sequences', () => {
    const lm = shippedReferenceLm().word;
    for (const seq of shippedWordSequences()) expectSameScores(lm, seq);
  });

  it('gives the same bits from the scoring form (packed from the file, no parallel arrays), aligned or not', () => {
    const full = shippedReferenceLm().word;
    const bytes = readFileSync(shippedReferenceLmPath());
    const unaligned = new Uint8Array(bytes.length + 1).subarray(1);
    unaligned.set(bytes);
    const forms: PackedLm[] = [shippedWordLm(), parseScoringWordLm(unaligned), parseScoringWordLm(bytes, { shared: true })];
    for (const packed of forms) {
      expect('ngramKeys' in packed).toBe(false);
      for (const seq of shippedWordSequences()) {
        const want = scoreSymbols(full, seq, createTokenScores(1));
        const got = scoreSymbols(packed, seq, createTokenScores(1));
        for (const field of ['logp', 'mean', 'variance', 'rank', 'hitOrder'] as const) {
          expect(Array.from(got[field].subarray(0, seq.length))).toEqual(Array.from(want[field].subarray(0, seq.length)));
        }
      }
    }
  });
});

/**
 * Word-symbol sequences for the shipped model: symbols of frequent words mixed with random 32-bit
 * symbols (mostly unknown to the model), and the real texts of the dev fixture.
 */
function shippedWordSequences(): Uint32Array[] {
  const random = rng(11);
  const words = ['the', 'of', 'and', 'to', 'a', 'in', 'is', 'it', 'that', 'was', 'for', 'on', ',', '.', 'he', 'with'];
  const hash = (w: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  const symbols = words.map(hash);
  const mixed = Array.from({ length: 200 }, () => {
    const len = Math.floor(random() * 300);
    return Uint32Array.from({ length: len }, () =>
      random() < 0.9 ? symbols[Math.floor(random() * symbols.length)]! : Math.floor(random() * 2 ** 32),
    );
  });
  const texts = readFileSync(new URL('../../../fixtures/labeled/dev-small.jsonl', import.meta.url), 'utf8').trim().split('\n');
  const real = texts.map((line) => Uint32Array.from(wordSymbols((JSON.parse(line) as { text: string }).text, 300).symbols));
  return [...mixed, ...real];
}

describe('quantiles10and50', () => {
  it('gives what a sorted Float32Array holds at the 10% and 50% ranks, bit for bit', () => {
    const random = rng(3);
    const pool = [0, -0, -1, -1.5, -20, 3, Infinity, -Infinity, 1e-30, -1e-30];
    const bits = (x: number) => new Uint32Array(Float32Array.of(x).buffer)[0];
    for (let trial = 0; trial < 3000; trial++) {
      const n = Math.floor(random() * 300);
      const values = Float32Array.from({ length: n }, () =>
        random() < 0.3 ? pool[Math.floor(random() * pool.length)]! : -random() * 15,
      );
      const sorted = Float32Array.from(values).sort();
      const q = (p: number) => (n === 0 ? 0 : sorted[Math.min(n - 1, Math.floor(p * n))]!);
      const out = new Float32Array(2);
      quantiles10and50(values, n, out, 0);
      expect([bits(out[0]!), bits(out[1]!)]).toEqual([bits(q(0.1)), bits(q(0.5))]);
    }
  });

  it('handles NaN as the sort does (last)', () => {
    const values = Float32Array.of(NaN, -1, -2, NaN, -3, -4, -5, -6, -7, -8, -9);
    const sorted = Float32Array.from(values).sort();
    const out = new Float32Array(2);
    quantiles10and50(values, values.length, out, 0);
    expect(Array.from(out)).toEqual([sorted[1], sorted[5]]);
  });
});
