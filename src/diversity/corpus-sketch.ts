import { z } from 'zod';
import { DistinctCounter, emptyDistinct, EXACT_DISTINCT_LIMIT, mergeDistinct, type DistinctSketch } from './distinct-sketch.js';
import { DOCUMENT_SUMS, type DocumentMeasure, type DocumentSums } from './document-measure.js';
import { LENGTH_BINS, lengthBin } from './length-histogram.js';
import { emptyWordCounts, mergeWordCounts, TAIL_CAPACITY, WordCounter, type WordCounts } from './word-counts.js';

/** How much a sketch keeps exactly: tail types (`word-counts.ts`) and distinct n-grams (`distinct-sketch.ts`). */
export interface SketchLimits {
  tailCapacity: number;
  exactDistinct: number;
}

export const DEFAULT_SKETCH_LIMITS: SketchLimits = { tailCapacity: TAIL_CAPACITY, exactDistinct: EXACT_DISTINCT_LIMIT };

/**
 * Everything the corpus statistics keep about a set of documents: sums, the length histogram, the
 * word-type counts (`word-counts.ts`) and the distinct bigrams and trigrams (`distinct-sketch.ts`).
 * Bounded (about 1 MB at most, whatever the corpus) and mergeable: {@link mergeCorpusSketches} of the
 * sketches of two parts is, field for field, the sketch of their union measured in one pass.
 */
export interface CorpusSketch extends DocumentSums {
  documents: number;
  /** Bigram and trigram positions (a document of w words has w - 1 bigrams). */
  bigramPositions: number;
  trigramPositions: number;
  /** Documents per length bin (`length-histogram.ts`), by whitespace-separated words, every document. */
  lengthBins: Float64Array;
  /** Shortest and longest document, whitespace-separated words (0 for no documents). */
  minWords: number;
  maxWords: number;
  wordCounts: WordCounts;
  bigrams: DistinctSketch;
  trigrams: DistinctSketch;
  /** The reference LM surprisal is measured under: sha256 (hex) of its file. */
  referenceLm: string;
  limits: SketchLimits;
  /** One document in this many is measured (`sampling.ts`); 1: every one. */
  sampleEvery: number;
}

const SUMS = ['documents', ...DOCUMENT_SUMS, 'bigramPositions', 'trigramPositions'] as const;

const count = z.number().int().nonnegative();
const DistinctSketchSchema = z.union([
  z.object({ kind: z.literal('exact'), keys: z.instanceof(Float64Array) }),
  z.object({ kind: z.literal('hll'), registers: z.instanceof(Uint8Array) }),
]);

/** The sketch as it travels between threads (structured clone) and to disk (v8 serialisation): typed arrays kept. */
export const CorpusSketchSchema: z.ZodType<CorpusSketch> = z.object({
  ...(Object.fromEntries(SUMS.map((k) => [k, count])) as Record<(typeof SUMS)[number], typeof count>),
  lengthBins: z.instanceof(Float64Array).refine((b) => b.length === LENGTH_BINS, `${LENGTH_BINS} length bins`),
  minWords: count,
  maxWords: count,
  wordCounts: z.object({
    headIndex: z.instanceof(Float64Array),
    headCount: z.instanceof(Float64Array),
    tailKey: z.instanceof(Float64Array),
    tailCount: z.instanceof(Float64Array),
    tailShift: count,
  }),
  bigrams: DistinctSketchSchema,
  trigrams: DistinctSketchSchema,
  referenceLm: z.string(),
  limits: z.object({ tailCapacity: z.number().int().positive(), exactDistinct: z.number().int().positive() }),
  sampleEvery: z.number().int().positive(),
});

export function emptyCorpusSketch(referenceLm: string, limits: SketchLimits = DEFAULT_SKETCH_LIMITS, sampleEvery = 1): CorpusSketch {
  return {
    ...(Object.fromEntries(SUMS.map((k) => [k, 0])) as Record<(typeof SUMS)[number], number>),
    lengthBins: new Float64Array(LENGTH_BINS),
    minWords: 0,
    maxWords: 0,
    wordCounts: emptyWordCounts(),
    bigrams: emptyDistinct(),
    trigrams: emptyDistinct(),
    referenceLm,
    limits,
    sampleEvery,
  };
}

/** The sketch of the union of two corpora (disjoint sets of documents). Pure; associative and commutative. */
export function mergeCorpusSketches(a: CorpusSketch, b: CorpusSketch): CorpusSketch {
  if (a.referenceLm !== b.referenceLm && a.documents > 0 && b.documents > 0) {
    throw new Error(`corpus statistics measured under two reference LMs (${a.referenceLm.slice(0, 12)}, ${b.referenceLm.slice(0, 12)}) cannot be merged`);
  }
  if (a.limits.tailCapacity !== b.limits.tailCapacity || a.limits.exactDistinct !== b.limits.exactDistinct || a.sampleEvery !== b.sampleEvery) {
    throw new Error('corpus statistics kept with different limits or document samples cannot be merged');
  }
  const { limits } = a;
  const sums = Object.fromEntries(SUMS.map((k) => [k, a[k] + b[k]])) as Record<(typeof SUMS)[number], number>;
  const lengthBins = new Float64Array(LENGTH_BINS);
  for (let i = 0; i < LENGTH_BINS; i++) lengthBins[i] = a.lengthBins[i]! + b.lengthBins[i]!;
  return {
    ...sums,
    lengthBins,
    minWords: a.documents === 0 ? b.minWords : b.documents === 0 ? a.minWords : Math.min(a.minWords, b.minWords),
    maxWords: Math.max(a.maxWords, b.maxWords),
    wordCounts: mergeWordCounts(a.wordCounts, b.wordCounts, limits.tailCapacity),
    bigrams: mergeDistinct(a.bigrams, b.bigrams, limits.exactDistinct),
    trigrams: mergeDistinct(a.trigrams, b.trigrams, limits.exactDistinct),
    referenceLm: a.documents > 0 ? a.referenceLm : b.referenceLm,
    limits,
    sampleEvery: a.sampleEvery,
  };
}

/**
 * Adds documents one at a time; {@link sketch} equals merging each document's own sketch. A builder
 * can be {@link reset} and used again (the diversity stage keeps one per shard and thread, so that a
 * batch allocates no tables).
 */
export class CorpusSketchBuilder {
  private readonly sums: Record<(typeof SUMS)[number], number> = Object.fromEntries(SUMS.map((k) => [k, 0])) as Record<(typeof SUMS)[number], number>;
  private readonly lengthBins = new Float64Array(LENGTH_BINS);
  private minWords = Infinity;
  private maxWords = 0;
  private readonly wordCounter: WordCounter;
  private readonly bigrams: DistinctCounter;
  private readonly trigrams: DistinctCounter;

  constructor(
    private readonly referenceLm: string,
    private readonly limits: SketchLimits = DEFAULT_SKETCH_LIMITS,
    private readonly sampleEvery = 1,
  ) {
    this.wordCounter = new WordCounter(limits.tailCapacity);
    this.bigrams = new DistinctCounter(limits.exactDistinct);
    this.trigrams = new DistinctCounter(limits.exactDistinct);
  }

  add(m: DocumentMeasure): void {
    const s = this.sums;
    s.documents += 1;
    // Field by field (every DOCUMENT_SUMS field): a loop over the names was a keyed access each, a fifth of the cost of adding a document.
    s.lengthWords += m.lengthWords;
    s.sampledDocuments += m.sampledDocuments;
    s.words += m.words;
    s.eligibleWords += m.eligibleWords;
    s.tailWords += m.tailWords;
    s.lmTokens += m.lmTokens;
    s.surprisalMillibits += m.surprisalMillibits;
    s.compressedBits += m.compressedBits;
    s.compressedCodeUnits += m.compressedCodeUnits;
    s.mattrWindows += m.mattrWindows;
    s.mattrDistinct += m.mattrDistinct;
    s.bigramPositions += Math.max(0, m.words - 1);
    s.trigramPositions += Math.max(0, m.words - 2);
    this.lengthBins[lengthBin(m.lengthWords)]! += 1;
    this.minWords = Math.min(this.minWords, m.lengthWords);
    this.maxWords = Math.max(this.maxWords, m.lengthWords);
    for (let i = 0; i < m.headIndex.length; i++) this.wordCounter.addHead(m.headIndex[i]!, m.headCount[i]!);
    for (let i = 0; i < m.tailKey.length; i++) this.wordCounter.addTail(m.tailKey[i]!, m.tailCount[i]!);
    for (let i = 0; i < m.bigramHigh.length; i++) this.bigrams.add(m.bigramHigh[i]!, m.bigramLow[i]!);
    for (let i = 0; i < m.trigramHigh.length; i++) this.trigrams.add(m.trigramHigh[i]!, m.trigramLow[i]!);
  }

  get documents(): number {
    return this.sums.documents;
  }

  sketch(): CorpusSketch {
    return {
      ...this.sums,
      lengthBins: this.lengthBins.slice(),
      minWords: this.sums.documents === 0 ? 0 : this.minWords,
      maxWords: this.maxWords,
      wordCounts: this.wordCounter.counts(),
      bigrams: this.bigrams.sketch(),
      trigrams: this.trigrams.sketch(),
      referenceLm: this.referenceLm,
      limits: this.limits,
      sampleEvery: this.sampleEvery,
    };
  }

  /** Back to no documents, keeping the tables' memory. */
  reset(): void {
    for (const k of SUMS) this.sums[k] = 0;
    this.lengthBins.fill(0);
    this.minWords = Infinity;
    this.maxWords = 0;
    this.wordCounter.reset();
    this.bigrams.reset();
    this.trigrams.reset();
  }
}
