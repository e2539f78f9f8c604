/**
 * An open-addressing hash table from non-zero 32-bit keys to `width` 32-bit values, each key and its
 * values side by side in one typed array (linear probing, at most 3/4 full): a look-up costs about
 * one cache miss however large the table, and no JavaScript Map's per-entry objects.
 */
export class U32Table {
  readonly size: number;
  private readonly mask: number;
  private readonly stride: number;
  /** Per slot: the key (0 = empty), then its values. */
  readonly slots: Uint32Array;

  /** `keys` (non-zero, distinct) and their `width` values each, row by row in `values`. */
  constructor(keys: Uint32Array, values: Uint32Array, readonly width: number) {
    if (values.length !== keys.length * width) throw new RangeError(`${keys.length} keys need ${keys.length * width} values, got ${values.length}`);
    let capacity = 16;
    while (capacity * 0.75 < keys.length) capacity *= 2;
    this.size = keys.length;
    this.mask = capacity - 1;
    this.stride = width + 1;
    this.slots = new Uint32Array(capacity * this.stride);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key === 0) throw new RangeError('key 0 marks an empty slot');
      let slot = key & this.mask;
      while (this.slots[slot * this.stride] !== 0) {
        if (this.slots[slot * this.stride] === key) throw new RangeError(`key ${key} is given twice`);
        slot = (slot + 1) & this.mask;
      }
      const at = slot * this.stride;
      this.slots[at] = key;
      for (let j = 0; j < width; j++) this.slots[at + 1 + j] = values[i * width + j]!;
    }
  }

  /** Where the values of `key` start in {@link slots}, or -1 when it is absent. */
  find(key: number): number {
    const stride = this.stride;
    let slot = key & this.mask;
    for (;;) {
      const k = this.slots[slot * stride]!;
      if (k === key) return slot * stride + 1;
      if (k === 0) return -1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Value `j` of the entry found at `at` (from {@link find}, not -1). */
  value(at: number, j = 0): number {
    return this.slots[at + j]!;
  }
}
