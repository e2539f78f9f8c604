import { buildNgramLm, NgramCounter, wordSymbols, type NgramLm } from '../../src/features/reference-lm/index.js';
import { CorpusSketchBuilder, type CorpusSketch, type SketchLimits } from '../../src/diversity/corpus-sketch.js';
import { corpusMeasurer } from '../../src/diversity/corpus-measurer.js';
import type { DocumentMeasure } from '../../src/diversity/document-measure.js';

/**
 * A unigram reference LM trained on "a b a" with discount 0.5, by hand: c(a) = 2, c(b) = 1, T = 3, so
 * P(a) = 1.5/3 = 1/2, P(b) = 0.5/3 = 1/6, and any other token 1/3.
 */
export function tinyLm(): NgramLm {
  const counter = new NgramCounter(1);
  counter.add(wordSymbols('a b a', 100).symbols);
  return buildNgramLm(counter, { order: 1, discount: 0.5 });
}

export const TEST_LM_ID = 'f'.repeat(64);

/**
 * A document measured under {@link tinyLm}, from its text, when it is in the sample of one in
 * `sampleEvery` (else its length only). Its arrays are views: read them before the next.
 */
export function measureUnderTinyLm(text: string, sampleEvery = 1): DocumentMeasure {
  return corpusMeasurer({ lm: { lm: tinyLm(), id: TEST_LM_ID }, sampleEvery }).measure(text);
}

/** The sketch of `texts` measured under {@link tinyLm}, one pass. */
export function sketchOf(texts: readonly string[], limits?: SketchLimits, sampleEvery = 1): CorpusSketch {
  const builder = new CorpusSketchBuilder(TEST_LM_ID, limits, sampleEvery);
  for (const text of texts) builder.add(measureUnderTinyLm(text, sampleEvery));
  return builder.sketch();
}
