import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { readShard } from '../helpers/shards.js';

const PLAIN = 'fixtures/readers/sample.jsonl';
const ZSTD = 'fixtures/zstd/sample.jsonl.zst';
const tmp = () => mkdtempSync(join(tmpdir(), 'crawlsift-filter-zstd-'));
const manifestOf = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
// Every shard a read document can land in (unscored: outside the default model's scope, e.g. too short).
const ROUTES = ['human', 'synthetic', 'uncertain', 'unscored'] as const;
const sourceFile = (doc: Record<string, unknown>) => (doc.metadata as { crawlsift: { source: { file: string } } }).crawlsift.source.file;

describe('crawlsift filter on zstd input (end to end)', () => {
  it('routes a .jsonl.zst as its .jsonl, and a cut copy into complete lines plus one truncated-zstd, counts reconciling', async () => {
    const plainOut = join(tmp(), 'out');
    const plain = await runCli(['filter', PLAIN, '--out', plainOut, '--threads', '1', '--json']);
    expect(plain.code).toBe(0);

    const zst = readFileSync(ZSTD);
    const cut = join(tmp(), 'cut.jsonl.zst');
    writeFileSync(cut, zst.subarray(0, Math.floor(zst.length * 0.6)));
    const out = join(tmp(), 'out');
    const result = await runCli(['filter', ZSTD, cut, '--out', out, '--threads', '1', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const manifest = manifestOf(out);
    const { read, human, synthetic, uncertain, unscored, rejected } = manifest.counts;
    expect(read).toBe(human + synthetic + uncertain + unscored + rejected);
    expect(manifest.rejectedByReason).toEqual({ 'truncated-zstd': 1 });
    for (const shard of ['human', 'synthetic', 'uncertain', 'unscored', 'rejected']) {
      expect(readShard(out, shard)).toHaveLength(manifest.counts[shard]);
    }

    // The whole file routes exactly as the plain one; the cut copy adds its complete lines.
    const routed = (dir: string, file: string) =>
      Object.fromEntries(
        ROUTES.map((shard) => [shard, readShard(dir, shard).filter((doc) => sourceFile(doc) === file).map((doc) => String(doc.id))]),
      );
    expect(routed(out, ZSTD)).toEqual(Object.fromEntries(ROUTES.map((shard) => [shard, readShard(plainOut, shard).map((doc) => String(doc.id))])));
    const fromCut = Object.values(routed(out, cut)).flat();
    expect(fromCut.length).toBeGreaterThan(5);
    expect(read).toBe(36 + fromCut.length + 1);
    const [truncation] = readShard(out, 'rejected');
    expect(truncation).toMatchObject({ reason: 'truncated-zstd', file: cut, line: fromCut.length + 1, offset: Math.floor(zst.length * 0.6) });
  });
});
