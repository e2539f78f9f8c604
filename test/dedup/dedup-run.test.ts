// Duplicate removal under the local executor, in process (a hash of the text stands in for the model):
// the planted fixture's exact and near-duplicates, boilerplate-only pairs, batching, canaries, --dedup off.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CanarySource } from '../../src/canaries/canary-source.js';
import { readLabeledDocs } from '../../src/canaries/labeled-docs.js';
import { DEFAULT_DEDUP, type DedupSettings } from '../../src/dedup/dedup-settings.js';
import { runLocalFilter, type LocalFilterOptions } from '../../src/executors/local/local-executor.js';
import { assembleRun } from '../../src/pipeline/assemble-run.js';
import { buildPipeline } from '../../src/pipeline/build-pipeline.js';
import { PARTS_DIR, writeBatchFiles, type BatchRecord } from '../../src/pipeline/output/batch-files.js';
import { countsReconcile } from '../../src/pipeline/manifest.js';
import { processBatch } from '../../src/pipeline/process-batch.js';
import type { ShardName } from '../../src/routing/shards.js';
import { readShard } from '../helpers/shards.js';
import { HashScorer } from '../queue/fake-scorer.js';
import { keysByPart } from '../queue/shards.js';

const PLANTED = 'fixtures/dedup/planted.jsonl';
const NEAR: DedupSettings = { ...DEFAULT_DEDUP, mode: 'near' };
const fixture = readFileSync(PLANTED, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; text: string; expect: string; of?: string; jaccard?: number });

function run(extra: Partial<LocalFilterOptions> = {}, inputs = [PLANTED]) {
  const outDir = join(mkdtempSync(join(tmpdir(), 'crawlsift-dedup-run-')), 'out');
  const manifest = runLocalFilter({ inputs, outDir, model: { name: 'hash', hash: 'f'.repeat(64) }, thresholds: { low: 0.3, high: 0.7 }, scorer: new HashScorer(), ...extra });
  return manifest.then((m) => ({ manifest: m, outDir }));
}
type Crawlsift = { route: string; reason?: string; duplicate?: { of: string; cluster: number; similarity: number }; cluster?: { id: number; size: number } };
const provenance = (r: Record<string, unknown>) => (r.metadata as { crawlsift: Crawlsift }).crawlsift;
const comparable = ({ startedAt: _s, finishedAt: _f, seconds: _x, docsPerSecond: _d, ...rest }: Record<string, unknown>) => rest;

describe('--dedup near on planted duplicates', () => {
  it('moves exact and near-duplicates to duplicate/, keeps the first of each cluster, and leaves far variants and boilerplate-only pairs alone', async () => {
    const { manifest, outDir } = await run({ dedup: NEAR, batchDocs: 4 });
    const duplicates = readShard(outDir, 'duplicate');
    const expected = fixture.filter((r) => r.expect === 'duplicate');
    expect(duplicates.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    for (const record of duplicates) {
      const planted = fixture.find((r) => r.id === record.id)!;
      const { duplicate, reason, route } = provenance(record);
      expect(route).toBe('duplicate');
      expect(duplicate!.of).toBe(planted.of);
      // Exact: the same text up to whitespace. Near: the estimate within 0.1 of the exact Jaccard similarity.
      expect(reason).toBe(planted.jaccard === 1 ? 'exact-duplicate' : 'near-duplicate');
      expect(Math.abs(duplicate!.similarity - planted.jaccard!)).toBeLessThan(0.1);
      const kept = fixture.findIndex((r) => r.id === planted.of);
      expect(duplicate!.cluster).toBe(kept);
    }
    const routed = ['human', 'synthetic', 'uncertain'].flatMap((shard) => readShard(outDir, shard));
    for (const planted of fixture.filter((r) => r.expect !== 'duplicate')) {
      const record = routed.find((r) => r.id === planted.id)!;
      const size = fixture.filter((r) => r.of === planted.id && r.expect === 'duplicate').length + 1;
      expect(provenance(record).cluster, planted.id).toEqual(planted.expect === 'kept' ? { id: fixture.indexOf(planted), size } : undefined);
      expect(provenance(record).duplicate).toBeUndefined();
    }
    // The far variant and the boilerplate-only pair really are far apart.
    expect(fixture.find((r) => r.id === 'dd-c-far')!.jaccard).toBeLessThan(0.5);
    expect(fixture.find((r) => r.id === 'dd-e-boilerplate')!.jaccard).toBeLessThan(0.2);

    expect(manifest.counts.duplicate).toBe(3);
    expect(countsReconcile(manifest.counts)).toBe(true);
    const { read, human, synthetic, uncertain, unscored, duplicate, rejected } = manifest.counts;
    expect(read).toBe(human + synthetic + uncertain + unscored + duplicate + rejected);
    expect(read).toBe(fixture.length);
    expect(manifest.stages.dedup).toEqual({ documents: 16, routed: { duplicate: { 'exact-duplicate': 1, 'near-duplicate': 2 } } });
    const dedup = manifest.dedup as { documents: number; duplicates: number; clusters: number; byRoute: Record<string, { documents: number; duplicates: number; sizes: Record<string, number> }> };
    expect(dedup).toMatchObject({ mode: 'near', documents: 16, duplicates: 3, clusters: 2 });
    // Per route, the documents routed there add up to the shard plus those that left it for duplicate/.
    for (const route of ['human', 'synthetic', 'uncertain'] as const) {
      expect(dedup.byRoute[route]!.documents - dedup.byRoute[route]!.duplicates).toBe(manifest.counts[route]);
      const kept = Object.values(dedup.byRoute[route]!.sizes).reduce((s, n) => s + n, 0);
      expect(kept).toBe(manifest.counts[route]);
    }
    expect(existsSync(join(outDir, 'parts'))).toBe(false);
  });

  it('finds the same duplicates and writes the same shards whatever the batches', async () => {
    const reference = await run({ dedup: NEAR, batchDocs: 256 });
    for (const batchDocs of [1, 3, 7]) {
      const other = await run({ dedup: NEAR, batchDocs });
      expect(keysByPart(other.outDir)).toEqual(keysByPart(reference.outDir));
      for (const shard of ['human', 'synthetic', 'uncertain', 'duplicate']) expect(readShard(other.outDir, shard)).toEqual(readShard(reference.outDir, shard));
      expect(comparable(other.manifest)).toEqual(comparable(reference.manifest));
    }
  });

  it('stores its batches\' parts uncompressed until the end of the run, and compresses the shards', async () => {
    const settings = { model: { name: 'hash', hash: 'f'.repeat(64) }, modelDir: 'unused', backend: 'cpu' as const, thresholds: { low: 0.3, high: 0.7 }, idField: 'id', canaries: false, scope: null };
    const items = fixture.map((r, line) => ({ kind: 'document' as const, document: { id: r.id, text: r.text, record: r, source: { file: PLANTED, line: line + 1 } } }));
    const scorer = async () => new HashScorer();
    const stored = await processBatch(items, buildPipeline({ ...settings, dedup: NEAR }, scorer));
    const compressed = await processBatch(items, buildPipeline(settings, scorer));
    for (const [shard, part] of Object.entries(stored.parts)) {
      // Stored: gzip's header, trailer and block headers around the JSONL, which is the same.
      expect(part.gzip.length, shard).toBeGreaterThan(part.bytes);
      expect(gunzipSync(part.gzip)).toEqual(gunzipSync(compressed.parts[shard as ShardName]!.gzip));
      expect(compressed.parts[shard as ShardName]!.gzip.length, shard).toBeLessThan(part.bytes);
    }
    const { outDir } = await run({ dedup: NEAR, batchDocs: 4 });
    for (const shard of ['human', 'synthetic', 'uncertain', 'duplicate']) {
      for (const file of readdirSync(join(outDir, shard))) {
        const bytes = readFileSync(join(outDir, shard, file));
        expect(bytes.length, `${shard}/${file}`).toBeLessThan(gunzipSync(bytes).length);
      }
    }
  });

  it('with --dedup exact, moves only the copy that differs in whitespace', async () => {
    const { manifest, outDir } = await run({ dedup: { ...NEAR, mode: 'exact' } });
    expect(readShard(outDir, 'duplicate').map((r) => [r.id, provenance(r).reason, provenance(r).duplicate])).toEqual([['dd-a-exact', 'exact-duplicate', { of: 'dd-a', cluster: 0, similarity: 1 }]]);
    expect(manifest.dedup).toMatchObject({ mode: 'exact', duplicates: 1, clusters: 1 });
  });
});

describe('canaries under --dedup near', () => {
  it('are never deduplicated against the crawl nor kept for it: the crawl\'s duplicates and the canary tally are those of runs without them and without dedup', async () => {
    // Canaries that are exact copies of the planted documents, one after every crawl document: a copy
    // of dd-a comes before dd-a-exact in the stream.
    const dir = mkdtempSync(join(tmpdir(), 'crawlsift-dedup-canaries-'));
    const canaryFile = join(dir, 'canaries.jsonl');
    writeFileSync(canaryFile, fixture.map((r) => JSON.stringify({ text: r.text, label: 'human' })).join('\n') + '\n');
    const canaries = async () => new CanarySource(await readLabeledDocs([canaryFile]), { rate: 1, seed: 2, file: canaryFile });
    const plain = await run({ dedup: NEAR });
    const withCanaries = await run({ dedup: NEAR, canaries: await canaries() });
    const withoutDedup = await run({ canaries: await canaries() });
    for (const shard of ['human', 'synthetic', 'uncertain', 'duplicate']) expect(readShard(withCanaries.outDir, shard)).toEqual(readShard(plain.outDir, shard));
    expect(withCanaries.manifest.dedup).toEqual(plain.manifest.dedup);
    expect(withCanaries.manifest.canaries).toEqual(withoutDedup.manifest.canaries);
    expect((withCanaries.manifest.canaries as { human: { n: number } }).human.n).toBe(fixture.length);
    expect(withCanaries.manifest.stages.dedup).toEqual(plain.manifest.stages.dedup);
  });
});

describe('--dedup off', () => {
  it('writes no duplicate/ and no parts/, and a manifest without a duplicate count or dedup stage', async () => {
    const { manifest, outDir } = await run({ dedup: { ...NEAR, mode: 'off' } });
    expect(existsSync(join(outDir, 'duplicate'))).toBe(false);
    expect(existsSync(join(outDir, 'parts'))).toBe(false);
    expect(Object.keys(manifest.counts)).not.toContain('duplicate');
    expect(Object.keys(manifest.shards)).not.toContain('duplicate');
    expect(Object.keys(manifest.stages)).not.toContain('dedup');
    expect(manifest.dedup).toBeUndefined();
    const unset = await run();
    expect(comparable(unset.manifest)).toEqual(comparable(manifest));
  });
});

describe('the end of a run with --dedup near (assembleRun)', () => {
  const settings = { model: { name: 'hash', hash: 'f'.repeat(64) }, modelDir: 'unused', backend: 'cpu' as const, thresholds: { low: 0.3, high: 0.7 }, idField: 'id', canaries: false, scope: null, dedup: NEAR };
  const items = fixture.map((r, line) => ({ kind: 'document' as const, document: { id: r.id, text: r.text, record: r, source: { file: PLANTED, line: line + 1 } } }));

  /** The fixture as batches of 8 written as files, as a local run spills them; then assembled. */
  async function assemble(removeAppended: boolean) {
    const outDir = join(mkdtempSync(join(tmpdir(), 'crawlsift-assemble-')), 'out');
    const pipeline = buildPipeline(settings, async () => new HashScorer());
    const records: BatchRecord[] = [];
    for (let start = 0; start < items.length; start += 8) records.push(await writeBatchFiles(outDir, records.length, await processBatch(items.slice(start, start + 8), pipeline)));
    const files = () => readdirSync(join(outDir, PARTS_DIR), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
    const written = files();
    const { result } = await assembleRun({ outDir, settings, batches: records.length, record: (b) => records[b]!, removeAppended, editThreads: 0 });
    return { written, left: files(), result, shards: Object.fromEntries(['human', 'synthetic', 'uncertain', 'duplicate'].map((s) => [s, readShard(outDir, s)])) };
  }

  it('removes each batch\'s files once its parts are appended when asked (local), and keeps them otherwise (finalize)', async () => {
    const removed = await assemble(true);
    const kept = await assemble(false);
    expect(removed.written).toBeGreaterThan(2 * Math.ceil(items.length / 8));
    expect(removed.left).toBe(0);
    expect(kept.left).toBe(kept.written);
    expect(removed.shards).toEqual(kept.shards);
    expect(removed.result.shards.duplicate).toBeGreaterThan(0);
  });
});
