import { fmix32 } from '../features/hash.js';

/**
 * MinHash signatures (Broder 1997) of shingle-hash sets, stored as 16-bit values (b-bit minwise
 * hashing, Li and König 2010).
 *
 * Value k of a signature is the minimum over the document's shingle hashes x of the permutation
 * pi_k(x) = (a_k x + b_k) mod 2^32 (a_k odd, so pi_k is a bijection of 32-bit words; x is already
 * a well-mixed hash), kept as the low 16 bits of fmix32 of that minimum: two documents agree on
 * value k with probability J + (1 - J) / 65536, J their Jaccard similarity. (The empty set's
 * signature agrees only with the empty set's: callers leave documents without shingles out.) The multipliers come from a fixed seed, so signatures are the same in every thread, process and run.
 */
export class MinHasher {
  readonly length: number;
  private readonly a: Uint32Array;
  private readonly b: Uint32Array;

  constructor(length: number) {
    this.length = length;
    this.a = new Uint32Array(length);
    this.b = new Uint32Array(length);
    for (let k = 0; k < length; k++) {
      this.a[k] = (fmix32(0x5bd1e995 + 2 * k) | 1) >>> 0;
      this.b[k] = fmix32(0x27d4eb2f + 2 * k + 1);
    }
  }

  /** The signature of a set of shingle hashes (duplicates in `shingles` change nothing), into `out`. */
  signature(shingles: Uint32Array, out: Uint16Array = new Uint16Array(this.length)): Uint16Array {
    const { a, b, length } = this;
    const n = shingles.length;
    let k = 0;
    // Four permutations at a time over every shingle: each shingle is loaded once for four, and the
    // four running minima stay in registers (a third less time than one at a time).
    for (; k + 4 <= length; k += 4) {
      const a0 = a[k]!, a1 = a[k + 1]!, a2 = a[k + 2]!, a3 = a[k + 3]!;
      const b0 = b[k]!, b1 = b[k + 1]!, b2 = b[k + 2]!, b3 = b[k + 3]!;
      let m0 = 0xffffffff, m1 = 0xffffffff, m2 = 0xffffffff, m3 = 0xffffffff;
      for (let i = 0; i < n; i++) {
        const x = shingles[i]!;
        const v0 = (Math.imul(a0, x) + b0) >>> 0;
        if (v0 < m0) m0 = v0;
        const v1 = (Math.imul(a1, x) + b1) >>> 0;
        if (v1 < m1) m1 = v1;
        const v2 = (Math.imul(a2, x) + b2) >>> 0;
        if (v2 < m2) m2 = v2;
        const v3 = (Math.imul(a3, x) + b3) >>> 0;
        if (v3 < m3) m3 = v3;
      }
      out[k] = fmix32(m0) & 0xffff;
      out[k + 1] = fmix32(m1) & 0xffff;
      out[k + 2] = fmix32(m2) & 0xffff;
      out[k + 3] = fmix32(m3) & 0xffff;
    }
    for (; k < length; k++) {
      const ak = a[k]!;
      const bk = b[k]!;
      let min = 0xffffffff;
      for (let i = 0; i < n; i++) {
        const v = (Math.imul(ak, shingles[i]!) + bk) >>> 0;
        if (v < min) min = v;
      }
      out[k] = fmix32(min) & 0xffff;
    }
    return out;
  }
}

/**
 * The Jaccard similarity two 16-bit signatures estimate: the fraction of values that agree, less
 * the 1/65536 chance that two different minima agree in 16 bits, rescaled (Li and König). Pure.
 */
export function estimateJaccard(x: Uint16Array, y: Uint16Array): number {
  const n = Math.min(x.length, y.length);
  if (n === 0) return 0;
  let same = 0;
  for (let k = 0; k < n; k++) if (x[k] === y[k]) same++;
  const c = 1 / 65536;
  return Math.max(0, (same / n - c) / (1 - c));
}

/**
 * The 64-bit key (two 32-bit halves) of band `band` of a signature: its `rows` values and the band's
 * index, hashed by two MurmurHash3-style lanes with different seeds. Documents that agree on every
 * value of a band get the same key; others the same key with probability about 2^-64.
 */
export function bandKey(signature: Uint16Array, band: number, rows: number, out: Uint32Array, at: number): void {
  let h1 = 0x9747b28c ^ band;
  let h2 = 0x85ebca77 ^ Math.imul(band + 1, 0x9e3779b1);
  const start = band * rows;
  for (let i = start; i < start + rows; i += 2) {
    const word = signature[i]! | ((i + 1 < start + rows ? signature[i + 1]! : 0xffff) << 16);
    h1 = Math.imul(rotl(Math.imul(word, 0xcc9e2d51), 15), 0x1b873593) ^ h1;
    h1 = (Math.imul(rotl(h1, 13), 5) + 0xe6546b64) | 0;
    h2 = Math.imul(rotl(Math.imul(word, 0x85ebca6b), 17), 0xc2b2ae35) ^ h2;
    h2 = (Math.imul(rotl(h2, 11), 9) + 0x38b34ae5) | 0;
  }
  out[at] = fmix32(h1 ^ rows);
  out[at + 1] = fmix32(h2 ^ Math.imul(rows, 0x27d4eb2f));
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/**
 * A bottom-k sample of a set of shingle hashes (Broder 1997; Cohen and Kaplan 2007): its `k`
 * smallest distinct values, ascending. The shingle hashes are already uniform (fmix32), so the
 * smallest are a uniform sample of the set; a set of `k` values or fewer is kept whole. Pure (but
 * for a scratch array it reuses).
 */
export function bottomK(shingles: Uint32Array, k: number): Uint32Array {
  const n = shingles.length;
  const sorted = radixSorted(shingles);
  const out = new Uint32Array(Math.min(k, n));
  let m = 0;
  for (let i = 0; i < n && m < out.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out[m++] = sorted[i]!;
  return out.subarray(0, m);
}

/** Radix counts: 256 per byte of a 32-bit value. */
const radixCounts = new Uint32Array(4 * 256);
let sortScratch = new Uint32Array(1024);
let sortSpare = new Uint32Array(1024);

/**
 * `values` sorted ascending, as a view of a scratch array this thread reuses (read it before the
 * next call): an LSD radix sort by bytes, four passes. On documents' shingle sets (about 150 values)
 * it takes three quarters of the time of `Uint32Array.prototype.sort`.
 */
function radixSorted(values: Uint32Array): Uint32Array {
  const n = values.length;
  if (sortScratch.length < n) {
    sortScratch = new Uint32Array(2 * n);
    sortSpare = new Uint32Array(2 * n);
  }
  const counts = radixCounts;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    counts[x & 255]!++;
    counts[256 + ((x >>> 8) & 255)]!++;
    counts[512 + ((x >>> 16) & 255)]!++;
    counts[768 + (x >>> 24)]!++;
  }
  for (let o = 0; o < 1024; o += 256) {
    let sum = 0;
    for (let b = o; b < o + 256; b++) {
      const c = counts[b]!;
      counts[b] = sum;
      sum += c;
    }
  }
  // Pass 0 reads the input; passes 1-3 go back and forth between the two scratch arrays.
  let src = values;
  let dst = sortScratch;
  for (let pass = 0; pass < 4; pass++) {
    const shift = 8 * pass;
    const o = 256 * pass;
    for (let i = 0; i < n; i++) {
      const x = src[i]!;
      dst[counts[o + ((x >>> shift) & 255)]!++] = x;
    }
    src = dst;
    dst = dst === sortScratch ? sortSpare : sortScratch;
  }
  return src.subarray(0, n);
}

/**
 * The Jaccard similarity two bottom-k samples estimate: among the `k` smallest values of their
 * union, the share that both samples hold. Exact when the union of the two sets has at most `k`
 * values (two documents of up to k/2 shingles each, say); otherwise the standard error is about
 * sqrt(J (1 - J) / k). Pure.
 */
export function sampleJaccard(a: Uint32Array, b: Uint32Array, k: number): number {
  let i = 0;
  let j = 0;
  let union = 0;
  let both = 0;
  while (union < k && (i < a.length || j < b.length)) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    if (x === y) {
      both++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
    // Within the k smallest of the union, a value is in a set exactly when it is in its sample.
    union++;
  }
  return union === 0 ? 1 : both / union;
}
