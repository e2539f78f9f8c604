// Fault injection against the real CLI, the real model and a private redis-server: workers killed
// with SIGKILL mid-batch, Redis restarted, the producer killed and restarted, a poison batch. After
// each, the shards must hold exactly the local executor's records per part, each record once.
import { mkdtempSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli, stopCli, until, type CliProcess } from './cli.js';
import { TestRedisServer } from './redis-server.js';
import { allKeys, keysByPart, readManifest, recordsByPart } from './shards.js';
import { formatCanarySummary } from '../../src/report/canary-summary.js';

const COPIES = 3;
const SHARD_SIZE = '150KB';
// Short locks so a killed worker's batch comes back in a few seconds, not the default 30.
const FAST_STALL = ['--lock-duration', '2000', '--stalled-interval', '500', '--max-stalled', '10'];

let server: TestRedisServer;
let redis: Redis;
let dir: string;
let input: string;
let localOut: string;
let records: number;
let nextId = 0;
const workers: CliProcess[] = [];

const unique = (what: string) => `${what}-${nextId++}`;

/** Three copies of the sample crawl with distinct ids: 720 documents and 9 malformed records. */
function writeInput(path: string): number {
  const lines = gunzipSync(readFileSync('fixtures/sample-crawl.jsonl.gz')).toString('utf8').split('\n').filter(Boolean);
  const all = Array.from({ length: COPIES }, (_, k) => lines.map((line) => line.replaceAll('"sample-', `"sample-c${k}-`))).flat();
  writeFileSync(path, gzipSync(all.join('\n') + '\n'));
  return all.length;
}

function produceArgs(runId: string, queue: string, out: string, extra: string[] = []): string[] {
  return ['produce', input, '--redis', server.url, '--queue', queue, '--run', runId, '--out', out, '--shard-size', SHARD_SIZE,
    '--batch-docs', '25', '--retry-delay', '100', ...extra];
}

function startWorker(queue: string, env: NodeJS.ProcessEnv = {}): CliProcess {
  const worker = startCli(['work', '--redis', server.url, '--queue', queue, ...FAST_STALL], env);
  workers.push(worker);
  return worker;
}

async function finalize(runId: string, queue: string, extra: string[] = []) {
  return runCli(['finalize', '--redis', server.url, '--queue', queue, '--run', runId, '--json', '--poll', '100', ...extra]);
}

/** The invariants after a faulty run: it reconciles, no record twice, the same records per part as the local run. */
function expectSameAsLocal(out: string): void {
  const manifest = readManifest(out);
  const local = readManifest(localOut);
  expect(manifest.executor).toBe('queue');
  expect(manifest.counts).toEqual(local.counts);
  expect(manifest.counts.read).toBe(records);
  const { read, human, synthetic, uncertain, unscored, rejected } = manifest.counts;
  expect(read).toBe(human + synthetic + uncertain + unscored + rejected);
  const keys = allKeys(out);
  expect(keys).toHaveLength(records);
  expect(new Set(keys).size).toBe(records);
  expect(keysByPart(out)).toEqual(keysByPart(localOut));
  for (const shard of ['human', 'synthetic', 'uncertain', 'rejected']) {
    expect(readdirSync(join(out, shard)).filter((f) => !f.endsWith('.jsonl.gz'))).toEqual([]);
  }
  expect(existsSync(join(out, 'parts'))).toBe(false);
}

/**
 * Workers that each kill themselves with SIGKILL at one of `points` (`<stage>@<n>`, see
 * fault-injection.ts), one after another, then one killed from outside while it holds a batch.
 */
async function killWorkers(queue: string, points: string[]): Promise<void> {
  for (const point of points) {
    const result = await startWorker(queue, { CRAWLSIFT_TEST_KILL_AT: point }).done;
    expect(result.signal, point).toBe('SIGKILL');
  }
  const victim = startWorker(queue);
  await until(async () => (await jobCounts(queue)).active! > 0, 20);
  victim.child.kill('SIGKILL');
  expect((await victim.done).signal).toBe('SIGKILL');
}

async function jobCounts(queue: string): Promise<Record<string, number>> {
  const q = new Queue(queue, { connection: redis });
  try {
    return await q.getJobCounts('wait', 'active', 'delayed', 'failed', 'completed');
  } finally {
    await q.close();
  }
}

beforeAll(async () => {
  server = await TestRedisServer.start();
  redis = new Redis(server.url, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  dir = mkdtempSync(join(tmpdir(), 'crawlsift-faults-'));
  input = join(dir, 'crawl.jsonl.gz');
  records = writeInput(input);
  localOut = join(dir, 'local');
  const local = await runCli(['filter', input, '--out', localOut, '--threads', '2', '--shard-size', SHARD_SIZE]);
  expect(local.stderr).toBe('');
  expect(local.code).toBe(0);
}, 120_000);

afterAll(async () => {
  await Promise.allSettled(workers.map(stopCli));
  redis?.disconnect();
  await server?.stop();
});

describe('queue executor under faults (real CLI, real model, real Redis)', () => {
  it('finishes with the local shards when workers are killed with SIGKILL at several points of a batch', async () => {
    const runId = unique('kill');
    const queue = unique('q');
    const out = join(dir, runId);
    const produced = await runCli(produceArgs(runId, queue, out, ['--max-queued', '1000']));
    expect(produced.code).toBe(0);

    // Each worker kills itself with SIGKILL at an exact point; the next one must pick the batch up
    // once its lock expires, and re-processing must replace, not duplicate, its parts.
    await killWorkers(queue, ['before-score@2', 'mid-write@1', 'before-record@1', 'before-complete@1']);

    const survivor = startWorker(queue);
    const result = await finalize(runId, queue, ['--wait']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    await stopCli(survivor);
    expect((await survivor.done).code).toBe(0);
    expectSameAsLocal(out);
  }, 120_000);

  it('finishes with the local shards when Redis restarts mid-run (AOF on)', async () => {
    const runId = unique('redis');
    const queue = unique('q');
    const out = join(dir, runId);
    const a = startWorker(queue);
    const b = startWorker(queue);
    const producer = startCli(produceArgs(runId, queue, out, ['--max-queued', '3']));
    await until(async () => (await redis.scard(`crawlsift:run:${runId}:done`)) >= 3);
    await server.restart(1000);
    const produced = await producer.done;
    expect(produced.stderr).toBe('');
    expect(produced.code).toBe(0);
    const result = await finalize(runId, queue, ['--wait']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    await Promise.all([stopCli(a), stopCli(b)]);
    expect((await a.done).code).toBe(0);
    expect((await b.done).code).toBe(0);
    expectSameAsLocal(out);
  }, 120_000);

  it('finishes with the local shards, adding no batch twice, when the producer is killed and restarted', async () => {
    const runId = unique('producer');
    const queue = unique('q');
    const out = join(dir, runId);
    const worker = startWorker(queue);
    // Killed right after its 2nd addBulk, before it saved its position: the restarted producer
    // rebuilds those batches, and must neither add the done ones again nor add any twice.
    const killed = await runCli(produceArgs(runId, queue, out, ['--max-queued', '16']), { CRAWLSIFT_TEST_KILL_AT: 'producer-after-add@2' });
    expect(killed.signal).toBe('SIGKILL');
    const position = await redis.hgetall(`crawlsift:run:${runId}`);
    expect(Number(position.nextBatch)).toBe(8);
    const restarted = await runCli(produceArgs(runId, queue, out, ['--max-queued', '16']));
    expect(restarted.stderr).toBe('');
    expect(restarted.code).toBe(0);
    const result = await finalize(runId, queue, ['--wait']);
    expect(result.code).toBe(0);
    await stopCli(worker);
    expectSameAsLocal(out);

    const batches = Math.ceil(records / 25);
    expect(readManifest(out).batches).toBe(batches);
    // BullMQ's event stream logs every job it really added ('duplicated' for an id it already had).
    const events = await redis.xrange(`bull:${queue}:events`, '-', '+');
    const added = events.map(([, fields]) => Object.fromEntries(chunk(fields))).filter((e) => e.event === 'added').map((e) => e.jobId);
    expect(added.length).toBe(new Set(added).size);
    expect(new Set(added).size).toBeLessThanOrEqual(batches);
  }, 120_000);

  it('fails a poison batch after --attempts tries, shows it in status, and finalize names it', async () => {
    const runId = unique('poison');
    const queue = unique('q');
    const out = join(dir, runId);
    const produced = await runCli(produceArgs(runId, queue, out, ['--max-queued', '1000', '--attempts', '2']));
    expect(produced.code).toBe(0);
    // Corrupt batch 3's payload in Redis, as a bad write or a buggy client would.
    await redis.hset(`bull:${queue}:${runId}.3`, 'data', JSON.stringify({ run: runId, batch: 3, items: 'garbage' }));
    const worker = startWorker(queue);
    const result = await finalize(runId, queue, ['--wait']);
    await stopCli(worker);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/1 of \d+ batches are not done \(1 failed\)/);
    expect(result.stderr).toMatch(/batch 3: failed \(batch 3 of run .* has a corrupted payload/);
    // Retrying cannot mend a corrupt payload: it fails on its first attempt (UnrecoverableError), not after --attempts.
    expect(await redis.hget(`bull:${queue}:${runId}.3`, 'atm')).toBe('1');

    const status = await runCli(['status', '--redis', server.url, '--queue', queue, '--run', runId]);
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/batches: +\d+ done, 1 failed/);
    expect(status.stdout).toMatch(/failed batch 3: .*corrupted payload/);
    const json = JSON.parse((await runCli(['status', '--redis', server.url, '--queue', queue, '--run', runId, '--json'])).stdout);
    expect(json.batches.failed).toEqual([{ batch: 3, error: expect.stringMatching(/corrupted payload/) }]);
    expect(json.queue.failed).toBe(1);
  }, 120_000);
});

describe('filter --redis --canaries (real CLI, real model, real Redis)', () => {
  it('reports the same canaries and estimates as the local executor, and writes none of them', async () => {
    const canaryFlags = ['--canaries', 'fixtures/labeled/dev-small.jsonl', '--canary-rate', '0.1', '--canary-seed', '3', '--shard-size', SHARD_SIZE, '--json'];
    const localCanaries = join(dir, 'local-canaries');
    const local = await runCli(['filter', input, '--out', localCanaries, '--threads', '2', ...canaryFlags]);
    expect(local.code).toBe(0);
    const out = join(dir, 'queue-canaries');
    const [queueName, runId] = [unique('q'), unique('canaries')];
    const queued = await runCli(['filter', input, '--out', out, '--redis', server.url, '--queue', queueName, '--run', runId, '--workers', '2', '--batch-docs', '40', ...canaryFlags]);
    expect(queued.code).toBe(0);
    const [l, q] = [JSON.parse(local.stdout), JSON.parse(queued.stdout)];
    expect(q.executor).toBe('queue');
    // 720 readable documents at 0.1; canaries shorter than the default model's scope are not scored.
    const notScored = (q.canaries.notScored?.synthetic ?? 0) + (q.canaries.notScored?.human ?? 0);
    expect(q.canaries.synthetic.n + q.canaries.human.n + notScored).toBe(72);
    expect(q.canaries).toEqual(l.canaries);
    expect(q.estimates).toEqual(l.estimates);
    expect(q.counts).toEqual(readManifest(localOut).counts);
    expect(keysByPart(out)).toEqual(keysByPart(localOut));
    expect(allKeys(out).filter((key) => key.startsWith('crawlsift-canary:'))).toEqual([]);
    // finalize's summary (here of the finalized run) shows the canaries as filter's does.
    const summary = await runCli(['finalize', '--redis', server.url, '--queue', queueName, '--run', runId]);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toContain(formatCanarySummary(q));
    expect(summary.stdout).toMatch(/\ncanaries: \d+ synthetic, \d+ human/);
  }, 120_000);
});

describe('queue executor under faults with --dedup near (real CLI, real model, real Redis)', () => {
  it('finishes with the local executor\'s duplicates and shards when workers are killed with SIGKILL mid-batch', async () => {
    // The sample crawl with the planted documents in it, then every planted document again under another id.
    const planted = readFileSync('fixtures/dedup/planted.jsonl', 'utf8').split('\n').filter(Boolean);
    const sample = gunzipSync(readFileSync('fixtures/sample-crawl.jsonl.gz')).toString('utf8').split('\n').filter(Boolean);
    const dedupInput = join(dir, 'dedup-crawl.jsonl');
    writeFileSync(dedupInput, [...planted.slice(0, 8), ...sample, ...planted.slice(8), ...planted.map((l) => l.replace('"id":"dd-', '"id":"again-dd-'))].join('\n') + '\n');
    const dedupFlags = ['--dedup', 'near', '--shard-size', '60KB'];
    const localDedup = join(dir, 'local-dedup');
    const local = await runCli(['filter', dedupInput, '--out', localDedup, '--threads', '2', ...dedupFlags]);
    expect(local.code).toBe(0);

    const runId = unique('dedup-kill');
    const queue = unique('q');
    const out = join(dir, runId);
    const produced = await runCli(['produce', dedupInput, '--redis', server.url, '--queue', queue, '--run', runId, '--out', out, '--batch-docs', '20', '--retry-delay', '100', '--max-queued', '1000', ...dedupFlags]);
    expect(produced.code).toBe(0);
    // mid-write (a worker's 1st, then another's 3rd batch): the batch's first part is in place, its
    // other parts and its signature sidecar are not; before-record: every file is written, Redis does not know.
    await killWorkers(queue, ['before-score@2', 'mid-write@1', 'mid-write@3', 'before-record@1']);
    const survivor = startWorker(queue);
    const result = await finalize(runId, queue, ['--wait']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    await stopCli(survivor);

    const [manifest, reference] = [readManifest(out), readManifest(localDedup)];
    expect(manifest.counts).toEqual(reference.counts);
    // The 3 planted, the 16 second copies, and dd-g: the sample crawl, earlier in the input, holds its text.
    expect(manifest.counts.duplicate).toBe(3 + 16 + 1);
    expect(manifest.dedup).toEqual(reference.dedup);
    expect(manifest.stages).toEqual(reference.stages);
    expect(keysByPart(out)).toEqual(keysByPart(localDedup));
    expect(recordsByPart(out)).toEqual(recordsByPart(localDedup));
    const keys = allKeys(out);
    expect(new Set(keys).size).toBe(manifest.counts.read);
    expect(existsSync(join(out, 'parts'))).toBe(false);
  }, 180_000);
});

function chunk(fields: string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) pairs.push([fields[i]!, fields[i + 1]!]);
  return pairs;
}
