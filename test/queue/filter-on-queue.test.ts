// What produce and `filter --redis` tell the user besides the run itself: the files of an input
// directory no reader knows (as local filter warns), and the run's progress for the progress line.
// The real CLI and model (the built one: workers are `crawlsift work` processes) and a private redis-server.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readVerifiedModel } from '../../src/classifier/verified-model.js';
import { queueProgressFrame } from '../../src/cli/queue-progress.js';
import { defaultModelDir } from '../../src/paths.js';
import type { RunStatus } from '../../src/executors/queue/run-status.js';
import { runCli, startCli } from './cli.js';
import { SAMPLE, unique } from './in-process.js';
import { TestRedisServer } from './redis-server.js';

// The built module: it starts its workers from the built CLI beside it.
const { runLocalCluster } = (await import('../../dist/src/executors/queue/local-cluster.js')) as typeof import('../../src/executors/queue/local-cluster.js');

let server: TestRedisServer;
let dir: string;
/** An input directory with files no reader knows, and what local filter warns about it. */
let skipping: { input: string; warning: string };

beforeAll(async () => {
  server = await TestRedisServer.start();
  dir = mkdtempSync(join(tmpdir(), 'crawlsift-filter-queue-'));
  skipping = await inputDir();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** A directory with one JSONL file and two files no reader knows, and the warning local filter prints for it. */
async function inputDir(): Promise<{ input: string; warning: string }> {
  const input = join(dir, unique('in'));
  mkdirSync(input);
  writeFileSync(join(input, 'a.jsonl'), '{"text":"one document of ordinary words"}\n');
  writeFileSync(join(input, 'b.txt'), 'not read\n');
  writeFileSync(join(input, 'c.docx'), 'not read\n');
  const local = await runCli(['filter', input, '--out', join(dir, unique('out')), '--threads', '1']);
  expect(local.code).toBe(0);
  expect(local.stderr).toMatch(new RegExp(`^crawlsift: .*: skipped 2 files of no known format \\(.*b\\.txt, .*c\\.docx\\); supported: `));
  return { input, warning: local.stderr };
}

describe('produce and filter --redis', () => {
  it('produce warns about the files of an input directory no reader knows, as filter does', async () => {
    const { input, warning } = skipping;
    const result = await runCli(['produce', input, '--redis', server.url, '--queue', unique('q'), '--run', unique('run'), '--out', join(dir, unique('out'))]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(warning);
    expect(result.stdout).toMatch(/: 1 batches of 1 records queued;/);
  });

  it('filter --redis warns the same, and draws no progress when stderr is not a terminal', async () => {
    const { input, warning } = skipping;
    const result = await runCli(['filter', input, '--out', join(dir, unique('out')), '--redis', server.url, '--queue', unique('q'), '--workers', '1', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(warning);
    expect(JSON.parse(result.stdout).counts.read).toBe(1);
  });

  it('the local cluster reports the run status as it goes, ending with every record done', async () => {
    const modelDir = defaultModelDir();
    const ref = await readVerifiedModel(modelDir);
    const statuses: RunStatus[] = [];
    const { manifest } = await runLocalCluster({
      redisUrl: server.url,
      producer: { runId: unique('run'), queueName: unique('q'), inputs: [SAMPLE], outDir: join(dir, unique('out')), modelDir, model: ref, thresholds: ref.thresholds, batchDocs: 40 },
      workers: 1,
      onStatus: (status) => statuses.push(status),
      statusIntervalMs: 20,
    });
    expect(manifest.counts.read).toBe(243);
    const last = statuses.at(-1)!;
    expect(last.finalizedAt).toBeDefined();
    expect(last.records).toEqual({ produced: 243, done: 243, expected: 243 });
    expect(queueProgressFrame(last, 1)).toMatchObject({ value: 243, total: 243, fields: { produced: '243', done: '243', remaining: 'done' } });
    // Done never runs ahead of produced, and neither goes back.
    for (const [i, status] of statuses.entries()) {
      expect(status.records.done).toBeLessThanOrEqual(status.records.produced);
      if (i > 0) expect(status.records.done).toBeGreaterThanOrEqual(statuses[i - 1]!.records.done);
    }
  });
});

describe('the Redis password', () => {
  let secured: TestRedisServer;
  beforeAll(async () => {
    secured = await TestRedisServer.start({ password: 'Sec%ret-pw' });
  }, 60_000);
  afterAll(async () => {
    await secured?.stop();
  });

  /** The command line of every `work` child process of `parent` seen until `done`, one per process. */
  async function childCommandLines(parent: number, done: Promise<unknown>): Promise<string[]> {
    const seen = new Map<string, string>();
    let finished = false;
    void done.finally(() => (finished = true));
    while (!finished) {
      for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
          const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
          // A child caught between fork and exec still shows its parent's command line: not yet a worker.
          if (ppid === parent && / work\b/.test(cmdline)) seen.set(pid, cmdline);
        } catch {
          // gone meanwhile
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return [...seen.values()];
  }

  it('reaches the workers filter --redis starts through their environment, never their command line', async () => {
    const run = startCli(['filter', SAMPLE, '--out', join(dir, unique('out')), '--redis', secured.url, '--queue', unique('q'), '--workers', '2', '--json']);
    const commandLines = await childCommandLines(run.child.pid!, run.done);
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).counts.read).toBe(243);
    expect(commandLines).toHaveLength(2);
    for (const line of commandLines) {
      expect(line).toMatch(/main\.js work\b/);
      expect(line).not.toMatch(/Sec|ret-pw|redis:\/\//);
    }
  });

  it('filter --workers runs on $CRAWLSIFT_REDIS_URL when --redis is not given', async () => {
    const result = await runCli(['filter', SAMPLE, '--out', join(dir, unique('out')), '--queue', unique('q'), '--workers', '1', '--json'], { CRAWLSIFT_REDIS_URL: secured.url });
    expect(result.code, result.stderr).toBe(0);
    const manifest = JSON.parse(result.stdout);
    expect(manifest.executor).toBe('queue');
    expect(manifest.counts.read).toBe(243);
  });
});
