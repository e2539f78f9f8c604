// The scope stage in the pipeline: documents in another language or too short go to unscored/
// unscored, with metadata.crawlsift.scope and the manifest's counts by reason and language; canaries
// out of scope count as not scored. Real language identifier (fastText lid.176), stand-in scorer.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CANARY_FIELD, CANARY_ID_PREFIX } from '../../src/canaries/canary-marker.js';
import type { CrawlDocument, ReadItem } from '../../src/documents/types.js';
import { buildPipeline } from '../../src/pipeline/build-pipeline.js';
import { processBatch } from '../../src/pipeline/process-batch.js';
import type { PipelineSettings } from '../../src/pipeline/pipeline-settings.js';

const udhr = readFileSync('fixtures/multilingual/udhr-paragraphs.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { language: string; text: string });
const paragraph = (language: string) => udhr.find((p) => p.language === language)!.text;
const ENGLISH = 'The committee met on Tuesday to discuss the budget for the coming year, and after a long debate its members agreed to spend more on the library, the swimming pool and the roads that lead to the old market in the centre of town.';

const settings = (scope: PipelineSettings['scope'], canaries = false): PipelineSettings => ({
  model: { name: 'stand-in', hash: 'a'.repeat(64) }, modelDir: 'unused', backend: 'cpu', thresholds: { low: 0.3, high: 0.7 }, idField: 'id', canaries, scope,
});
const scorer = async () => ({ score: async (texts: string[]) => Float32Array.from(texts, () => 0.5), close: async () => undefined });
const doc = (id: string, text: string, extra: Record<string, unknown> = {}): ReadItem => {
  const document: CrawlDocument = { id, text, record: { id, text, ...extra }, source: { file: 'in.jsonl', line: 1 } };
  return { kind: 'document', document };
};
const records = (part: { gzip: Uint8Array } | undefined) => (part ? gunzipSync(part.gzip).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);

describe('the scope stage', () => {
  it('sends other languages and short texts to unscored, scoring only what the model can judge', async () => {
    const pipeline = buildPipeline(settings({ languages: ['en'], minWords: 24 }), scorer);
    const { parts, result } = await processBatch([doc('en', ENGLISH), doc('fr', paragraph('fr')), doc('de', paragraph('de')), doc('short', 'Page not found. Go back home.')], pipeline);
    expect(result.shards).toMatchObject({ uncertain: 1, unscored: 3 });
    expect(result.stages.scope).toEqual({ documents: 4, routed: { unscored: { language: 2, 'too-short': 1 } } });
    expect(result.stages.score!.documents).toBe(1);
    const unscored = records(parts.unscored);
    expect(unscored.map((r) => r.id)).toEqual(['fr', 'de', 'short']);
    expect(unscored[0].metadata.crawlsift).toMatchObject({ id: 'fr', route: 'unscored', reason: 'language', scope: { reason: 'language', language: 'fr' } });
    expect(unscored[0].metadata.crawlsift.score).toBeUndefined();
    expect(unscored[2].metadata.crawlsift.scope).toMatchObject({ reason: 'too-short', language: 'en' });
    expect(unscored[2].metadata.crawlsift.scope.words).toBeLessThan(24);
    expect(result.summaries!.scope).toEqual({ byReason: { language: 2, 'too-short': 1 }, byLanguage: { de: 1, en: 1, fr: 1 } });
  });

  it('scores everything when the run has no scope, and judges the languages a run lists', async () => {
    const batch = [doc('en', ENGLISH), doc('fr', paragraph('fr'))];
    const off = await processBatch(batch, buildPipeline(settings(null), scorer));
    expect(off.result.shards).toMatchObject({ uncertain: 2, unscored: 0 });
    const both = await processBatch(batch, buildPipeline(settings({ languages: ['en', 'fr'], minWords: 0 }), scorer));
    expect(both.result.shards).toMatchObject({ uncertain: 2, unscored: 0 });
  });

  it('counts a canary out of scope as not scored, in no rate', async () => {
    const pipeline = buildPipeline(settings({ languages: ['en'], minWords: 24 }, true), scorer);
    const canary = (n: number, text: string, label: string) => doc(`${CANARY_ID_PREFIX}${n}`, text, { [CANARY_FIELD]: label });
    const { result } = await processBatch([doc('en', ENGLISH), canary(0, paragraph('es'), 'human'), canary(1, ENGLISH, 'synthetic')], pipeline);
    expect(result.read).toBe(1);
    expect(result.canaries).toEqual({
      synthetic: { n: 1, toHuman: 0, toUncertain: 1, toSynthetic: 0 },
      human: { n: 0, toHuman: 0, toUncertain: 0, toSynthetic: 0 },
      notScored: { synthetic: 0, human: 1 },
    });
    // A canary is never in a shard, nor in the scope stage's counts.
    expect(result.shards.unscored).toBe(0);
    expect(result.stages.scope!.documents).toBe(1);
  });
});
