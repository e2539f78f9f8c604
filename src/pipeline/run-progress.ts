/** How far a run has got, for progress lines: the same shape from either executor. */
export interface RunProgress {
  /** Records read so far (documents and rejected). */
  read: number;
  /** Records in a shard so far (the queue's producer: records in the queue). */
  written: number;
  /** Input bytes consumed, as stored (compressed for .gz). */
  bytes: number;
  /** Total input bytes when every input's size is known (not for stdin). */
  totalBytes?: number;
}
