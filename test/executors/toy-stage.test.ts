// "Adding a stage means one new file and one line in the pipeline list; both executors then run it."
// A copy of this source tree gets a toy stage (documents whose id ends in 7 go to rejected/ with
// reason `test-stage`) as one new file and one line in src/pipeline/pipeline.ts, nothing else; the
// copy's real CLI (run from source through tsx) then filters the sample under the local executor
// (2 batch threads) and under the queue executor (2 `crawlsift work` processes, a private redis-server).
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { readShard } from '../helpers/shards.js';
import { TestRedisServer } from '../queue/redis-server.js';

const ROOT = packageRoot();
const SAMPLE = join(ROOT, 'fixtures', 'sample-crawl.jsonl.gz');

const TOY_STAGE = `import type { StageDefinition } from '../stage.js';

/** Sends documents whose id ends in 7 to rejected/ (a test of the pipeline, not a real filter). */
export const toyStage: StageDefinition = {
  name: 'toy',
  create() {
    return {
      process(docs) {
        return docs.map(({ document }) =>
          document.id.endsWith('7') ? { action: 'route', shard: 'rejected', reason: 'test-stage' } : { action: 'keep' },
        );
      },
    };
  },
};
`;

let copy: string;
let server: TestRedisServer;
let out: string;

/** The copy's CLI, from its TypeScript source. */
function runCopy(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(copy, 'src', 'cli', 'main.ts'), ...args], { cwd: copy, env: { ...process.env, CI: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  copy = mkdtempSync(join(tmpdir(), 'crawlsift-toy-stage-'));
  out = mkdtempSync(join(tmpdir(), 'crawlsift-toy-out-'));
  for (const entry of ['src', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
  for (const entry of ['node_modules', 'classifiers']) symlinkSync(join(ROOT, entry), join(copy, entry));
  // The whole change: one new file, one line in the pipeline's list.
  writeFileSync(join(copy, 'src', 'pipeline', 'stages', 'toy-stage.ts'), TOY_STAGE);
  const pipelineFile = join(copy, 'src', 'pipeline', 'pipeline.ts');
  const pipeline = readFileSync(pipelineFile, 'utf8');
  const edited = pipeline
    .replace("import type { StageDefinition } from './stage.js';", "import type { StageDefinition } from './stage.js';\nimport { toyStage } from './stages/toy-stage.js';")
    .replace('export const PIPELINE: readonly StageDefinition[] = [\n', 'export const PIPELINE: readonly StageDefinition[] = [\n  toyStage,\n');
  expect(edited.split('\n').length).toBe(pipeline.split('\n').length + 2);
  writeFileSync(pipelineFile, edited);
  server = await TestRedisServer.start();
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe('a stage added to the pipeline definition', () => {
  it('runs under both executors, with identical shards and manifests', async () => {
    const [local, queue] = [join(out, 'local'), join(out, 'queue')];
    const l = await runCopy(['filter', SAMPLE, '--out', local, '--threads', '2', '--json']);
    expect(l.code, l.stderr).toBe(0);
    const q = await runCopy(['filter', SAMPLE, '--out', queue, '--redis', server.url, '--workers', '2', '--batch-docs', '40', '--json']);
    expect(q.code, q.stderr).toBe(0);

    const manifests = [JSON.parse(l.stdout), JSON.parse(q.stdout)];
    for (const m of manifests) {
      // Every document whose id ends in 7 is in rejected/ for the toy stage, and counted there.
      const toy = readShard(m === manifests[0] ? local : queue, 'rejected').filter((r) => (r.metadata as { crawlsift?: { reason?: string } } | undefined)?.crawlsift?.reason === 'test-stage');
      expect(toy.length).toBeGreaterThan(0);
      expect(toy.every((r) => String(r.id).endsWith('7'))).toBe(true);
      expect(m.rejectedByReason['test-stage']).toBe(toy.length);
      expect(m.stages.toy).toEqual({ documents: 240, routed: { rejected: { 'test-stage': toy.length } } });
      expect(m.stages.score.documents).toBe(240 - toy.length - m.counts.unscored);
      expect(m.counts.read).toBe(m.counts.human + m.counts.synthetic + m.counts.uncertain + m.counts.unscored + m.counts.rejected);
      for (const shard of ['human', 'synthetic', 'uncertain']) {
        expect(readShard(m === manifests[0] ? local : queue, shard).some((r) => String(r.id).endsWith('7'))).toBe(false);
      }
    }
    const comparable = ({ executor: _e, run: _r, batches: _b, startedAt: _s, finishedAt: _f, seconds: _x, docsPerSecond: _d, ...rest }: Record<string, unknown>) => rest;
    expect(comparable(manifests[1])).toEqual(comparable(manifests[0]));
    for (const shard of ['human', 'synthetic', 'uncertain', 'unscored', 'rejected']) expect(readShard(queue, shard)).toEqual(readShard(local, shard));
  }, 300_000);
});
