import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { shippedReferenceLmPath, shippedWordLm, type PackedLm } from '../features/reference-lm/index.js';
import { CorpusSketchBuilder, type SketchLimits } from './corpus-sketch.js';
import { DEFAULT_MEASURE_OPTIONS, measureDocument, type DocumentMeasure, type MeasureOptions } from './document-measure.js';
import { referenceHead, type ReferenceHead } from './reference-head.js';

/**
 * What measuring documents needs, loaded once per thread: the reference vocabulary, the shipped
 * reference word LM (the one the detector's features read, so a batch thread that scores has it
 * already) and the LM file's sha256, which the statistics carry so that surprisal figures measured
 * under different LMs are never merged or compared unawares.
 */
export interface CorpusMeasurer {
  head: ReferenceHead;
  lm: PackedLm;
  referenceLm: string;
  options: MeasureOptions;
  measure(text: string): DocumentMeasure;
  /** A builder of corpus sketches measured this way. */
  builder(limits?: SketchLimits): CorpusSketchBuilder;
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
export function corpusMeasurer(options: Partial<MeasureOptions> = {}): CorpusMeasurer {
  const head = referenceHead();
  const lm = shippedWordLm();
  const referenceLm = referenceLmId(shippedReferenceLmPath());
  const resolved = { ...DEFAULT_MEASURE_OPTIONS, ...options };
  return {
    head,
    lm,
    referenceLm,
    options: resolved,
    measure: (text) => measureDocument(text, head, lm, resolved),
    builder: (limits) => new CorpusSketchBuilder(referenceLm, limits, resolved.sampleEvery),
  };
}
