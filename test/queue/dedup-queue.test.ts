// --dedup near under the queue executor, in process against a real redis-server (a hash of the text
// stands in for the model): workers keep signatures beside the parts, finalize decides, and the
// shards and manifest are the local executor's.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEDUP } from '../../src/dedup/dedup-settings.js';
import { runLocalFilter } from '../../src/executors/local/local-executor.js';
import { finalizeRun } from '../../src/executors/queue/finalizer.js';
import { runProducer } from '../../src/executors/queue/producer.js';
import { readShard } from '../helpers/shards.js';
import { HashScorer } from './fake-scorer.js';
import { MODEL, SAMPLE, SHARD_BYTES, startInProcessWorker, THRESHOLDS, unique } from './in-process.js';
import { withPrivateRedis } from './private-redis.js';
import { allKeys, keysByPart } from './shards.js';

const PLANTED = 'fixtures/dedup/planted.jsonl';
let inputs: string[];
const DEDUP = { ...DEFAULT_DEDUP, mode: 'near' as const };
const tmp = () => mkdtemp(join(tmpdir(), 'crawlsift-dedup-queue-'));
const comparable = ({ executor: _e, run: _r, batches: _b, startedAt: _s, finishedAt: _f, seconds: _x, docsPerSecond: _d, ...rest }: Record<string, unknown>) => rest;

let redis: Redis;
let localOut: string;
let local: Record<string, unknown>;
withPrivateRedis((_server, r) => (redis = r));

beforeAll(async () => {
  // The planted documents, the sample crawl, then the planted documents again under other ids: the
  // second copies are all duplicates of the first, 250 records earlier.
  const again = join(await tmp(), 'planted-again.jsonl');
  await writeFile(again, (await readFile(PLANTED, 'utf8')).replaceAll('"id":"dd-', '"id":"again-dd-'));
  inputs = [PLANTED, SAMPLE, again];
  localOut = join(await tmp(), 'local');
  local = await runLocalFilter({ inputs, outDir: localOut, model: MODEL, thresholds: THRESHOLDS, scorer: new HashScorer(), shardBytes: SHARD_BYTES, dedup: DEDUP });
});

describe('--dedup near on the queue executor (in process, real Redis)', () => {
  it('finalizes into the local executor\'s shards and manifest, with batches of another size', async () => {
    // The 3 planted, the 16 second copies, and sample-0050: the sample crawl holds dd-g's text too.
    expect((local.counts as { duplicate: number }).duplicate).toBe(3 + 16 + 1);
    const runId = unique('dedup');
    const queueName = unique('q');
    const out = join(await tmp(), 'out');
    const worker = startInProcessWorker(redis, queueName);
    try {
      await runProducer({ redis, runId, queueName, outDir: out, inputs, modelDir: 'unused', model: MODEL, thresholds: THRESHOLDS, shardBytes: SHARD_BYTES, batchDocs: 9, pollMs: 20, dedup: DEDUP });
      const { manifest } = await finalizeRun({ redis, runId, queueName, wait: true, pollMs: 20 });
      expect(comparable(manifest)).toEqual(comparable(local));
      expect(keysByPart(out)).toEqual(keysByPart(localOut));
      for (const shard of ['human', 'synthetic', 'uncertain', 'unscored', 'duplicate', 'rejected']) expect(readShard(out, shard)).toEqual(readShard(localOut, shard));
      const keys = allKeys(out);
      expect(new Set(keys).size).toBe(keys.length);
      expect(await readdir(out)).not.toContain('parts');
    } finally {
      await worker.close();
    }
  });

  it('refuses to resume a run with other --dedup settings', async () => {
    const runId = unique('dedup');
    const queueName = unique('q');
    const out = join(await tmp(), 'out');
    const options = { redis, runId, queueName, outDir: out, inputs: [SAMPLE], modelDir: 'unused', model: MODEL, thresholds: THRESHOLDS, maxQueued: 1000, pollMs: 20 };
    await runProducer({ ...options, dedup: DEDUP });
    await expect(runProducer({ ...options, dedup: { ...DEDUP, bands: 10 } })).rejects.toThrow(/--dedup\/--dedup-shingle\/--dedup-bands\/--dedup-rows\/--dedup-threshold differs/);
  });
});
