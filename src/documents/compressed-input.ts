const EMPTY = Buffer.alloc(0);

/**
 * Compressed bytes for a decoder that reads a container format (gzip members, zstd frames) piece by
 * piece: pulls chunks from the source and lets the decoder hand back the unused tail of the last
 * one. `offset` always names the next byte handed out, so errors can say where decoding stopped.
 */
export class CompressedInput {
  private pending: Buffer = EMPTY;
  private ended = false;
  /** Compressed bytes consumed so far: the offset of the next byte handed out. */
  offset = 0;

  constructor(private readonly iterator: AsyncIterator<Buffer>) {}

  /** The next unread bytes (at least one), or null at the end of the data. */
  async chunk(): Promise<Buffer | null> {
    if (this.pending.length === 0) {
      if (this.ended) return null;
      const next = await this.iterator.next();
      if (next.done) {
        this.ended = true;
        return null;
      }
      this.pending = next.value;
      if (this.pending.length === 0) return this.chunk();
    }
    const chunk = this.pending;
    this.pending = EMPTY;
    this.offset += chunk.length;
    return chunk;
  }

  /** Gives back the last `bytes` of the chunk just taken. */
  unread(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.pending = bytes;
    this.offset -= bytes.length;
  }

  /** Exactly `n` bytes, or fewer when the data ends first. */
  async take(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let length = 0;
    while (length < n) {
      const chunk = await this.chunk();
      if (chunk === null) break;
      const used = Math.min(chunk.length, n - length);
      parts.push(chunk.subarray(0, used));
      this.unread(chunk.subarray(used));
      length += used;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, length);
  }

  /** Skips `n` bytes without holding them; returns how many there were (fewer when the data ends first). */
  async skip(n: number): Promise<number> {
    let skipped = 0;
    while (skipped < n) {
      const chunk = await this.chunk();
      if (chunk === null) break;
      const used = Math.min(chunk.length, n - skipped);
      this.unread(chunk.subarray(used));
      skipped += used;
    }
    return skipped;
  }

  /** Skips zero padding; returns the offset of the next non-zero byte, or null at the end. */
  async skipZeros(): Promise<number | null> {
    for (;;) {
      const chunk = await this.chunk();
      if (chunk === null) return null;
      let i = 0;
      while (i < chunk.length && chunk[i] === 0) i++;
      this.unread(chunk.subarray(i));
      if (i < chunk.length) return this.offset;
    }
  }

  /** Skips to just after the next zero byte (a gzip header's file name or comment). */
  async skipPastZero(): Promise<boolean> {
    for (;;) {
      const chunk = await this.chunk();
      if (chunk === null) return false;
      const zero = chunk.indexOf(0);
      if (zero !== -1) {
        this.unread(chunk.subarray(zero + 1));
        return true;
      }
    }
  }

  close(): void {
    // Not awaited: a pending read (stdin) would hold the reader up; the source closes when it ends.
    this.iterator.return?.().catch(() => undefined);
  }
}
