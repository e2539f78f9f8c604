// A stage that measures batches: its summaries come out of processBatch, merge batch by batch with
// the stage's own merge (any grouping the same), and show in the manifest under the stage's field.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { ReadItem } from '../../src/documents/types.js';
import { emptyBatchResult, mergeBatchResults } from '../../src/pipeline/batch-result.js';
import { buildPipeline } from '../../src/pipeline/build-pipeline.js';
import { buildManifest } from '../../src/pipeline/manifest.js';
import { PIPELINE } from '../../src/pipeline/pipeline.js';
import { processBatch } from '../../src/pipeline/process-batch.js';
import type { StageDefinition } from '../../src/pipeline/stage.js';

const WordsByShard = z.record(z.string(), z.number());

/** Counts the words of the documents that left for each shard. */
const wordCounter: StageDefinition = {
  name: 'words',
  create: () => ({
    process: (docs) => docs.map(() => ({ action: 'keep' })),
    summarise: (exits) => {
      const words: Record<string, number> = {};
      for (const exit of exits) words[exit.shard] = (words[exit.shard] ?? 0) + exit.document.text.split(' ').length;
      return words;
    },
  }),
  summary: {
    schema: WordsByShard,
    merge: (a, b) => Object.fromEntries([...new Set([...Object.keys(a), ...Object.keys(b)])].map((k) => [k, (a[k] ?? 0) + (b[k] ?? 0)])),
    manifestKey: 'words',
    toManifest: (s) => s,
    manifestSchema: WordsByShard,
  },
};

const stages = [wordCounter, ...PIPELINE];
const settings = { model: { name: 'm', hash: 'a'.repeat(64) }, modelDir: 'unused', backend: 'cpu', thresholds: { low: 0.3, high: 0.7 }, idField: 'id', canaries: false, scope: null };
// Scores from the text: 'h...' 0.1 (human), 's...' 0.9 (synthetic).
const pipeline = buildPipeline(settings, async () => ({ score: async (texts) => Float32Array.from(texts, (t) => (t.startsWith('h') ? 0.1 : 0.9)), close: async () => undefined }), stages);
const doc = (id: string, text: string): ReadItem => ({ kind: 'document', document: { id, text, record: { id, text }, source: { file: 'f', line: 1 } } });

describe('stage summaries', () => {
  it('measure each batch, merge in any grouping to the same totals, and show in the manifest', async () => {
    const batches = await Promise.all([
      processBatch([doc('a', 'h one two'), doc('b', 's one')], pipeline),
      processBatch([doc('c', 's a b c d')], pipeline),
      processBatch([doc('d', 'h x')], pipeline),
    ]);
    expect(batches[0]!.result.summaries!.words).toEqual({ human: 3, synthetic: 2 });
    const [x, y, z2] = batches.map((b) => b.result);
    const leftFirst = mergeBatchResults(mergeBatchResults(mergeBatchResults(emptyBatchResult(), x!, stages), y!, stages), z2!, stages);
    const rightFirst = mergeBatchResults(x!, mergeBatchResults(z2!, y!, stages), stages);
    expect(leftFirst.summaries!.words).toEqual({ human: 5, synthetic: 7 });
    expect(rightFirst.summaries).toEqual(leftFirst.summaries);
    const manifest = buildManifest(
      {
        result: leftFirst, model: settings.model, thresholds: settings.thresholds, inputs: ['f'], outDir: '/o',
        shardFiles: { human: [], synthetic: [], uncertain: [], unscored: [], rejected: [] }, executor: 'local', startedAt: new Date(0), finishedAt: new Date(1000),
      },
      stages,
    );
    expect(manifest.words).toEqual({ human: 5, synthetic: 7 });
  });
});
