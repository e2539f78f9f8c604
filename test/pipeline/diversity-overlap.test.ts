// Batches processed in the calling thread (InlineBatchRunner) overlap at the diversity stage's
// yields: each batch's sketches must still be its own documents', whatever the other batch does.
import { describe, expect, it } from 'vitest';
import type { Scorer } from '../../src/classifier/scorer.js';
import type { ReadItem } from '../../src/documents/types.js';
import { buildPipeline } from '../../src/pipeline/build-pipeline.js';
import { PIPELINE } from '../../src/pipeline/pipeline.js';
import { processBatch } from '../../src/pipeline/process-batch.js';
import { diversityStage } from '../../src/pipeline/stages/diversity-stage.js';

const settings = { model: { name: 'm', hash: 'a'.repeat(64) }, modelDir: 'unused', backend: 'cpu' as const, thresholds: { low: 0.3, high: 0.7 }, idField: 'id', canaries: false, scope: null, diversity: true };
const scorer: Scorer = { score: async (texts) => Float32Array.from(texts, (t) => (t.length % 3) / 2), close: async () => undefined };
const doc = (id: string, text: string): ReadItem => ({ kind: 'document', document: { id, text, record: { id, text }, source: { file: 'f', line: 1 } } });
// Enough documents that measuring a batch takes longer than one turn (the stage yields every 5 ms).
const batch = (tag: string) => Array.from({ length: 3000 }, (_, i) => doc(`${tag}${i}`, `${tag} document ${i} ${'with several plain words '.repeat(1 + (i % 7))}end`));
const sketches = (bytes: Uint8Array | undefined) => diversityStage.summary!.fromSidecar!(bytes!);

describe('the diversity stage, two batches at once in one thread', () => {
  it('gives each batch the sketches it gets alone', async () => {
    const [a, b] = [batch('alpha'), batch('beta')];
    const alone = [await processBatch(a, buildPipeline(settings, async () => scorer, PIPELINE)), await processBatch(b, buildPipeline(settings, async () => scorer, PIPELINE))];
    const pipeline = buildPipeline(settings, async () => scorer, PIPELINE);
    const together = await Promise.all([processBatch(a, pipeline), processBatch(b, pipeline)]);
    for (const k of [0, 1]) expect(sketches(together[k]!.sidecars?.diversity)).toEqual(sketches(alone[k]!.sidecars?.diversity));
  }, 60_000);
});
