import { join } from 'node:path';
import { SHARDS, type ShardName } from '../../routing/shards.js';
import type { EncodedPart } from './encoded-part.js';
import { ShardAssembler } from './shard-assembler.js';

/** One batch's parts: an encoded part per shard it has records in. */
export type BatchParts = Partial<Record<ShardName, EncodedPart>>;

/**
 * Every shard of a run's output directory, fed batch by batch in batch order: the one way both
 * executors write shards (see {@link ShardAssembler}).
 */
export class RunOutput {
  private readonly shards: Record<ShardName, ShardAssembler>;

  constructor(readonly outDir: string, shardBytes?: number) {
    this.shards = Object.fromEntries(SHARDS.map((name) => [name, new ShardAssembler(join(outDir, name), { shardBytes })])) as Record<ShardName, ShardAssembler>;
  }

  /** Appends the next batch's parts. Batches must come in batch order. */
  async append(parts: BatchParts): Promise<void> {
    for (const name of SHARDS) {
      const part = parts[name];
      if (part) await this.shards[name].append(part);
    }
  }

  /** Completes every shard's last file. */
  async close(): Promise<void> {
    for (const shard of Object.values(this.shards)) await shard.close();
  }

  /** Drops every shard file in progress: for runs that fail. */
  async abort(): Promise<void> {
    await Promise.allSettled(Object.values(this.shards).map((shard) => shard.abort()));
  }

  /** The completed files of each shard, as paths. */
  files(): Record<ShardName, readonly string[]> {
    return Object.fromEntries(SHARDS.map((name) => [name, this.shards[name].parts])) as Record<ShardName, readonly string[]>;
  }
}
