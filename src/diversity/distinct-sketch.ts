import { emptyRegisters, hllAdd, hllEstimate, hllUnion, HLL_RELATIVE_ERROR } from './hyperloglog.js';

/**
 * The distinct keys of a set, exactly while there are at most {@link EXACT_DISTINCT_LIMIT} of them,
 * else as HyperLogLog registers. Either form is a function of the set alone, so merging the sketches
 * of two parts gives the sketch of their union whatever the grouping: merge equals one pass, exactly.
 */
export type DistinctSketch =
  | { kind: 'exact'; /** Sorted, without repeats. */ keys: Float64Array }
  | { kind: 'hll'; registers: Uint8Array };

/** Largest set kept as its keys (32 KB); above it, 16 KB of registers. */
export const EXACT_DISTINCT_LIMIT = 4096;

/** Distinct keys in the sketch: exact, or the HyperLogLog estimate (relative standard error {@link HLL_RELATIVE_ERROR}). */
export function distinctCount(sketch: DistinctSketch): { count: number; exact: boolean } {
  return sketch.kind === 'exact' ? { count: sketch.keys.length, exact: true } : { count: hllEstimate(sketch.registers), exact: false };
}

export { HLL_RELATIVE_ERROR };

export function emptyDistinct(): DistinctSketch {
  return { kind: 'exact', keys: new Float64Array(0) };
}

/** The sketch of the union of two sets' sketches, both kept exact up to `limit` keys. Pure. */
export function mergeDistinct(a: DistinctSketch, b: DistinctSketch, limit = EXACT_DISTINCT_LIMIT): DistinctSketch {
  if (a.kind === 'exact' && b.kind === 'exact') {
    const keys = unionSorted(a.keys, b.keys);
    return keys.length <= limit ? { kind: 'exact', keys } : { kind: 'hll', registers: registersOf(keys) };
  }
  return { kind: 'hll', registers: hllUnion(registersOfSketch(a), registersOfSketch(b)) };
}

/**
 * Collects keys one at a time: in an open-addressing table of doubles until it outgrows `limit`
 * keys (keys above 2^31 would be boxed in a Set), in registers after.
 */
export class DistinctCounter {
  /** Keys + 1 (0: empty slot), or undefined once the counter holds registers. */
  private table: Float64Array | undefined;
  private size = 0;
  private registers: Uint8Array | undefined;

  constructor(private readonly limit = EXACT_DISTINCT_LIMIT) {
    this.table = new Float64Array(64);
  }

  add(key: number): void {
    if (!this.table) {
      hllAdd(this.registers!, key);
      return;
    }
    if (!insert(this.table, key)) return;
    this.size++;
    if (this.size > this.limit) {
      this.registers = registersOf(this.keys());
      this.table = undefined;
    } else if (2 * this.size > this.table.length) {
      const bigger = new Float64Array(2 * this.table.length);
      for (const entry of this.table) if (entry !== 0) insert(bigger, entry - 1);
      this.table = bigger;
    }
  }

  private keys(): Float64Array {
    const keys = new Float64Array(this.size);
    let n = 0;
    for (const entry of this.table!) if (entry !== 0) keys[n++] = entry - 1;
    return keys.sort();
  }

  sketch(): DistinctSketch {
    if (this.table) return { kind: 'exact', keys: this.keys() };
    return { kind: 'hll', registers: this.registers!.slice() };
  }
}

/** Puts `key` in an open-addressing table of keys + 1 (0: empty); false when it was there. */
function insert(table: Float64Array, key: number): boolean {
  const mask = table.length - 1;
  // The key's low 32 bits, mixed, pick its home slot.
  let slot = Math.imul(key % 4294967296 | 0, 0x9e3779b1) >>> 0;
  for (;;) {
    slot &= mask;
    const entry = table[slot]!;
    if (entry === key + 1) return false;
    if (entry === 0) break;
    slot++;
  }
  table[slot] = key + 1;
  return true;
}

function registersOfSketch(s: DistinctSketch): Uint8Array {
  return s.kind === 'hll' ? s.registers : registersOf(s.keys);
}

function registersOf(keys: Iterable<number>): Uint8Array {
  const registers = emptyRegisters();
  for (const key of keys) hllAdd(registers, key);
  return registers;
}

/** The sorted union of two sorted key arrays without repeats. */
function unionSorted(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) out[n++] = a[i++]!;
    else if (y < x) out[n++] = b[j++]!;
    else {
      out[n++] = x;
      i++;
      j++;
    }
  }
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out.slice(0, n);
}
