import type { LabeledDocument } from './labeled-data.js';
import { countWords, fromWord, leadingWords } from '../features/window.js';
import { mulberry32 } from './prng.js';

/** Extra training copies of each document cut to a random length (see {@link lengthCrops}). */
export interface LengthCropOptions {
  /** Cropped copies drawn per document. */
  copies: number;
  /** Shortest crop, in words. */
  minWords: number;
  /** Longest crop drawn, in words (the feature window: longer would be cut anyway). */
  maxWords: number;
  /**
   * Where a crop starts: at the first word, or at a uniformly drawn word. @defaultValue 'start'
   */
  position?: 'start' | 'random';
}

/**
 * Training documents plus, for each, `copies` stretches of it cut to a length drawn
 * log-uniformly from [minWords, maxWords] words (the same distribution for both labels),
 * starting at its first word or, with `position: 'random'`, at a uniformly drawn word. A draw
 * at or beyond the document's own length adds nothing (the document is already there whole).
 *
 * Why: the corpora pair human and machine text of matched length (detect-corpus) or not
 * (modern: machine text is shorter at the 10th percentile), and crawled pages come in any
 * length; crops show the model each document at many lengths with the label unchanged, so
 * length-driven statistics (type-token ratio, repetition, compression) stop standing in for
 * the label. Deterministic for a seed; pure.
 */
export function lengthCrops<D extends LabeledDocument>(docs: readonly D[], opts: LengthCropOptions, seed: number): D[] {
  if (opts.copies <= 0) return [...docs];
  if (!(opts.minWords >= 1 && opts.maxWords >= opts.minWords)) {
    throw new RangeError(`length crops need 1 <= minWords <= maxWords; got ${opts.minWords} and ${opts.maxWords}`);
  }
  const random = mulberry32(seed ^ 0x63726f70); // "crop"
  const lo = Math.log(opts.minWords);
  const hi = Math.log(opts.maxWords + 1);
  const out: D[] = [...docs];
  for (const doc of docs) {
    const words = countWords(doc.text);
    for (let c = 0; c < opts.copies; c++) {
      const length = Math.floor(Math.exp(lo + random() * (hi - lo)));
      if (length >= words) continue;
      const start = opts.position === 'random' ? Math.floor(random() * (words - length + 1)) : 0;
      const text = leadingWords(start > 0 ? fromWord(doc.text, start) : doc.text, length);
      out.push({ ...doc, ...(doc.id === undefined ? {} : { id: `${String(doc.id)}#crop${c}` }), text });
    }
  }
  return out;
}
