// Each corpus figure on cases small enough to compute by hand (docs/diversity.md defines them).
import { describe, expect, it } from 'vitest';
import { diversityFigures } from '../../src/diversity/figures.js';
import { referenceHead, TAIL_RANK } from '../../src/diversity/reference-head.js';
import { binRange, lengthBin } from '../../src/diversity/length-histogram.js';
import { deflateRatioEstimate } from '../../src/features/compression.js';
import { FEATURE_SPEC } from '../../src/features/spec.js';
import { MAX_WORD_TOKENS } from '../../src/features/reference-lm/index.js';
import { isSampled } from '../../src/diversity/sampling.js';
import { measureUnderTinyLm, sketchOf } from './helpers.js';

describe('corpus figures, by hand', () => {
  it('counts documents, words, and types with every number as one type', () => {
    // Words: the cat saw the dog <number> <number> cats -> 8 words, 6 types, 6 eligible (numbers are not).
    const f = diversityFigures(sketchOf(['The cat saw the dog: 42 and 7 cats!'.replace(' and', '')]));
    expect(f.documents).toBe(1);
    expect(f.words).toBe(8);
    expect(f.vocabulary).toBe(6);
    expect(f.distinct1).toBeCloseTo(6 / 8, 12);
    expect(f.standardErrors.vocabulary).toBe(0);
  });

  it('distinct-n: distinct n-grams over n-gram positions, within documents', () => {
    // "a b a b" + "a b": bigrams ab ba ab | ab -> 2 distinct of 4; trigrams aba bab -> 2 of 2.
    const f = diversityFigures(sketchOf(['a b a b', 'a b']));
    expect(f.distinct2).toBeCloseTo(2 / 4, 12);
    expect(f.distinct3).toBeCloseTo(2 / 2, 12);
    expect(f.distinct1).toBeCloseTo(2 / 6, 12);
  });

  it('unigram entropy in bits per word', () => {
    // a a b c: p = 1/2, 1/4, 1/4 -> H = 1.5 bits.
    expect(diversityFigures(sketchOf(['a a b c'])).entropyBitsPerWord).toBeCloseTo(1.5, 12);
    // Across documents: a b | c d -> four equiprobable types, 2 bits.
    expect(diversityFigures(sketchOf(['a b', 'c d'])).entropyBitsPerWord).toBeCloseTo(2, 12);
  });

  it('MATTR: distinct words over windows of 50, within documents of 50 words or more', () => {
    // 52 words alternating a b: 3 windows, each with 2 distinct words -> 6 / (3 * 50).
    const alternating = Array.from({ length: 52 }, (_, i) => (i % 2 ? 'b' : 'a')).join(' ');
    // 51 distinct made-up words: 2 windows of 50 distinct -> 100 / 100. A short document adds nothing.
    const distinct = Array.from({ length: 51 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`).join(' ');
    expect(diversityFigures(sketchOf([alternating])).mattr).toBeCloseTo(6 / 150, 12);
    expect(diversityFigures(sketchOf([distinct])).mattr).toBeCloseTo(1, 12);
    expect(diversityFigures(sketchOf([alternating, distinct, 'too short'])).mattr).toBeCloseTo((6 + 100) / (150 + 100), 12);
    expect(diversityFigures(sketchOf(['too short'])).mattr).toBeNull();
  });

  it('tail share: eligible words outside the reference top 10,000 (an apostrophe form goes by its stem)', () => {
    const head = referenceHead();
    // Ranks 9,991-10,006 share one count (137): ties go alphabetically.
    expect([head.words[TAIL_RANK], head.words[TAIL_RANK + 1]]).toEqual(['psyched', 'reversed']);
    // "the" (rank 3) in; "psyched" (rank 10,000) in; "reversed" (rank 10,001) out; "zyzzyvas" unlisted,
    // out; "don't" unlisted but "don" is frequent, in; "2024" not eligible.
    const f = diversityFigures(sketchOf(["the psyched reversed zyzzyvas don't 2024"]));
    expect(f.tailShare).toBeCloseTo(2 / 5, 12);
  });

  it('surprisal: bits per reference-LM token, from the LM probabilities', () => {
    // Under the tiny LM: P(a) = 1/2, P(b) = 1/6, P(other) = 1/3 (helpers.ts).
    const f = diversityFigures(sketchOf(['a b', 'a zz']));
    expect(f.surprisalBitsPerToken).toBeCloseTo((1 + Math.log2(6) + 1 + Math.log2(3)) / 4, 3);
    // Only a document's first 300 LM tokens count (as the detector's lm_word features read it): 300 a's, not the b's after them.
    const capped = diversityFigures(sketchOf([`${'a '.repeat(MAX_WORD_TOKENS)}b b b`]));
    expect(capped.surprisalBitsPerToken).toBeCloseTo(1, 3);
  });

  it('compression ratio: compressed bits / 8 over code units, summed over documents (not a mean of ratios)', () => {
    const texts = ['abcabcabcabcabcabcabcabc', 'the quick brown fox jumps over the lazy dog'];
    const bits = texts.map((t) => Math.round(deflateRatioEstimate(t) * t.length * 8));
    const f = diversityFigures(sketchOf(texts));
    expect(f.compressionRatio).toBeCloseTo((bits[0]! + bits[1]!) / 8 / (texts[0]!.length + texts[1]!.length), 12);
    // Only the window the detector reads is compressed (its first 320 words, lower-cased); words count the whole document.
    const words = Array.from({ length: 400 }, (_, i) => `W${i}x`);
    const m = measureUnderTinyLm(words.join(' '));
    expect(FEATURE_SPEC.windowWords).toBe(320);
    expect(m.compressedCodeUnits).toBe(words.slice(0, 320).join(' ').length);
    expect(m.compressedBits).toBe(Math.round(deflateRatioEstimate(words.slice(0, 320).join(' ').toLowerCase()) * m.compressedCodeUnits * 8));
    expect([m.lengthWords, m.words]).toEqual([400, 400]);
  });

  it('document length: mean, extremes, and the bins holding the quantiles', () => {
    const texts = [1, 2, 3, 4, 100].map((n) => Array(n).fill('a').join(' '));
    const { documentWords } = diversityFigures(sketchOf(texts));
    expect(documentWords.mean).toBe(110 / 5);
    expect([documentWords.min, documentWords.max]).toEqual([1, 100]);
    expect(documentWords.p10).toEqual([1, 1]);
    expect(documentWords.p50).toEqual([3, 3]);
    // 100 words falls in an eighth-of-a-doubling bin above 16 words (99-107), clipped to the longest document.
    expect(binRange(lengthBin(100))).toEqual([99, 107]);
    expect(documentWords.p90).toEqual([99, 100]);
  });

  it('rank-frequency: types by count, most frequent first', () => {
    // a x4, b x2, c x1: [1, 4], [2, 2], [3, 1].
    expect(diversityFigures(sketchOf(['a a a a b b c'])).zipf).toEqual([[1, 4], [2, 2], [3, 1]]);
  });

  it('one document in n: documents and lengths count every document, every other figure only the sampled ones', () => {
    const texts = Array.from({ length: 40 }, (_, i) => `${'w'.repeat(1 + (i % 5))} doc${String.fromCharCode(97 + i)} ${i % 2 ? 'a b a' : 'b'}`);
    const picked = texts.filter((t) => isSampled(t, 3));
    // The hash picks some but not all (about one in 3), and `every: 1` picks all.
    expect(picked.length).toBeGreaterThan(0);
    expect(picked.length).toBeLessThan(texts.length);
    expect(texts.every((t) => isSampled(t, 1))).toBe(true);
    const sampled = diversityFigures(sketchOf(texts, undefined, 3));
    const ofPicked = diversityFigures(sketchOf(picked));
    const ofAll = diversityFigures(sketchOf(texts));
    expect(sampled.sampled).toEqual({ every: 3, documents: picked.length });
    expect(ofAll.sampled).toEqual({ every: 1, documents: texts.length });
    expect([sampled.documents, sampled.documentWords]).toEqual([ofAll.documents, ofAll.documentWords]);
    const { documents: _d, documentWords: _w, sampled: _s, ...rest } = sampled;
    const { documents: _d2, documentWords: _w2, sampled: _s2, ...restOfPicked } = ofPicked;
    expect(rest).toEqual(restOfPicked);
  });

  it('gives null ratios and zeros for an empty corpus', () => {
    const f = diversityFigures(sketchOf([]));
    expect(f).toMatchObject({ documents: 0, words: 0, vocabulary: 0, entropyBitsPerWord: 0, tailShare: null, mattr: null, surprisalBitsPerToken: null, compressionRatio: null, zipf: [] });
  });
});
