import { z } from 'zod';
import { MATTR_WINDOW } from '../features/lexical-diversity.js';
import type { CorpusSketch } from './corpus-sketch.js';
import { distinctCount, HLL_RELATIVE_ERROR, type DistinctSketch } from './distinct-sketch.js';
import { binRange, quantileBin } from './length-histogram.js';
import { rankFrequency, unigramEntropy, vocabularySize } from './word-counts.js';

/**
 * The corpus statistics as people read them (the manifest's `diversity.<shard>`, `crawlsift stats`),
 * computed from a {@link CorpusSketch}. Every figure is defined, with its unit, in docs/diversity.md.
 * A ratio whose denominator is 0 is null.
 */
const ratio = z.number().nullable();
const count = z.number().int().nonnegative();
const bin = z.tuple([count, z.number()]);

export const DiversityFiguresSchema = z.object({
  documents: count,
  /**
   * The documents measured: one in `every` (1: all), chosen by a hash of their text. Every figure but
   * `documents` and `documentWords` is theirs: with `every` > 1, an estimate from that sample.
   */
  sampled: z.object({ every: count, documents: count }),
  words: count,
  vocabulary: z.number().nonnegative(),
  distinct1: ratio,
  distinct2: ratio,
  distinct3: ratio,
  mattr: ratio,
  entropyBitsPerWord: z.number().nonnegative(),
  tailShare: ratio,
  surprisalBitsPerToken: ratio,
  compressionRatio: ratio,
  documentWords: z.object({ mean: ratio, min: count, max: count, p10: bin, p50: bin, p90: bin }),
  /** Standard errors of the figures that can be estimates; 0 where the figure is exact. */
  standardErrors: z.object({
    vocabulary: z.number().nonnegative(),
    distinct1: z.number().nonnegative(),
    distinct2: z.number().nonnegative(),
    distinct3: z.number().nonnegative(),
    entropyBitsPerWord: z.number().nonnegative(),
  }),
  /** Rank-frequency curve: [rank, occurrences] at up to 60 ranks evenly spaced on a log scale. */
  zipf: z.array(z.tuple([z.number().positive(), z.number().nonnegative()])),
  /** sha256 (hex, first 12 digits) of the reference LM file surprisal is measured under. */
  referenceLm: z.string(),
});
export type DiversityFigures = z.infer<typeof DiversityFiguresSchema>;

function div(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

/** Distinct n-grams as a count and its standard error (0 when exact). */
function distinctWithError(s: DistinctSketch): { count: number; se: number } {
  const { count: n, exact } = distinctCount(s);
  return { count: n, se: exact ? 0 : n * HLL_RELATIVE_ERROR };
}

/** The figures of a corpus from its sketch; `zipf: false` leaves the rank-frequency curve empty (bootstrap replicates). Pure. */
export function diversityFigures(s: CorpusSketch, options: { zipf?: boolean } = {}): DiversityFigures {
  const vocabulary = vocabularySize(s.wordCounts);
  const entropy = unigramEntropy(s.wordCounts, s.words);
  const bigrams = distinctWithError(s.bigrams);
  const trigrams = distinctWithError(s.trigrams);
  // The bins a quantile falls in, clipped to the longest document (the last bin is open-ended).
  const quantile = (q: number): [number, number] => {
    if (s.documents === 0) return [0, 0];
    const [from, to] = binRange(quantileBin(s.lengthBins, q));
    return [from, Math.min(to, s.maxWords)];
  };
  return {
    documents: s.documents,
    sampled: { every: s.sampleEvery, documents: s.sampledDocuments },
    words: s.words,
    vocabulary: vocabulary.value,
    distinct1: div(vocabulary.value, s.words),
    distinct2: div(bigrams.count, s.bigramPositions),
    distinct3: div(trigrams.count, s.trigramPositions),
    mattr: div(s.mattrDistinct, s.mattrWindows * MATTR_WINDOW),
    entropyBitsPerWord: entropy.value,
    tailShare: div(s.tailWords, s.eligibleWords),
    surprisalBitsPerToken: div(s.surprisalMillibits / 1000, s.lmTokens),
    compressionRatio: div(s.compressedBits / 8, s.compressedCodeUnits),
    documentWords: {
      mean: div(s.lengthWords, s.documents),
      min: s.minWords,
      max: s.maxWords,
      p10: quantile(0.1),
      p50: quantile(0.5),
      p90: quantile(0.9),
    },
    standardErrors: {
      vocabulary: vocabulary.standardError,
      distinct1: s.words > 0 ? vocabulary.standardError / s.words : 0,
      distinct2: s.bigramPositions > 0 ? bigrams.se / s.bigramPositions : 0,
      distinct3: s.trigramPositions > 0 ? trigrams.se / s.trigramPositions : 0,
      entropyBitsPerWord: entropy.standardError,
    },
    zipf: options.zipf === false ? [] : rankFrequency(s.wordCounts),
    referenceLm: s.referenceLm.slice(0, 12),
  };
}
