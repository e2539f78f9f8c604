/** What deduplication decided about a document in a cluster of two or more (a document in none is left as it is). */
export type DedupDecision =
  /** Kept: the first document of its cluster in input order. `cluster` is its own ordinal. */
  | { kind: 'kept'; cluster: number; size: number }
  /** A duplicate of the kept document `of` (its id), estimated to share `similarity` of its shingles (1 for exact). */
  | { kind: 'duplicate'; of: string; cluster: number; similarity: number; exact: boolean };

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;

/** An entry's kind: a kept document whose cluster is still open or stayed alone (dropped by `finish`), kept, duplicate. */
const NONE = 0;
const KEPT = 1;
const NEAR = 2;
const EXACT = 3;

/** Similarities are stored in ten-thousandths (as the manifest and the records show them). */
const SIMILARITY_SCALE = 1e4;

interface Chunk {
  ordinal: Uint32Array;
  /** A duplicate's cluster (the ordinal of its kept document); a kept document's cluster size. */
  value: Uint32Array;
  similarity: Uint16Array;
  kind: Uint8Array;
}

function newChunk(): Chunk {
  return { ordinal: new Uint32Array(CHUNK), value: new Uint32Array(CHUNK), similarity: new Uint16Array(CHUNK), kind: new Uint8Array(CHUNK) };
}

/**
 * The decisions of a run's deduplication, by ordinal (the document's position among the run's crawl
 * records), in typed arrays outside the JavaScript heap: 11 bytes per document in a cluster of two or
 * more (ordinal, cluster or size, similarity, kind), in chunks of 64 Ki documents, plus the id of each
 * cluster's kept document (what a duplicate's `of` names). Documents are added in ascending ordinal
 * order, so a document's decision is found by binary search, and a batch's as one range.
 */
export class DedupDecisions implements Iterable<[number, DedupDecision]> {
  private readonly chunks: Chunk[] = [];
  private count = 0;
  /** The id of each cluster's kept document, by its ordinal. */
  private readonly keptIds = new Map<number, string>();

  /** Documents with a decision. */
  get size(): number {
    return this.count;
  }

  /**
   * Adds a document kept as the first of its cluster, whose size is not known yet: returns the entry
   * to {@link closeCluster} once its cluster's last member is read.
   */
  addKept(ordinal: number): number {
    return this.push(ordinal, 0, 0, NONE);
  }

  /** Sets the size of the cluster kept at `entry` (from {@link addKept}); a cluster of one leaves no decision. */
  closeCluster(entry: number, size: number, keptId: string): void {
    if (size < 2) return;
    const chunk = this.chunks[entry >>> CHUNK_BITS]!;
    const at = entry & (CHUNK - 1);
    chunk.kind[at] = KEPT;
    chunk.value[at] = size;
    this.keptIds.set(chunk.ordinal[at]!, keptId);
  }

  /** Adds a duplicate of the document kept at ordinal `cluster`. */
  addDuplicate(ordinal: number, cluster: number, similarity: number, exact: boolean): void {
    this.push(ordinal, cluster, Math.round(similarity * SIMILARITY_SCALE), exact ? EXACT : NEAR);
  }

  /** Drops the entries of documents that stayed alone in their cluster; call once every cluster is closed. */
  finish(): void {
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      const from = this.chunks[i >>> CHUNK_BITS]!;
      const a = i & (CHUNK - 1);
      if (from.kind[a] === NONE) continue;
      if (kept !== i) {
        const to = this.chunks[kept >>> CHUNK_BITS]!;
        const b = kept & (CHUNK - 1);
        to.ordinal[b] = from.ordinal[a]!;
        to.value[b] = from.value[a]!;
        to.similarity[b] = from.similarity[a]!;
        to.kind[b] = from.kind[a]!;
      }
      kept++;
    }
    this.count = kept;
    this.chunks.length = Math.ceil(kept / CHUNK);
    // What is past the last entry is cleared, so two runs with the same decisions hold the same bytes.
    const last = this.chunks[this.chunks.length - 1];
    const end = kept & (CHUNK - 1);
    if (last && end > 0) for (const column of [last.ordinal, last.value, last.similarity, last.kind]) column.fill(0, end);
  }

  /** The decision about document `ordinal`, if it has one. */
  get(ordinal: number): DedupDecision | undefined {
    const entry = this.lowerBound(ordinal);
    return entry < this.count && this.ordinalAt(entry) === ordinal ? this.decisionAt(entry) : undefined;
  }

  /** The ordinals of the documents with a decision, ascending. */
  *keys(): IterableIterator<number> {
    for (let entry = 0; entry < this.count; entry++) yield this.ordinalAt(entry);
  }

  /** The decisions about documents `from` to `to - 1`, in input order. */
  *range(from: number, to: number): IterableIterator<[number, DedupDecision]> {
    for (let entry = this.lowerBound(from); entry < this.count; entry++) {
      const ordinal = this.ordinalAt(entry);
      if (ordinal >= to) return;
      yield [ordinal, this.decisionAt(entry)];
    }
  }

  [Symbol.iterator](): IterableIterator<[number, DedupDecision]> {
    return this.range(0, Infinity);
  }

  /** Bytes held: the columns, and an estimate of the kept documents' ids (a Map entry and a string each). */
  get bytes(): number {
    let ids = 0;
    for (const id of this.keptIds.values()) ids += 48 + 2 * id.length;
    return this.chunks.length * CHUNK * 11 + ids;
  }

  private push(ordinal: number, value: number, similarity: number, kind: number): number {
    if (this.count > 0 && ordinal <= this.ordinalAt(this.count - 1)) throw new Error(`dedup decisions must be added in input order: ${ordinal} after ${this.ordinalAt(this.count - 1)}`);
    const entry = this.count++;
    if (entry >>> CHUNK_BITS === this.chunks.length) this.chunks.push(newChunk());
    const chunk = this.chunks[entry >>> CHUNK_BITS]!;
    const at = entry & (CHUNK - 1);
    chunk.ordinal[at] = ordinal;
    chunk.value[at] = value;
    chunk.similarity[at] = similarity;
    chunk.kind[at] = kind;
    return entry;
  }

  private ordinalAt(entry: number): number {
    return this.chunks[entry >>> CHUNK_BITS]!.ordinal[entry & (CHUNK - 1)]!;
  }

  private decisionAt(entry: number): DedupDecision {
    const chunk = this.chunks[entry >>> CHUNK_BITS]!;
    const at = entry & (CHUNK - 1);
    const kind = chunk.kind[at]!;
    if (kind === KEPT) return { kind: 'kept', cluster: chunk.ordinal[at]!, size: chunk.value[at]! };
    const cluster = chunk.value[at]!;
    return { kind: 'duplicate', of: this.keptIds.get(cluster)!, cluster, similarity: chunk.similarity[at]! / SIMILARITY_SCALE, exact: kind === EXACT };
  }

  /** The first entry whose ordinal is at least `ordinal`. */
  private lowerBound(ordinal: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ordinalAt(mid) < ordinal) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
