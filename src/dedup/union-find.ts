import { CrawlsiftError } from '../errors.js';

/** Ordinals the run step can index: below 2^32 - 1 (about 4.29 billion crawl records in one run). */
export const MAX_ORDINALS = 0xffffffff;

/** Below this many slots a table never shrinks its load: tiny runs (tests) stay tiny. */
const MIN_SLOTS = 16;

/**
 * Union-find over the documents that share a key with another (sparse: a document never united is
 * not stored, so memory grows with the documents in candidate pairs, not with the run). The root of
 * a component is its smallest ordinal, i.e. the document that comes first in the input.
 *
 * Stored in typed arrays, outside the JavaScript heap: an open-addressing table (linear probing,
 * at most half full) of the ordinal (as ordinal + 1; 0 marks a free slot) and its parent's slot:
 * 8 bytes a slot, 16 to 32 bytes per document (and the old table's too while it doubles).
 * {@link countSizes} then adds each component's size, 4 bytes a slot.
 */
export class SparseUnionFind {
  private keys = new Uint32Array(MIN_SLOTS);
  private parents = new Uint32Array(MIN_SLOTS);
  private sizes: Uint32Array | undefined;
  private count = 0;

  /** Documents in a component of two or more. */
  get size(): number {
    return this.count;
  }

  /** Bytes the table holds (for the docs' memory figures). */
  get bytes(): number {
    return this.keys.byteLength + this.parents.byteLength + (this.sizes?.byteLength ?? 0);
  }

  has(x: number): boolean {
    return this.slotOf(x) >= 0;
  }

  /** The component's root: its smallest ordinal (`x` itself when never united). */
  find(x: number): number {
    const slot = this.slotOf(x);
    return slot < 0 ? x : this.keys[this.rootSlot(slot)]! - 1;
  }

  union(x: number, y: number): void {
    if (this.sizes) throw new Error('SparseUnionFind: union after countSizes');
    // Room for both first: a table that doubled between the two would move the first one's slot.
    if (2 * (this.count + 2) > this.keys.length) this.grow();
    const rx = this.rootSlot(this.insert(x));
    const ry = this.rootSlot(this.insert(y));
    if (rx === ry) return;
    if (this.keys[rx]! < this.keys[ry]!) this.parents[ry] = rx;
    else this.parents[rx] = ry;
  }

  /** Counts the documents of every component (see {@link sizeOf}); no union after it. */
  countSizes(): void {
    const sizes = new Uint32Array(this.keys.length);
    for (let slot = 0; slot < this.keys.length; slot++) if (this.keys[slot] !== 0) sizes[this.rootSlot(slot)]! += 1;
    this.sizes = sizes;
  }

  /** The number of documents in the component of `x` (1 when never united); after {@link countSizes}. */
  sizeOf(x: number): number {
    if (!this.sizes) throw new Error('SparseUnionFind: sizeOf before countSizes');
    const slot = this.slotOf(x);
    return slot < 0 ? 1 : this.sizes[this.rootSlot(slot)]!;
  }

  /** The number of documents in each component, by root. */
  componentSizes(): Map<number, number> {
    const sizes = new Map<number, number>();
    for (let slot = 0; slot < this.keys.length; slot++) {
      if (this.keys[slot] === 0) continue;
      const root = this.keys[this.rootSlot(slot)]! - 1;
      sizes.set(root, (sizes.get(root) ?? 0) + 1);
    }
    return sizes;
  }

  /** The slot of the root of `slot`'s component; every slot on the way then points at it (path compression). */
  private rootSlot(slot: number): number {
    let root = slot;
    while (this.parents[root] !== root) root = this.parents[root]!;
    for (let node = slot; node !== root; ) {
      const up = this.parents[node]!;
      this.parents[node] = root;
      node = up;
    }
    return root;
  }

  private home(key: number): number {
    // Fibonacci hashing of the key into the table (its size a power of two).
    return (Math.imul(key, 0x9e3779b1) >>> 0) & (this.keys.length - 1);
  }

  private slotOf(x: number): number {
    const key = x + 1;
    const mask = this.keys.length - 1;
    for (let slot = this.home(key); ; slot = (slot + 1) & mask) {
      const k = this.keys[slot]!;
      if (k === key) return slot;
      if (k === 0) return -1;
    }
  }

  /** The slot of `x`, added as a component of its own when new (in room the caller made). */
  private insert(x: number): number {
    if (!(Number.isInteger(x) && x >= 0 && x < MAX_ORDINALS)) {
      throw new CrawlsiftError('run-too-large', `document ${x} of the run: deduplication indexes at most ${MAX_ORDINALS} crawl records per run`);
    }
    const found = this.slotOf(x);
    if (found >= 0) return found;
    const key = x + 1;
    const mask = this.keys.length - 1;
    let slot = this.home(key);
    while (this.keys[slot] !== 0) slot = (slot + 1) & mask;
    this.keys[slot] = key;
    this.parents[slot] = slot;
    this.count += 1;
    return slot;
  }

  /** Doubles the table: every ordinal moves to its slot in the new one, parents through a slot map. */
  private grow(): void {
    const oldKeys = this.keys;
    const oldParents = this.parents;
    this.keys = new Uint32Array(oldKeys.length * 2);
    this.parents = new Uint32Array(oldKeys.length * 2);
    const moved = new Uint32Array(oldKeys.length);
    const mask = this.keys.length - 1;
    for (let old = 0; old < oldKeys.length; old++) {
      const key = oldKeys[old]!;
      if (key === 0) continue;
      let slot = this.home(key);
      while (this.keys[slot] !== 0) slot = (slot + 1) & mask;
      this.keys[slot] = key;
      moved[old] = slot;
    }
    for (let old = 0; old < oldKeys.length; old++) if (oldKeys[old] !== 0) this.parents[moved[old]!] = moved[oldParents[old]!]!;
  }
}
