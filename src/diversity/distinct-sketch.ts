import { emptyRegisters, hllAdd, hllEstimate, hllUnion, HLL_RELATIVE_ERROR } from './hyperloglog.js';
import { joinKey, keyHigh, keyLow } from './type-key.js';

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
 * Collects keys one at a time: their halves in an open-addressing table until there are more than
 * `limit`, then HyperLogLog registers.
 */
export class DistinctCounter {
  private high: Uint32Array;
  private low: Uint32Array;
  private size = 0;
  /** Set once the keys are more than `limit`: from then on they go here, not to the table. */
  private registers: Uint8Array | undefined;
  /** Registers of an earlier use (see {@link reset}), to be cleared and used again. */
  private spareRegisters: Uint8Array | undefined;

  constructor(private readonly limit = EXACT_DISTINCT_LIMIT) {
    let slots = 16;
    while (slots < 2 * limit && slots < 256) slots *= 2;
    this.high = new Uint32Array(slots);
    this.low = new Uint32Array(slots).fill(EMPTY);
  }

  /** Adds the key of high half `hi` and low half `lo` (see `type-key.ts`). */
  add(hi: number, lo: number): void {
    if (this.registers) {
      hllAdd(this.registers, hi, lo);
      return;
    }
    if (!insert(this.high, this.low, hi, lo)) return;
    this.size++;
    if (this.size > this.limit) {
      const registers = this.spareRegisters ?? emptyRegisters();
      this.spareRegisters = undefined;
      for (let i = 0; i < this.high.length; i++) if (this.low[i] !== EMPTY) hllAdd(registers, this.high[i]!, this.low[i]!);
      this.registers = registers;
    } else if (2 * this.size > this.high.length) {
      const [high, low] = [this.high, this.low];
      this.high = new Uint32Array(2 * high.length);
      this.low = new Uint32Array(2 * high.length).fill(EMPTY);
      for (let i = 0; i < high.length; i++) if (low[i] !== EMPTY) insert(this.high, this.low, high[i]!, low[i]!);
    }
  }

  sketch(): DistinctSketch {
    if (this.registers) return { kind: 'hll', registers: this.registers.slice() };
    const keys = new Float64Array(this.size);
    let n = 0;
    for (let i = 0; i < this.high.length; i++) if (this.low[i] !== EMPTY) keys[n++] = joinKey(this.high[i]!, this.low[i]!);
    return { kind: 'exact', keys: keys.sort() };
  }

  /** Back to no keys, keeping the table and registers. */
  reset(): void {
    this.low.fill(EMPTY);
    this.size = 0;
    if (this.registers) {
      this.spareRegisters = this.registers.fill(0);
      this.registers = undefined;
    }
  }
}

/** A low half no key has (low halves are 21 bits): marks an empty slot. */
const EMPTY = 0xffffffff;

/** Puts a key's halves in the table (home slot: its high half, already well mixed); false when it was there. */
function insert(high: Uint32Array, low: Uint32Array, hi: number, lo: number): boolean {
  const mask = high.length - 1;
  let slot = hi & mask;
  for (;;) {
    const l = low[slot]!;
    if (l === EMPTY) break;
    if (l === lo && high[slot] === hi >>> 0) return false;
    slot = (slot + 1) & mask;
  }
  high[slot] = hi;
  low[slot] = lo;
  return true;
}

function registersOfSketch(s: DistinctSketch): Uint8Array {
  return s.kind === 'hll' ? s.registers : registersOf(s.keys);
}

function registersOf(keys: Iterable<number>): Uint8Array {
  const registers = emptyRegisters();
  for (const key of keys) hllAdd(registers, keyHigh(key), keyLow(key));
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
