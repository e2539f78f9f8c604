/**
 * An open-addressing hash table from non-zero 32-bit keys to `width` 32-bit values, each key and its
 * values side by side in one typed array (linear probing, at most 3/4 full): a look-up costs about
 * one cache miss however large the table, and no JavaScript Map's per-entry objects.
 */
export class U32Table {
  readonly size: number;
  readonly width: number;
  private readonly mask: number;
  private readonly stride: number;
  /** Per slot: the key (0 = empty), then its values. */
  readonly slots: Uint32Array;

  /** `keys` (non-zero, distinct) and their `width` values each, row by row in `values`. */
  constructor(keys: Uint32Array, values: Uint32Array, width: number);
  /** An empty table with room for `entries` keys. */
  constructor(entries: number, width: number);
  constructor(keysOrEntries: Uint32Array | number, values: Uint32Array | number, width?: number) {
    const keys = typeof keysOrEntries === 'number' ? undefined : keysOrEntries;
    this.width = width ?? (values as number);
    const entries = keys ? keys.length : (keysOrEntries as number);
    let capacity = 16;
    while (capacity * 0.75 < entries) capacity *= 2;
    this.size = 0;
    this.mask = capacity - 1;
    this.stride = this.width + 1;
    this.slots = new Uint32Array(capacity * this.stride);
    if (!keys) return;
    const vals = values as Uint32Array;
    if (vals.length !== keys.length * this.width) throw new RangeError(`${keys.length} keys need ${keys.length * this.width} values, got ${vals.length}`);
    for (let i = 0; i < keys.length; i++) {
      const before = this.size;
      const at = this.upsert(keys[i]!);
      if (this.size === before) throw new RangeError(`key ${keys[i]} is given twice`);
      for (let j = 0; j < this.width; j++) this.slots[at + j] = vals[i * this.width + j]!;
    }
  }

  /**
   * A table over `slots` as {@link slots} holds them (another table's, or a copy in a
   * SharedArrayBuffer that threads read together), without copying them.
   */
  static over(slots: Uint32Array, width: number, size: number): U32Table {
    const stride = width + 1;
    const capacity = slots.length / stride;
    if (!Number.isInteger(capacity) || capacity < 16 || (capacity & (capacity - 1)) !== 0) {
      throw new RangeError(`${slots.length} slot words are not a power-of-two table of ${stride}-word entries`);
    }
    if (!Number.isInteger(size) || size < 0 || size > capacity * 0.75) throw new RangeError(`a table of ${capacity} slots cannot hold ${size} keys`);
    const table = Object.create(U32Table.prototype) as U32Table;
    Object.assign(table, { size, width, mask: capacity - 1, stride, slots });
    return table;
  }

  /**
   * One table over several sources of keys and values, each source's `width` values per key going
   * to its columns from `column` (0 where a source lacks the key); keys in the order they first
   * appear.
   */
  static join(width: number, sources: ReadonlyArray<{ keys: Uint32Array; values: Uint32Array; width: number; column: number }>): U32Table {
    const table = new U32Table(U32Table.distinctKeys(sources.map((s) => s.keys)), width);
    for (const source of sources) {
      for (let i = 0; i < source.keys.length; i++) {
        const at = table.upsert(source.keys[i]!);
        for (let j = 0; j < source.width; j++) table.slots[at + source.column + j] = source.values[i * source.width + j]!;
      }
    }
    return table;
  }

  /** How many distinct keys `lists` hold together (a table of keys only, sized for all of them). */
  private static distinctKeys(lists: readonly Uint32Array[]): number {
    const set = new U32Table(lists.reduce((n, l) => n + l.length, 0), 0);
    for (const keys of lists) for (let i = 0; i < keys.length; i++) set.upsert(keys[i]!);
    return set.size;
  }

  /** Where the values of `key` start, the key added (values 0) when absent; the table must have room. */
  private upsert(key: number): number {
    if (key === 0) throw new RangeError('key 0 marks an empty slot');
    const stride = this.stride;
    let slot = key & this.mask;
    for (;;) {
      const k = this.slots[slot * stride]!;
      if (k === key) return slot * stride + 1;
      if (k === 0) {
        if ((this.size + 1) > (this.mask + 1) * 0.75) throw new RangeError(`table full at ${this.size} keys`);
        this.slots[slot * stride] = key;
        (this as { size: number }).size++;
        return slot * stride + 1;
      }
      slot = (slot + 1) & this.mask;
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

  /**
   * The key stored in `key`'s home slot: a load whose only use is to bring that slot into cache
   * before {@link find} needs it (see `classLmFeatures`).
   */
  home(key: number): number {
    return this.slots[(key & this.mask) * this.stride]!;
  }

  /** Value `j` of the entry found at `at` (from {@link find}, not -1). */
  value(at: number, j = 0): number {
    return this.slots[at + j]!;
  }
}
