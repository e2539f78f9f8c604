import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { readWindow, type FeatureReading } from '../features/reading.js';
import { shippedReferenceLmPath, shippedWordLm, type NgramLm, type PackedLm } from '../features/reference-lm/index.js';
import { CorpusSketchBuilder, type SketchLimits } from './corpus-sketch.js';
import { measureDocument, unmeasuredDocument, type DocumentMeasure } from './document-measure.js';
import { referenceHead, type ReferenceHead } from './reference-head.js';
import { isSampled } from './sampling.js';

/**
 * What measuring documents needs, loaded once per thread: the reference vocabulary, the shipped
 * reference word LM (the one the detector's features read, so a batch thread that scores has it
 * already) and the LM file's sha256, which the statistics carry so that surprisal figures measured
 * under different LMs are never merged or compared unawares.
 */
export interface CorpusMeasurer {
  head: ReferenceHead;
  referenceLm: string;
  /** One document in this many is measured (`isSampled`); the others count for their length only. */
  sampleEvery: number;
  /**
   * Measures a document: from `reading`, what the detector's features read of it (the score stage's
   * note), when given and measured under the shipped LM; else from its text. A document outside the
   * sample gets its length only. `sampled`, when given, is `isSampled(text, sampleEvery)` already
   * computed (the score stage's note), not computed again.
   */
  measure(text: string, reading?: FeatureReading, sampled?: boolean): DocumentMeasure;
  /** A builder of corpus sketches measured this way. */
  builder(limits?: SketchLimits): CorpusSketchBuilder;
}

export interface CorpusMeasurerOptions {
  /** The reference LM surprisal is measured under, and its identity (tests use a tiny one). @defaultValue the shipped word LM and its file's sha256 */
  lm?: { lm: NgramLm | PackedLm; id: string };
  /** Measure one document in this many, chosen by a hash of its text (`isSampled`). @defaultValue 1 (every document) */
  sampleEvery?: number;
}

let cachedLmId: { path: string; id: string } | undefined;

/** sha256 (hex) of the reference LM file, once per thread and path, read 1 MB at a time (not 11 MB at once in every thread). */
function referenceLmId(path: string): string {
  if (cachedLmId?.path !== path) {
    const hash = createHash('sha256');
    const chunk = Buffer.alloc(1 << 20);
    const fd = openSync(path, 'r');
    try {
      for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) hash.update(chunk.subarray(0, n));
    } finally {
      closeSync(fd);
    }
    cachedLmId = { path, id: hash.digest('hex') };
  }
  return cachedLmId.id;
}

/** The thread's measurer (reference vocabulary and LM loaded on first call). */
export function corpusMeasurer(options: CorpusMeasurerOptions = {}): CorpusMeasurer {
  const head = referenceHead();
  const lm = options.lm?.lm ?? shippedWordLm();
  const referenceLm = options.lm?.id ?? referenceLmId(shippedReferenceLmPath());
  // The features' readings are under the shipped LM: a measurer under another reads the text itself.
  const readingsFit = options.lm === undefined;
  const sampleEvery = options.sampleEvery ?? 1;
  return {
    head,
    referenceLm,
    sampleEvery,
    measure: (text, reading, sampled) => {
      if (!(sampled ?? isSampled(text, sampleEvery))) return unmeasuredDocument(text);
      return measureDocument(text, head, reading && readingsFit ? reading : readWindow(text, lm));
    },
    builder: (limits) => new CorpusSketchBuilder(referenceLm, limits, sampleEvery),
  };
}
