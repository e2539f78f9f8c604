import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleRun } from '../../src/sampling/index.js';
import { CLI, runCli } from '../helpers/run-cli.js';
import { readShard } from '../helpers/shards.js';

const SAMPLE = 'fixtures/sample-crawl.jsonl.gz';
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);

describe('crawlsift sample', () => {
  let dir: string;
  let run: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crawlsift-sample-'));
    run = join(dir, 'run');
    const result = await runCli(['filter', SAMPLE, '--out', run, '--threads', '1']);
    expect(result.code).toBe(0);
  });

  for (const strategy of ['stratified', 'uncertainty', 'random']) {
    it(`${strategy}: writes labeling records drawn from the run, the same for the same seed`, async () => {
      const out = (name: string) => join(dir, `${strategy}-${name}.jsonl`);
      for (const [name, seed] of [['a', '3'], ['b', '3'], ['c', '4']] as const) {
        const result = await runCli(['sample', run, '--n', '30', '--strategy', strategy, '--seed', seed, '-o', out(name)]);
        expect(result.code, result.stderr).toBe(0);
      }
      expect(readFileSync(out('b'), 'utf8')).toBe(readFileSync(out('a'), 'utf8'));
      expect(readFileSync(out('c'), 'utf8')).not.toBe(readFileSync(out('a'), 'utf8'));
      const records = lines(out('a'));
      expect(records).toHaveLength(30);
      const routed = new Map(['human', 'synthetic', 'uncertain'].flatMap((shard) => readShard(run, shard).map((r) => [r.id as string, { ...r, shard }])));
      for (const r of records) {
        const original = routed.get(r.id)!;
        expect(r.text).toBe(original.text);
        expect(r.score).toBe((original.metadata as any).crawlsift.score);
        expect(r.route).toBe(original.shard);
        expect(r.label).toBeNull();
        expect(r.source).toBe('example.org');
        expect(r.origin).toEqual((original.metadata as any).crawlsift.source);
      }
    });
  }

  it('--holdout marks that fraction of the sample split: holdout, the rest split: train', async () => {
    const out = join(dir, 'holdout.jsonl');
    expect((await runCli(['sample', run, '--n', '40', '--holdout', '0.25', '-o', out])).code).toBe(0);
    const splits = lines(out).map((r) => r.split);
    expect(splits.filter((s) => s === 'holdout')).toHaveLength(10);
    expect(splits.filter((s) => s === 'train')).toHaveLength(30);
  });

  it("reads the text from the run's --text-field (recorded in the manifest)", async () => {
    const input = join(dir, 'body.jsonl');
    // Long enough (the default card's 48 words), and English enough, for the scope stage to score them (else they go to unscored/, which sample does not read).
    const bodies = Array.from(
      { length: 12 },
      (_, i) =>
        `Document ${i} keeps its words in the body field rather than in the text field, as some crawls do. The council met on Tuesday to discuss ` +
        'the new library, and residents said they would like longer opening hours at weekends and more books for children. ' +
        'The vote on the plan was put off until next month.',
    );
    writeFileSync(input, bodies.map((body, i) => JSON.stringify({ id: `b${i}`, body, text: 'not this one' })).join('\n') + '\n');
    const bodyRun = join(dir, 'body-run');
    expect((await runCli(['filter', input, '--out', bodyRun, '--text-field', 'body', '--threads', '1'])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(bodyRun, 'manifest.json'), 'utf8')).textField).toBe('body');
    const out = join(dir, 'body-sample.jsonl');
    expect((await runCli(['sample', bodyRun, '--n', '12', '--strategy', 'random', '-o', out])).code).toBe(0);
    expect(lines(out).map((r) => r.text).sort()).toEqual([...bodies].sort());
  });

  it('refuses an -o that holds labels (unless --force), one inside a shard directory, and a directory that is no run', async () => {
    const out = join(dir, 'labeled.jsonl');
    expect((await runCli(['sample', run, '--n', '5', '-o', out])).code).toBe(0);
    const records = lines(out);
    records[0]!.label = 'human';
    writeFileSync(out, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const refused = await runCli(['sample', run, '--n', '5', '--seed', '2', '-o', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/holds 1 decisions .*--force/);
    expect(lines(out)[0]!.label).toBe('human');
    expect((await runCli(['sample', run, '--n', '5', '--seed', '2', '-o', out, '--force'])).code).toBe(0);
    const inShard = await runCli(['sample', run, '--n', '5', '-o', join(run, 'human', 'sample.jsonl')]);
    expect(inShard.code).toBe(2);
    expect(inShard.stderr).toContain('inside the run');
    const noRun = await runCli(['sample', dir, '--n', '5', '-o', join(dir, 'x.jsonl')]);
    expect(noRun.code).toBe(2);
    expect(noRun.stderr).toContain('manifest.json');
  });

  describe('on a run too large to hold', () => {
    // 100 parts x 1,000 documents of ~2 KB: ~200 MB of text, read under a 32 MB heap.
    const PARTS = 100;
    const PER_PART = 1000;
    const HEAP_MB = 32;
    let big: string;
    let textBytes = 0;
    beforeAll(() => {
      big = join(dir, 'big');
      const manifest = JSON.parse(readFileSync(join(run, 'manifest.json'), 'utf8'));
      const shards: Record<string, string[]> = { human: [], synthetic: [], uncertain: [], rejected: [] };
      const filler = 'words of a long crawled page that goes on and on '.repeat(40);
      for (let p = 0; p < PARTS; p++) {
        const shard = ['human', 'uncertain', 'synthetic'][p % 3]!;
        const file = `${shard}/part-${String(p).padStart(5, '0')}.jsonl.gz`;
        mkdirSync(join(big, shard), { recursive: true });
        const records = Array.from({ length: PER_PART }, (_, i) => {
          const n = p * PER_PART + i;
          const score = shard === 'human' ? (n % 100) / 1000 : shard === 'synthetic' ? 0.95 + (n % 50) / 1000 : 0.12 + (n % 800) / 1000;
          const text = `Page ${n}: ${filler}`;
          textBytes += text.length;
          return JSON.stringify({ id: `d${n}`, text, metadata: { crawlsift: { id: `d${n}`, score, route: shard, source: { file: 'big.jsonl', line: n + 1 } } } });
        });
        writeFileSync(join(big, file), gzipSync(records.join('\n') + '\n', { level: 1 }));
        shards[shard]!.push(file);
      }
      const count = PARTS * PER_PART;
      writeFileSync(join(big, 'manifest.json'), JSON.stringify({ ...manifest, counts: { read: count, human: 34_000, synthetic: 33_000, uncertain: 33_000, rejected: 0 }, shards }));
    });

    it('holds a bounded number of documents whatever the run size', async () => {
      expect(textBytes).toBeGreaterThan(5 * HEAP_MB * 2 ** 20);
      const bounds = { random: 50, uncertainty: 4 * 50, stratified: 10 * 3 * 50 };
      for (const strategy of ['random', 'uncertainty', 'stratified'] as const) {
        let held = 0;
        const result = await sampleRun(big, { strategy, n: 50, seed: 1, onHeld: (h) => (held = h) });
        expect(result.read).toBe(PARTS * PER_PART);
        expect(result.records).toHaveLength(50);
        expect(held).toBeLessThanOrEqual(bounds[strategy]);
      }
    });

    it(`the command draws from it within a ${HEAP_MB} MB heap`, async () => {
      for (const strategy of ['uncertainty', 'stratified']) {
        const out = join(dir, `big-${strategy}.jsonl`);
        const { spawnSync } = await import('node:child_process');
        const result = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, CLI, 'sample', big, '--n', '50', '--strategy', strategy, '-o', out], { encoding: 'utf8' });
        expect(result.status, result.stderr).toBe(0);
        expect(lines(out)).toHaveLength(50);
      }
    });
  });
});
