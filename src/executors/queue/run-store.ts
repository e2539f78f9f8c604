import type { Redis } from 'ioredis';
import { CrawlsiftError } from '../../errors.js';
import { ProducerBeatSchema, type ProducerBeat } from './producer-heartbeat.js';
import { runKeys } from './run-keys.js';
import { BatchRecordSchema, RunSpecSchema, type BatchRecord, type RunSpec } from './run-spec.js';

/** How far the producer got: read items already in batches, the next batch's index, input bytes read. */
export interface ProducerPosition {
  consumed: number;
  nextBatch: number;
  bytes: number;
}

/** A run's state as Redis holds it. */
export interface RunState {
  spec: RunSpec;
  position: ProducerPosition;
  /** The number of batches, once the producer has read every input. */
  batches: number | undefined;
  finalizedAt: string | undefined;
}

// Creates the run and its done-records counter together, so a counter is there from the first batch on or not at all.
const CREATE_RUN_SCRIPT = `
if redis.call('hsetnx', KEYS[1], 'spec', ARGV[1]) == 1 then
  redis.call('hset', KEYS[1], 'doneRecords', 0)
  return 1
end
return 0`;

// KEYS: run, done, counts, failed, rejected; ARGV: batch, record JSON, read items, '1' when the batch's
// records were rejected after its every attempt failed. Counts a batch once, when it joins the done
// set, and only in runs that have the counter (an older run's counter would start part-way).
const RECORD_DONE_SCRIPT = `
redis.call('hset', KEYS[3], ARGV[1], ARGV[2])
redis.call('hdel', KEYS[4], ARGV[1])
if ARGV[4] == '1' then redis.call('sadd', KEYS[5], ARGV[1]) else redis.call('srem', KEYS[5], ARGV[1]) end
if redis.call('sadd', KEYS[2], ARGV[1]) == 1 and redis.call('hexists', KEYS[1], 'doneRecords') == 1 then
  redis.call('hincrby', KEYS[1], 'doneRecords', ARGV[3])
end
return 0`;

// KEYS: run, done, rejected; ARGV: batch, its read items. Undoes RECORD_DONE_SCRIPT's done mark and count.
const REOPEN_SCRIPT = `
if redis.call('srem', KEYS[3], ARGV[1]) == 0 then return 0 end
if redis.call('srem', KEYS[2], ARGV[1]) == 1 and redis.call('hexists', KEYS[1], 'doneRecords') == 1 then
  redis.call('hincrby', KEYS[1], 'doneRecords', -tonumber(ARGV[2]))
end
return 1`;

/** A batch's read items, canaries included: what the producer's position counts. */
function batchReadItems(record: BatchRecord): number {
  const { canaries } = record.result;
  const notScored = canaries?.notScored ? canaries.notScored.synthetic + canaries.notScored.human : 0;
  return record.result.read + (canaries ? canaries.synthetic.n + canaries.human.n + notScored : 0);
}

/**
 * A run's record in Redis (`crawlsift:run:<id>` and its `:done`, `:counts`, `:failed` companions).
 * Every multi-key update runs in MULTI or one script, so a crash leaves either the old or the new state.
 */
export class RunStore {
  private readonly keys: ReturnType<typeof runKeys>;

  constructor(
    private readonly redis: Redis,
    readonly runId: string,
  ) {
    this.keys = runKeys(runId);
  }

  /**
   * Records `spec` unless the run exists; returns the spec the run has (the given one or the earlier).
   * A new run starts its `doneRecords` counter in the same step (runs recorded before it have none).
   */
  async createOrGetSpec(spec: RunSpec): Promise<{ spec: RunSpec; created: boolean }> {
    const created = await this.redis.eval(CREATE_RUN_SCRIPT, 1, this.keys.run, JSON.stringify(spec));
    if (created === 1) return { spec, created: true };
    return { spec: await this.requireSpec(), created: false };
  }

  async getSpec(): Promise<RunSpec | undefined> {
    const raw = await this.redis.hget(this.keys.run, 'spec');
    return raw === null ? undefined : this.parseSpec(raw);
  }

  async requireSpec(): Promise<RunSpec> {
    const spec = await this.getSpec();
    if (!spec) throw new CrawlsiftError('run-not-found', `no run ${JSON.stringify(this.runId)} in Redis: start it with crawlsift produce --run ${this.runId}`);
    return spec;
  }

  async getState(): Promise<RunState> {
    const fields = await this.redis.hgetall(this.keys.run);
    if (!fields.spec) throw new CrawlsiftError('run-not-found', `no run ${JSON.stringify(this.runId)} in Redis: start it with crawlsift produce --run ${this.runId}`);
    return {
      spec: this.parseSpec(fields.spec),
      position: { consumed: Number(fields.consumed ?? 0), nextBatch: Number(fields.nextBatch ?? 0), bytes: Number(fields.bytes ?? 0) },
      batches: fields.batches === undefined ? undefined : Number(fields.batches),
      finalizedAt: fields.finalizedAt,
    };
  }

  /** Stores the producer's position after a successful addBulk: one MULTI, so it is never half-written. */
  async savePosition(position: ProducerPosition): Promise<void> {
    await this.redis
      .multi()
      .hset(this.keys.run, 'consumed', position.consumed, 'nextBatch', position.nextBatch, 'bytes', position.bytes)
      .exec();
  }

  /** The producer read every input: the run has exactly `batches` batches. */
  async markProduced(position: ProducerPosition): Promise<void> {
    await this.redis
      .multi()
      .hset(this.keys.run, 'consumed', position.consumed, 'nextBatch', position.nextBatch, 'bytes', position.bytes, 'batches', position.nextBatch)
      .exec();
  }

  /**
   * A batch's parts are written: record what it left and mark it done, clearing an earlier failure,
   * and add its read items to `doneRecords` the first time only (a re-processed batch is counted once).
   */
  async recordBatchDone(batch: number, record: BatchRecord): Promise<void> {
    const { run, done, counts, failed, rejected } = this.keys;
    await this.redis.eval(RECORD_DONE_SCRIPT, 5, run, done, counts, failed, rejected, String(batch), JSON.stringify(record), batchReadItems(record), record.failed ? '1' : '0');
  }

  /**
   * Takes a batch whose records were rejected after it failed back out of the done set (and its read
   * items out of `doneRecords`), before it is re-queued: finalize then waits for it again. Returns
   * its record (to put it back with `recordBatchDone` if the re-queue fails), or undefined when it
   * was no such batch.
   */
  async reopenRejectedBatch(batch: number): Promise<BatchRecord | undefined> {
    const record = await this.batchRecord(batch);
    if (!record?.failed) return undefined;
    const { run, done, rejected } = this.keys;
    return (await this.redis.eval(REOPEN_SCRIPT, 3, run, done, rejected, String(batch), batchReadItems(record))) === 1 ? record : undefined;
  }

  /** Done batches whose records were rejected (`processing-failed`) after their every attempt failed. */
  async rejectedBatches(): Promise<Set<number>> {
    return new Set((await this.redis.smembers(this.keys.rejected)).map(Number));
  }

  /** What one done batch left, or undefined when it is not done. */
  async batchRecord(batch: number): Promise<BatchRecord | undefined> {
    const json = await this.redis.hget(this.keys.counts, String(batch));
    return json === null ? undefined : this.parseBatchRecord(String(batch), json);
  }

  /**
   * Read items (canaries included, as the producer's position counts them) in done batches: the
   * run's counter, or for a run recorded before it had one, the sum of its batches' records.
   */
  async doneRecords(): Promise<number> {
    const counter = await this.redis.hget(this.keys.run, 'doneRecords');
    if (counter !== null) return Number(counter);
    return [...(await this.batchRecords()).values()].reduce((sum, record) => sum + batchReadItems(record), 0);
  }

  /** A batch failed its last attempt. */
  async recordBatchFailed(batch: number, message: string): Promise<void> {
    await this.redis.hset(this.keys.failed, String(batch), message.slice(0, 1000));
  }

  /** Clears a batch's failed mark before its job is retried; true if there was one. */
  async clearBatchFailed(batch: number): Promise<boolean> {
    return (await this.redis.hdel(this.keys.failed, String(batch))) === 1;
  }

  /** Puts back a failed mark cleared by a retry that did not happen, unless a newer one is there. */
  async restoreBatchFailed(batch: number, message: string): Promise<void> {
    await this.redis.hsetnx(this.keys.failed, String(batch), message.slice(0, 1000));
  }

  async isDone(batch: number): Promise<boolean> {
    return (await this.redis.sismember(this.keys.done, String(batch))) === 1;
  }

  async doneCount(): Promise<number> {
    return this.redis.scard(this.keys.done);
  }

  async doneBatches(): Promise<Set<number>> {
    return new Set((await this.redis.smembers(this.keys.done)).map(Number));
  }

  /** What each done batch left, by batch index. */
  async batchRecords(): Promise<Map<number, BatchRecord>> {
    const raw = await this.redis.hgetall(this.keys.counts);
    return new Map(Object.entries(raw).map(([batch, json]) => [Number(batch), this.parseBatchRecord(batch, json)]));
  }

  async failures(): Promise<Map<number, string>> {
    const raw = await this.redis.hgetall(this.keys.failed);
    return new Map(Object.entries(raw).map(([batch, message]) => [Number(batch), message]));
  }

  /** The beat of a running producer (see `ProducerHeartbeat`), or undefined when none is running. */
  async producerBeat(): Promise<ProducerBeat | undefined> {
    const raw = await this.redis.get(this.keys.producer);
    if (raw === null) return undefined;
    let beat: unknown;
    try {
      beat = JSON.parse(raw);
    } catch {
      // Not JSON: still a beat, of a producer that does not say who it is.
    }
    const parsed = ProducerBeatSchema.safeParse(beat);
    return parsed.success ? parsed.data : { token: '', host: 'unknown', pid: 0, startedAt: '' };
  }

  async markFinalized(at: string): Promise<void> {
    await this.redis.hset(this.keys.run, 'finalizedAt', at);
  }

  private parseBatchRecord(batch: string, json: string): BatchRecord {
    const parsed = BatchRecordSchema.safeParse(JSON.parse(json));
    if (!parsed.success) {
      throw new CrawlsiftError('run-record-invalid', `batch ${batch} of run ${JSON.stringify(this.runId)} was recorded in another form (by an older crawlsift?): finish the run with the version that started it, or start it again under a new --run id`);
    }
    return parsed.data;
  }

  private parseSpec(raw: string): RunSpec {
    const parsed = RunSpecSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) {
      throw new CrawlsiftError('run-record-invalid', `the record of run ${JSON.stringify(this.runId)} in Redis is not a crawlsift run spec: ${parsed.error.message}`);
    }
    return parsed.data;
  }
}
