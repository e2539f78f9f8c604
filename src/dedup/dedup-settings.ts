import { z } from 'zod';

/** `--dedup`: `off` (the default), `exact` (same normalised text), `near` (MinHash; includes exact). */
export const DEDUP_MODES = ['off', 'exact', 'near'] as const;
export type DedupMode = (typeof DEDUP_MODES)[number];

/** Signature values per document at most (bands x rows): a signature is 2 bytes per value. */
export const MAX_SIGNATURE_VALUES = 1024;

/** How a run removes duplicates: part of the run's pipeline settings (see `docs/dedup.md`). */
export const DedupSettingsSchema = z
  .object({
    mode: z.enum(DEDUP_MODES),
    /** Words per shingle. */
    shingleWords: z.number().int().min(1).max(32),
    /** LSH bands: two documents are candidates when all the rows of one band agree. */
    bands: z.number().int().min(1).max(255),
    /** MinHash values per band. */
    rows: z.number().int().min(1).max(64),
    /** A candidate is a duplicate when its Jaccard similarity to a kept document (from their bottom-k samples) is at least this. */
    threshold: z.number().min(0).max(1),
  })
  .refine((s) => s.bands * s.rows <= MAX_SIGNATURE_VALUES, { message: `bands x rows must be at most ${MAX_SIGNATURE_VALUES}` });
export type DedupSettings = z.infer<typeof DedupSettingsSchema>;

/**
 * The defaults, chosen with `npm run bench:dedup` (bench/results/dedup.json): 5-word shingles, as
 * datatrove; 15 bands of 4 MinHash values (60 per document) put the S-curve's 0.5 crossing at
 * Jaccard 0.46, so a pair at 0.8 is a candidate 99.96% of the time and one at 0.7 98.4% (datatrove's
 * 14 x 8 misses 8% of the pairs at 0.8): as many planted pairs found as with 20 x 5, for 60% of the
 * hashing. A candidate is a duplicate from a similarity of 0.7, measured on bottom-k samples (exact
 * for documents of about 130 words or fewer), which is the benchmark's precision bar.
 */
export const DEFAULT_DEDUP: DedupSettings = { mode: 'off', shingleWords: 5, bands: 15, rows: 4, threshold: 0.7 };

/** Signature values per document. */
export function signatureLength(settings: Pick<DedupSettings, 'bands' | 'rows'>): number {
  return settings.bands * settings.rows;
}

/** The probability that two documents of Jaccard similarity `s` share at least one band: 1 - (1 - s^rows)^bands. */
export function candidateProbability(s: number, bands: number, rows: number): number {
  return 1 - (1 - s ** rows) ** bands;
}

/** The similarity at which {@link candidateProbability} is 0.5: (1 - 0.5^(1/bands))^(1/rows). */
export function sCurveHalf(bands: number, rows: number): number {
  return (1 - 0.5 ** (1 / bands)) ** (1 / rows);
}
