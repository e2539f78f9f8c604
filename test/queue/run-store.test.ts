// The run record's done-records counter, which status, finalize --wait and the progress line read
// instead of every batch's counts: a batch counts once, and a run recorded before the counter sums
// its batches. A private redis-server.
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { runKeys } from '../../src/executors/queue/run-keys.js';
import type { BatchRecord, RunSpec } from '../../src/executors/queue/run-spec.js';
import { RunStore } from '../../src/executors/queue/run-store.js';
import { MODEL, THRESHOLDS, unique } from './in-process.js';
import { withPrivateRedis } from './private-redis.js';

let redis: Redis;

const SPEC: RunSpec = {
  version: 1, queue: 'q', outDir: '/out', modelDir: 'unused', model: MODEL, backend: 'auto', thresholds: THRESHOLDS,
  reader: { textField: 'text', idField: 'id', maxDocBytes: 1_000_000 }, shardBytes: 1_000_000, inputs: ['a.jsonl'], totalBytes: 100,
  batchDocs: 10, batchBytes: 1_000_000, attempts: 3, retryDelayMs: 10, createdAt: new Date().toISOString(),
};
const routes = (n: number) => ({ n, toHuman: n, toUncertain: 0, toSynthetic: 0 });
/** 10 crawl records and 3 canaries. */
const WITH_CANARIES: BatchRecord = {
  result: {
    read: 10, shards: { human: 6, synthetic: 2, uncertain: 1, unscored: 0, rejected: 1 }, rejectedByReason: { 'malformed-json': 1 }, stages: {},
    canaries: { synthetic: routes(2), human: routes(1) },
  },
  parts: {},
};
const PLAIN: BatchRecord = { result: { read: 7, shards: { human: 7, synthetic: 0, uncertain: 0, unscored: 0, rejected: 0 }, rejectedByReason: {}, stages: {} }, parts: {} };

withPrivateRedis((_server, r) => (redis = r));

describe('RunStore.doneRecords', () => {
  it('counts the read items (canaries included) of each done batch once, however often it is recorded', async () => {
    const store = new RunStore(redis, unique('run'));
    expect((await store.createOrGetSpec(SPEC)).created).toBe(true);
    expect(await store.doneRecords()).toBe(0);
    await store.recordBatchDone(0, WITH_CANARIES);
    // A batch re-processed after its worker died past the done mark.
    await store.recordBatchDone(0, WITH_CANARIES);
    await store.recordBatchDone(1, PLAIN);
    expect(await store.doneRecords()).toBe(13 + 7);
    expect(await store.doneCount()).toBe(2);
    expect((await store.createOrGetSpec(SPEC)).created).toBe(false);
    expect(await store.doneRecords()).toBe(20);
  });

  it('sums the batch counts of a run recorded before the counter, starting no counter part-way', async () => {
    const runId = unique('run');
    const store = new RunStore(redis, runId);
    // As an older producer recorded a run: the spec alone.
    await redis.hset(runKeys(runId).run, 'spec', JSON.stringify(SPEC));
    await store.recordBatchDone(0, WITH_CANARIES);
    await store.recordBatchDone(1, PLAIN);
    expect(await store.doneRecords()).toBe(20);
    expect(await redis.hget(runKeys(runId).run, 'doneRecords')).toBeNull();
  });
});
