import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

export interface KeySorterOptions {
  /** Records sorted in memory before a sorted run is written to disk (16 bytes each, and 26 more while sorting and writing). @defaultValue 1 Mi (16 MiB, 42 MiB at its peak) */
  chunkRecords: number;
  /** Sorted runs merged at once; more runs are first merged in groups of this many. @defaultValue 64 */
  fanIn: number;
}

export const DEFAULT_KEY_SORTER_OPTIONS: KeySorterOptions = { chunkRecords: 1 << 20, fanIn: 64 };

const RECORD_BYTES = 16;
/** Records per read of a sorted run (128 KiB). */
const READ_RECORDS = 8192;

/**
 * An external sort of (64-bit key, ordinal) records by key, then ordinal, in bounded memory (as
 * datatrove's MinHash buckets step): records gather in a chunk of `chunkRecords`; a full chunk is
 * sorted (LSD radix sort, stable) and written to `dir` as a sorted run; {@link forEach} then merges
 * the runs (a heap over `fanIn` of them at a time) and visits every record in order. Records must
 * be added in ascending ordinal order (the stable sort keeps it among equal keys). Keys are given as
 * their high and low 32 bits, ordinals as non-negative integers below 2^53.
 */
export class KeySorter {
  private readonly options: KeySorterOptions;
  private hi: Uint32Array;
  private lo: Uint32Array;
  private g: Float64Array;
  private size = 0;
  private readonly runs: string[] = [];
  /** Every run file written, merged ones included: removed at the end. */
  private readonly written = new Set<string>();
  private nextRun = 0;

  constructor(private readonly dir: string, options: Partial<KeySorterOptions> = {}) {
    this.options = { ...DEFAULT_KEY_SORTER_OPTIONS, ...options };
    const n = this.options.chunkRecords;
    this.hi = new Uint32Array(n);
    this.lo = new Uint32Array(n);
    this.g = new Float64Array(n);
  }

  /** Makes room for `n` more records (at most `chunkRecords`), spilling the chunk when it lacks it. */
  async reserve(n: number): Promise<void> {
    if (n > this.options.chunkRecords) throw new RangeError(`cannot reserve ${n} records in chunks of ${this.options.chunkRecords}`);
    if (this.size + n > this.options.chunkRecords) await this.spill();
  }

  /** Adds a record, in room made by {@link reserve}. */
  add(hi: number, lo: number, ordinal: number): void {
    if (this.size === this.options.chunkRecords) throw new RangeError('KeySorter chunk full: reserve room first');
    this.hi[this.size] = hi;
    this.lo[this.size] = lo;
    this.g[this.size] = ordinal;
    this.size++;
  }

  /** Visits every record added, by key then ordinal; removes the runs it wrote. Call once. */
  async forEach(visit: (hi: number, lo: number, ordinal: number) => void): Promise<void> {
    try {
      if (this.runs.length === 0) {
        const order = radixOrder(this.hi, this.lo, this.size);
        for (let i = 0; i < this.size; i++) visit(this.hi[order[i]!]!, this.lo[order[i]!]!, this.g[order[i]!]!);
        return;
      }
      if (this.size > 0) await this.spill();
      this.release();
      let runs = [...this.runs];
      while (runs.length > this.options.fanIn) {
        const merged: string[] = [];
        for (let i = 0; i < runs.length; i += this.options.fanIn) {
          const group = runs.slice(i, i + this.options.fanIn);
          const path = this.runPath();
          const writer = new RunWriter(await open(path, 'w'));
          await mergeRuns(group, (hi, lo, g) => writer.write(hi, lo, g));
          await writer.close();
          await Promise.all(group.map((p) => rm(p, { force: true }).then(() => this.written.delete(p))));
          merged.push(path);
        }
        runs = merged;
      }
      await mergeRuns(runs, visit);
    } finally {
      this.release();
      await Promise.all([...this.written].map((p) => rm(p, { force: true })));
    }
  }

  private runPath(): string {
    const path = join(this.dir, `keys-${String(this.nextRun++).padStart(6, '0')}.bin`);
    this.written.add(path);
    return path;
  }

  private async spill(): Promise<void> {
    const order = radixOrder(this.hi, this.lo, this.size);
    const block = new RecordBlock(this.size);
    for (let i = 0; i < this.size; i++) {
      const j = order[i]!;
      block.set(i, this.hi[j]!, this.lo[j]!, this.g[j]!);
    }
    await mkdir(this.dir, { recursive: true });
    const path = this.runPath();
    const file = await open(path, 'w');
    try {
      await file.write(block.bytes);
    } finally {
      await file.close();
    }
    this.runs.push(path);
    this.size = 0;
  }

  private release(): void {
    this.hi = new Uint32Array(0);
    this.lo = new Uint32Array(0);
    this.g = new Float64Array(0);
  }
}

/**
 * The order of the first `n` records by (hi, lo), stable: an LSD radix sort on 16-bit digits of
 * an index array (4 passes of counting and scattering). Pure.
 */
export function radixOrder(hi: Uint32Array, lo: Uint32Array, n: number): Uint32Array {
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const digit = new Uint16Array(n);
  const counts = new Uint32Array(65_537);
  for (let pass = 0; pass < 4; pass++) {
    const words = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    for (let i = 0; i < n; i++) digit[i] = (words[i]! >>> shift) & 0xffff;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[digit[order[i]!]! + 1]!++;
    for (let d = 0; d < 65_536; d++) counts[d + 1]! += counts[d]!;
    for (let i = 0; i < n; i++) {
      const j = order[i]!;
      next[counts[digit[j]!]!++] = j;
    }
    [order, next] = [next, order];
  }
  return order;
}

/**
 * Records laid out as in a run file: key high and low halves (u32 each), then the ordinal (f64), 16
 * bytes each, in typed arrays over one buffer. A run file is read back by the process that wrote it,
 * so the platform's byte order is the file's.
 */
class RecordBlock {
  readonly bytes: Uint8Array;
  private readonly words: Uint32Array;
  private readonly ordinals: Float64Array;

  constructor(records: number) {
    const buffer = new ArrayBuffer(records * RECORD_BYTES);
    this.bytes = new Uint8Array(buffer);
    this.words = new Uint32Array(buffer);
    this.ordinals = new Float64Array(buffer);
  }

  set(i: number, hi: number, lo: number, g: number): void {
    this.words[4 * i] = hi;
    this.words[4 * i + 1] = lo;
    this.ordinals[2 * i + 1] = g;
  }

  hi(i: number): number {
    return this.words[4 * i]!;
  }

  lo(i: number): number {
    return this.words[4 * i + 1]!;
  }

  g(i: number): number {
    return this.ordinals[2 * i + 1]!;
  }
}

/**
 * Reads a sorted run file record by record, in blocks of {@link READ_RECORDS}, reading the next
 * block while the one in hand is used: the merge waits on the disk (the thread pool's round trip)
 * only when it overtakes the read-ahead. Two blocks per run: 256 KiB, 16 MiB for `fanIn` 64.
 */
class RunReader {
  hi = 0;
  lo = 0;
  g = 0;
  private block = new RecordBlock(READ_RECORDS);
  private spare = new RecordBlock(READ_RECORDS);
  /** Records in the block, and the next one to read. */
  private filled = 0;
  private at = 0;
  /** Where the next read starts. */
  private position = 0;
  /** The read of the block after this one, into `spare`: its record count. */
  private ahead: Promise<number> | undefined;

  constructor(private readonly file: FileHandle) {}

  /** Moves to the next record of the block in hand; false when that block is used up (then {@link refill}). */
  step(): boolean {
    if (this.at >= this.filled) return false;
    this.hi = this.block.hi(this.at);
    this.lo = this.block.lo(this.at);
    this.g = this.block.g(this.at);
    this.at += 1;
    return true;
  }

  /** Takes the next block in hand (and starts reading the one after it); false at the end of the run. */
  async refill(): Promise<boolean> {
    const records = await (this.ahead ?? this.readInto(this.spare));
    [this.block, this.spare] = [this.spare, this.block];
    this.filled = records;
    this.at = 0;
    this.ahead = records > 0 ? this.readInto(this.spare) : undefined;
    return records > 0;
  }

  /** Moves to the next record; false at the end of the run. */
  async next(): Promise<boolean> {
    return this.step() || ((await this.refill()) && this.step());
  }

  async close(): Promise<void> {
    await this.ahead?.catch(() => undefined);
    await this.file.close();
  }

  private async readInto(block: RecordBlock): Promise<number> {
    const { bytesRead } = await this.file.read(block.bytes, 0, block.bytes.length, this.position);
    // A short read may end inside a record: that record is read again from its start next time.
    const records = Math.floor(bytesRead / RECORD_BYTES);
    this.position += records * RECORD_BYTES;
    return records;
  }
}

class RunWriter {
  private block = new RecordBlock(READ_RECORDS);
  private at = 0;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: FileHandle) {}

  write(hi: number, lo: number, g: number): void {
    this.block.set(this.at++, hi, lo, g);
    if (this.at === READ_RECORDS) this.flush();
  }

  async close(): Promise<void> {
    this.flush();
    await this.pending;
    await this.file.close();
  }

  private flush(): void {
    if (this.at === 0) return;
    const bytes = this.block.bytes.subarray(0, this.at * RECORD_BYTES);
    // The full block goes to the file as it is; the next records go to a new one.
    this.block = new RecordBlock(READ_RECORDS);
    this.at = 0;
    this.pending = this.pending.then(() => this.file.write(bytes));
  }
}

const before = (a: RunReader, b: RunReader) => a.hi - b.hi || a.lo - b.lo || a.g - b.g;

/** Visits the records of sorted runs in (key, ordinal) order: a binary heap of one reader per run. */
async function mergeRuns(paths: readonly string[], visit: (hi: number, lo: number, g: number) => void): Promise<void> {
  const readers: RunReader[] = [];
  try {
    for (const path of paths) readers.push(new RunReader(await open(path, 'r')));
    const heap: RunReader[] = [];
    for (const reader of readers) if (await reader.next()) heapPush(heap, reader);
    while (heap.length > 0) {
      const top = heap[0]!;
      visit(top.hi, top.lo, top.g);
      // Within a block the next record is taken without waiting: an await per record cost more than the merge.
      if (top.step() || ((await top.refill()) && top.step())) siftDown(heap, 0);
      else {
        const last = heap.pop()!;
        if (heap.length > 0) {
          heap[0] = last;
          siftDown(heap, 0);
        }
      }
    }
  } finally {
    await Promise.all(readers.map((r) => r.close()));
  }
}

function heapPush(heap: RunReader[], reader: RunReader): void {
  heap.push(reader);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (before(heap[i]!, heap[parent]!) >= 0) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function siftDown(heap: RunReader[], i: number): void {
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let least = i;
    if (l < heap.length && before(heap[l]!, heap[least]!) < 0) least = l;
    if (r < heap.length && before(heap[r]!, heap[least]!) < 0) least = r;
    if (least === i) return;
    [heap[i], heap[least]] = [heap[least]!, heap[i]!];
    i = least;
  }
}
