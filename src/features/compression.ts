import { deflateRawSync } from 'node:zlib';
import { codeUnits } from './code-units.js';
import type { TextAnalysis } from './analysis.js';

/**
 * Compressibility. Repetitive, formulaic text (older models looping, templated chat answers)
 * compresses better (lower ratio) than varied human text. Short texts compress poorly, so the
 * ratio also carries some length information; the model sees `log_word_count` beside it.
 *
 * Two implementations of one quantity:
 * - `deflateRatio`: the real thing, zlib raw deflate at level 6. Exact, but about 45 µs per
 *   call whatever the input size (zlib stream set-up dominates for 1 KB documents), which
 *   alone is half the per-document feature budget.
 * - `deflateRatioEstimate`: what the signature uses. A greedy LZ77 parse with deflate's
 *   window (32 KB) and longest match (258), plus the order-0 entropy of the literals, costing
 *   each symbol as deflate's Huffman coding roughly would. Matches start at 4 code units:
 *   deflate allows 3, but counting 3-unit matches made the estimate agree less with zlib,
 *   which often codes them as literals. About half of zlib's cost on 1 KB documents
 *   (`bench/features.ts`), correlation 0.89-0.92 with it on the labeled corpora and the same
 *   single-feature AUROC within 0.02 (`bench/feature-separation.ts`); a test checks the
 *   agreement.
 */

/** Deflate-compressed bytes / UTF-8 bytes of `text` (raw deflate, level 6); 0 for empty text. */
export function deflateRatio(text: string): number {
  if (text.length === 0) return 0;
  const bytes = Buffer.from(text, 'utf8');
  return deflateRawSync(bytes).length / bytes.length;
}

const HASH_BITS = 13;
const HASH_SIZE = 1 << HASH_BITS;
const MIN_MATCH = 4;
const MAX_MATCH = 258;
const WINDOW = 32768;
/**
 * Candidates tried per position, like zlib's max_chain (128 at level 6): 4 gave nearly the
 * agreement of 16 (r 0.890 vs 0.895) at lower cost.
 */
const MAX_CHAIN = 4;
/** Fixed cost of a deflate block with dynamic Huffman tables, before the code lengths. */
const BLOCK_HEADER_BITS = 17;
/** Approximate cost of transmitting one used symbol's code length in the block header. */
const BITS_PER_TABLE_ENTRY = 4;
/** Approximate Huffman-coded cost of a length symbol and of a distance symbol. */
const LENGTH_SYMBOL_BITS = 7;
const DISTANCE_SYMBOL_BITS = 5;

/**
 * Scratch buffers reused across calls (allocating them per document would cost more than the
 * parse). Every call overwrites what it reads, so results never depend on earlier calls.
 * head[h]: `base` + last position + 1 with hash h, where `base` is this call's epoch (an entry
 * below it is from an earlier call and reads as empty: cheaper than clearing 32 KB per call);
 * prev[i]: the previous position + 1 with the same hash as position i (written before read).
 */
const head = new Int32Array(HASH_SIZE);
let prev = new Int32Array(4096);
/** hashes[i]: the first 4 code units at i (low bytes) hashed into HASH_BITS bits (multiplicative hashing). */
let hashes = new Int32Array(4096);
/** Epoch of the current call: every head entry written by earlier calls is below it. */
let base = 0;
const literalCounts = new Int32Array(65536);
const usedLiterals = new Int32Array(65536);

/** floor(log2(x)) for x >= 1. */
function log2Floor(x: number): number {
  return 31 - Math.clz32(x);
}

/** Extra bits deflate spends on a match length (RFC 1951, 3.2.5). */
function lengthExtraBits(len: number): number {
  if (len < 11 || len === 258) return 0;
  return Math.min(5, log2Floor(len - 3) - 2);
}

/** Extra bits deflate spends on a match distance (RFC 1951, 3.2.5). */
function distanceExtraBits(dist: number): number {
  return dist <= 4 ? 0 : log2Floor(dist - 1) - 1;
}

/**
 * Estimated deflate-compressed size / UTF-16 code units of `text` (bytes, for ASCII text);
 * 0 for empty text.
 *
 * Estimate = (block header + code-length table for the literals used + sum over literals of
 * -log2(p(literal)) + sum over matches of symbol and extra bits + end-of-block symbol) / 8,
 * where p is each literal's share of all literals (the entropy bound Huffman coding
 * approaches) and matches come from a greedy parse taking, at each position, the longest
 * match (>= 4) among the 4 most recent earlier positions with the same first 4 code units.
 */
export function deflateRatioEstimate(text: string): number {
  const n = text.length;
  if (n === 0) return 0;
  if (base > 0x7fffffff - n - 1) {
    head.fill(0);
    base = 0;
  }
  const epoch = base;
  base += n + 1;
  if (prev.length < n) prev = new Int32Array(Math.max(n, prev.length * 2));
  if (hashes.length < n) hashes = new Int32Array(Math.max(n, hashes.length * 2));
  // Every position is hashed exactly once (at the parse or inside a match), in order, so one
  // rolling pass reads each code unit once instead of four times. The parse reads many code
  // units several times, so it reads them from a typed array.
  const u = codeUnits(text);
  let window = 0;
  for (let p = 0; p < n; p++) {
    const c = u[p]!;
    window = (window >>> 8) | ((c & 0xff) << 24);
    if (p >= MIN_MATCH - 1) hashes[p - MIN_MATCH + 1] = Math.imul(window, 0x9e3779b1) >>> (32 - HASH_BITS);
  }

  let literals = 0;
  let distinctLiterals = 0;
  let matchBits = 0;
  let i = 0;
  while (i < n) {
    let bestLen = 0;
    let bestDist = 0;
    if (i + MIN_MATCH <= n) {
      const h = hashes[i] as number;
      const last = (head[h] as number) - epoch; // position + 1 of this call, or <= 0: none
      let candidate = last > 0 ? last - 1 : -1;
      const limit = Math.min(MAX_MATCH, n - i);
      for (let chain = 0; chain < MAX_CHAIN && candidate >= 0 && i - candidate <= WINDOW; chain++) {
        // zlib's early out: a candidate can beat bestLen only if it also matches at bestLen.
        if (bestLen > 0 && u[candidate + bestLen] !== u[i + bestLen]) {
          candidate = (prev[candidate] as number) - 1;
          continue;
        }
        let len = 0;
        while (len < limit && u[candidate + len] === u[i + len]) len++;
        if (len > bestLen) {
          bestLen = len;
          bestDist = i - candidate;
          if (len === limit) break;
        }
        candidate = (prev[candidate] as number) - 1;
      }
      prev[i] = last > 0 ? last : 0;
      head[h] = epoch + i + 1;
    }
    if (bestLen >= MIN_MATCH) {
      matchBits += LENGTH_SYMBOL_BITS + lengthExtraBits(bestLen) + DISTANCE_SYMBOL_BITS + distanceExtraBits(bestDist);
      const end = i + bestLen;
      // Index the positions inside the match too, as zlib does, so later repeats find them.
      for (let j = i + 1; j < end && j + MIN_MATCH <= n; j++) {
        const hj = hashes[j] as number;
        const lastJ = (head[hj] as number) - epoch;
        prev[j] = lastJ > 0 ? lastJ : 0;
        head[hj] = epoch + j + 1;
      }
      i = end;
      continue;
    }
    const c = u[i]!;
    if (literalCounts[c] === 0) usedLiterals[distinctLiterals++] = c;
    literalCounts[c] = (literalCounts[c] as number) + 1;
    literals++;
    i++;
  }
  let literalBits = 0;
  for (let k = 0; k < distinctLiterals; k++) {
    const c = usedLiterals[k] as number;
    const count = literalCounts[c] as number;
    literalBits += count * Math.log2(literals / count);
    literalCounts[c] = 0; // leave the scratch table clean for the next call
  }
  const tableBits = BITS_PER_TABLE_ENTRY * distinctLiterals;
  const bits = BLOCK_HEADER_BITS + tableBits + literalBits + matchBits + LENGTH_SYMBOL_BITS;
  return bits / 8 / n;
}

let lastAnalysis: TextAnalysis | undefined;
let lastRatio = 0;

/**
 * {@link deflateRatioEstimate} of an analysed text (`a.text`), remembered for the last analysis: the
 * signature's compression_ratio and the corpus statistics' reading of the same document
 * (`reading.ts`) ask for it one after the other.
 */
export function compressionRatioOf(a: TextAnalysis): number {
  if (a !== lastAnalysis) {
    lastRatio = deflateRatioEstimate(a.text);
    lastAnalysis = a;
  }
  return lastRatio;
}
