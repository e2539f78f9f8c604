// How much the property tests try. CI runs a fixed seed and few cases; a long run sets
// CRAWLSIFT_FUZZ_RUNS (cases per property) and, for new cases, CRAWLSIFT_FUZZ_SEED. A failure prints
// its seed and path: CRAWLSIFT_FUZZ_SEED=<seed> CRAWLSIFT_FUZZ_PATH=<path> replays it.
import fc from 'fast-check';

/** Cases per property: small enough for the suite, raised by CRAWLSIFT_FUZZ_RUNS for a long run. */
export const FUZZ_RUNS = positiveInteger(process.env.CRAWLSIFT_FUZZ_RUNS) ?? 60;
/** The seed, fixed unless CRAWLSIFT_FUZZ_SEED says otherwise (failures print theirs to replay). */
export const FUZZ_SEED = Number.isInteger(Number(process.env.CRAWLSIFT_FUZZ_SEED)) && process.env.CRAWLSIFT_FUZZ_SEED ? Number(process.env.CRAWLSIFT_FUZZ_SEED) : 20_261_206;
/**
 * How long one case may take to read before the sandbox stops it and the case fails: generous (a
 * case is a few KB read in milliseconds), so only a reader that does not end trips it.
 */
export const CASE_DEADLINE_MS = 30_000;

/** The options every property runs with; CRAWLSIFT_FUZZ_PATH replays the failure a run printed (with its seed). */
export function fuzzParameters<T>(): fc.Parameters<T> {
  const path = process.env.CRAWLSIFT_FUZZ_PATH;
  return { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true, ...(path ? { path } : {}) };
}

/** A vitest timeout for a property: every case at its deadline would be far more; this is what the runs need. */
export const PROPERTY_TIMEOUT_MS = Math.max(120_000, FUZZ_RUNS * 2_000);

function positiveInteger(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
}
