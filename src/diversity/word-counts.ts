/**
 * Word-type counts of a corpus in bounded memory, mergeable exactly.
 *
 * - Head: exact counts of the reference vocabulary's types (`reference-head.ts`: the 74,286 SUBTLEX
 *   words and one type for numbers), by index: at most 74,287 counters, whatever the corpus.
 * - Tail: the other types (names, typos, contractions, other languages, ...) are sampled by key:
 *   exact counts of the types whose 53-bit key is below 2^(53 - shift), `shift` the least that keeps
 *   at most {@link TAIL_CAPACITY} of them (shift 0: every tail type, and then every figure is exact).
 *   Which tail types are kept is a function of the corpus's set of types alone, and each kept type's
 *   count is exact, so the counts of two parts merge into exactly the counts of their union
 *   (distinct sampling; Gibbons 2001).
 *
 * From them: the number of distinct types, the unigram entropy and the rank-frequency curve, exact
 * while shift is 0, else Horvitz-Thompson estimates (each kept tail type stands for 2^shift types)
 * with their standard errors.
 */
export interface WordCounts {
  /** Head type indices with a count, ascending (doubles, as the tail's keys: one merge routine for both). */
  headIndex: Float64Array;
  headCount: Float64Array;
  /** Tail types kept: keys below 2^(53 - shift), ascending, and their counts. */
  tailKey: Float64Array;
  tailCount: Float64Array;
  tailShift: number;
}

/** Tail types kept at most (512 KB of keys and counts). */
export const TAIL_CAPACITY = 1 << 15;

const KEY_SPAN = 2 ** 53;

/** Keys below this are kept at `shift`. */
export function tailLimit(shift: number): number {
  return KEY_SPAN / 2 ** shift;
}

export function emptyWordCounts(): WordCounts {
  return { headIndex: new Float64Array(0), headCount: new Float64Array(0), tailKey: new Float64Array(0), tailCount: new Float64Array(0), tailShift: 0 };
}

/** The counts of the union of two corpora, keeping at most `capacity` tail types. Pure. */
export function mergeWordCounts(a: WordCounts, b: WordCounts, capacity = TAIL_CAPACITY): WordCounts {
  const head = mergeSorted(a.headIndex, a.headCount, b.headIndex, b.headCount, Infinity);
  let shift = Math.max(a.tailShift, b.tailShift);
  const tail = mergeSorted(a.tailKey, a.tailCount, b.tailKey, b.tailCount, tailLimit(shift));
  let n = tail.keys.length;
  while (n > capacity) {
    shift += 1;
    n = countBelow(tail.keys, n, tailLimit(shift));
  }
  return {
    headIndex: head.keys,
    headCount: head.counts,
    tailKey: tail.keys.slice(0, n),
    tailCount: tail.counts.slice(0, n),
    tailShift: shift,
  };
}

/** Entries of sorted `keys[0..n)` below `limit`. */
function countBelow(keys: Float64Array, n: number, limit: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Merges two sorted (key, count) lists below `limit`, summing the counts of equal keys. */
function mergeSorted(ak: Float64Array, ac: Float64Array, bk: Float64Array, bc: Float64Array, limit: number): { keys: Float64Array; counts: Float64Array } {
  const keys = new Float64Array(ak.length + bk.length);
  const counts = new Float64Array(ak.length + bk.length);
  let i = 0;
  let j = 0;
  let n = 0;
  const aEnd = countBelow(ak, ak.length, limit);
  const bEnd = countBelow(bk, bk.length, limit);
  while (i < aEnd || j < bEnd) {
    const x = i < aEnd ? ak[i]! : Infinity;
    const y = j < bEnd ? bk[j]! : Infinity;
    if (x < y) {
      keys[n] = x;
      counts[n++] = ac[i++]!;
    } else if (y < x) {
      keys[n] = y;
      counts[n++] = bc[j++]!;
    } else {
      keys[n] = x;
      counts[n++] = ac[i++]! + bc[j++]!;
    }
  }
  // Copies, not views: a view would carry (and transfer) the whole buffer.
  return { keys: keys.slice(0, n), counts: counts.slice(0, n) };
}

/**
 * Collects word-type counts one document at a time, then hands them over as {@link WordCounts}: the
 * same as merging each document's own counts. Head counts go to an array indexed by type (a batch
 * touches a few thousand of the 74,287), tail counts to a Map (a few hundred types a batch).
 */
export class WordCounter {
  private headCounts = new Float64Array(1024);
  /** The head indices with a count, in the order first seen. */
  private touched = new Uint32Array(1024);
  private touchedCount = 0;
  private readonly tail = new Map<number, number>();
  private shift = 0;

  constructor(private readonly capacity = TAIL_CAPACITY) {}

  addHead(index: number, count: number): void {
    if (index >= this.headCounts.length) {
      const grown = new Float64Array(Math.max(2 * this.headCounts.length, index + 1));
      grown.set(this.headCounts);
      this.headCounts = grown;
    }
    if (this.headCounts[index] === 0) {
      if (this.touchedCount === this.touched.length) {
        const grown = new Uint32Array(2 * this.touched.length);
        grown.set(this.touched);
        this.touched = grown;
      }
      this.touched[this.touchedCount++] = index;
    }
    this.headCounts[index]! += count;
  }

  addTail(key: number, count: number): void {
    if (key >= tailLimit(this.shift)) return;
    this.tail.set(key, (this.tail.get(key) ?? 0) + count);
    while (this.tail.size > this.capacity) {
      this.shift += 1;
      const limit = tailLimit(this.shift);
      for (const k of this.tail.keys()) if (k >= limit) this.tail.delete(k);
    }
  }

  counts(): WordCounts {
    const n = this.touchedCount;
    const order = this.touched.slice(0, n).sort();
    const headIndex = new Float64Array(n);
    const headCount = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      headIndex[i] = order[i]!;
      headCount[i] = this.headCounts[order[i]!]!;
    }
    const tailKey = new Float64Array(this.tail.size);
    let k = 0;
    for (const key of this.tail.keys()) tailKey[k++] = key;
    tailKey.sort();
    const tailCount = new Float64Array(tailKey.length);
    for (let i = 0; i < tailKey.length; i++) tailCount[i] = this.tail.get(tailKey[i]!)!;
    return { headIndex, headCount, tailKey, tailCount, tailShift: this.shift };
  }

  /** Back to no words, keeping the arrays. */
  reset(): void {
    for (let i = 0; i < this.touchedCount; i++) this.headCounts[this.touched[i]!] = 0;
    this.touchedCount = 0;
    this.tail.clear();
    this.shift = 0;
  }
}

/** An estimate and its standard error (0 when exact). */
export interface Estimate {
  value: number;
  standardError: number;
  exact: boolean;
}

/** Distinct word types: head types seen plus the tail types kept, each standing for 2^shift. */
export function vocabularySize(c: WordCounts): Estimate {
  const kept = c.tailKey.length;
  if (c.tailShift === 0) return { value: c.headIndex.length + kept, standardError: 0, exact: true };
  const p = 1 / 2 ** c.tailShift;
  // Each tail type is kept independently with probability p (its key is uniform): binomial.
  return { value: c.headIndex.length + kept / p, standardError: Math.sqrt(kept * (1 - p)) / p, exact: false };
}

/**
 * Unigram entropy in bits per word, H = log2 N - (1/N) sum_w c_w log2 c_w, N the corpus's words
 * (known exactly from the documents, so passed in). Exact while shift is 0. Otherwise the tail's share
 * of the sum is a ratio estimate: the tail's words, known exactly (N minus the head's), times the mean
 * of log2 c over the kept tail types' words. Weighting each kept type by 2^shift instead
 * (Horvitz-Thompson) is unbiased but swings with whether a few frequent tail types happen to be kept;
 * log2 c varies far less than c log2 c, so the ratio does not. Its standard error is the usual
 * linearisation, sqrt((1 - p) sum_kept (y - R x)^2) / sum_kept x scaled by the tail's words over N,
 * with x = c, y = c log2 c, R = sum y / sum x over the kept types, p = 2^-shift.
 */
export function unigramEntropy(c: WordCounts, words: number): Estimate {
  if (words === 0) return { value: 0, standardError: 0, exact: c.tailShift === 0 };
  let head = 0;
  let headWords = 0;
  for (let i = 0; i < c.headCount.length; i++) {
    head += clog(c.headCount[i]!);
    headWords += c.headCount[i]!;
  }
  let x = 0;
  let y = 0;
  for (let i = 0; i < c.tailCount.length; i++) {
    x += c.tailCount[i]!;
    y += clog(c.tailCount[i]!);
  }
  if (c.tailShift === 0) return { value: Math.log2(words) - (head + y) / words, standardError: 0, exact: true };
  const tailWords = words - headWords;
  const ratio = x > 0 ? y / x : 0;
  let residuals = 0;
  for (let i = 0; i < c.tailCount.length; i++) residuals += (clog(c.tailCount[i]!) - ratio * c.tailCount[i]!) ** 2;
  const p = 1 / 2 ** c.tailShift;
  const ratioError = x > 0 ? Math.sqrt((1 - p) * residuals) / x : 0;
  return { value: Math.log2(words) - (head + tailWords * ratio) / words, standardError: (tailWords * ratioError) / words, exact: false };
}

function clog(c: number): number {
  return c > 1 ? c * Math.log2(c) : 0;
}

/**
 * Points of the rank-frequency (Zipf) curve: the types by count, most frequent first, a kept tail
 * type standing for 2^shift ranks; at up to `points` ranks spaced evenly on a log scale from 1 to the
 * last. Each point: [rank, occurrences of the type at that rank].
 */
export function rankFrequency(c: WordCounts, points = 60): [number, number][] {
  const weight = 2 ** c.tailShift;
  const entries: { count: number; weight: number }[] = [];
  for (let i = 0; i < c.headCount.length; i++) entries.push({ count: c.headCount[i]!, weight: 1 });
  for (let i = 0; i < c.tailCount.length; i++) entries.push({ count: c.tailCount[i]!, weight });
  if (entries.length === 0) return [];
  entries.sort((x, y) => y.count - x.count);
  const last = entries.reduce((s, e) => s + e.weight, 0);
  const targets = logSpacedRanks(last, points);
  const out: [number, number][] = [];
  let k = 0;
  let rank = 0;
  for (const e of entries) {
    rank += e.weight;
    while (k < targets.length && targets[k]! <= rank) out.push([targets[k++]!, e.count]);
  }
  return out;
}

/** Up to `points` distinct integer ranks from 1 to `last`, evenly spaced on a log scale. */
function logSpacedRanks(last: number, points: number): number[] {
  const ranks = new Set<number>([1]);
  for (let i = 1; i < points; i++) ranks.add(Math.round(Math.exp((Math.log(last) * i) / (points - 1))));
  ranks.add(last);
  return [...ranks].sort((a, b) => a - b);
}
