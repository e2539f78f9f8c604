import { fmix32, FNV_OFFSET, fnvString } from '../features/hash.js';

/**
 * The diversity stage measures one document in this many; every document still counts towards
 * `documents` and the length distribution. Measured on the pipeline bench (bench:diversity-overhead,
 * docs/diversity.md#cost): filter's wall time with the stage measuring every document was a median
 * 1.20x of that without it, one in 8 1.045x (1.096x in npm run bench), against a target of 1.10x. `crawlsift stats --sample-every 8` measures a shard's file
 * with the same sample.
 */
export const STAGE_SAMPLE_EVERY = 8;

/**
 * True when `text` is one of the documents measured at one in `sampleEvery`: a hash of its first
 * 1,024 code units and its length, so every executor, thread and batch size picks the same ones
 * (and `crawlsift stats`, `crawlsift report` measuring a shard's file again).
 */
export function isSampled(text: string, sampleEvery: number): boolean {
  if (sampleEvery <= 1) return true;
  const h = fnvString(FNV_OFFSET, text.length > 1024 ? text.slice(0, 1024) : text);
  return fmix32(h ^ text.length) % sampleEvery === 0;
}
