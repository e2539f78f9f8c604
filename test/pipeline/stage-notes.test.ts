// Notes: what a stage hands to later stages about a document, never written. The score stage hands
// on what the features read of each text the diversity stage will measure (one in 8) when its scorer
// has it (`scoreAndRead`), and the diversity stage measures from it: the batch's sketches are those
// of a scorer without readings, and no note reaches a record.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Scorer } from '../../src/classifier/scorer.js';
import type { ReadItem } from '../../src/documents/types.js';
import { extractFeaturesAndReading } from '../../src/features/extract.js';
import { buildPipeline } from '../../src/pipeline/build-pipeline.js';
import { PIPELINE } from '../../src/pipeline/pipeline.js';
import { processBatch } from '../../src/pipeline/process-batch.js';
import { diversityStage } from '../../src/pipeline/stages/diversity-stage.js';
import { corpusMeasurer } from '../../src/diversity/corpus-measurer.js';
import { isSampled, STAGE_SAMPLE_EVERY } from '../../src/diversity/sampling.js';

const settings = { model: { name: 'm', hash: 'a'.repeat(64) }, modelDir: 'unused', backend: 'cpu' as const, thresholds: { low: 0.3, high: 0.7 }, idField: 'id', canaries: false, scope: null, diversity: true };
const score = (texts: string[]) => Float32Array.from(texts, (t) => (t.length % 3) / 2);
const plain: Scorer = { score: async (texts) => score(texts), close: async () => undefined };
let asked: boolean[] = [];
const reading: Scorer = {
  score: async (texts) => score(texts),
  scoreAndRead: async (texts, read) => {
    asked = [...read];
    return { scores: score(texts), readings: texts.map((t, i) => (read[i] ? extractFeaturesAndReading(t).reading : undefined)) };
  },
  close: async () => undefined,
};
const doc = (id: string, text: string): ReadItem => ({ kind: 'document', document: { id, text, record: { id, text }, source: { file: 'f', line: 1 } } });
const items = [
  doc('a', 'The cat sat on the mat, and the dog sat on the log.'),
  doc('b', 'Numbers like 42 and 3.5 fold into one type; words do not.'),
  doc('c', Array.from({ length: 400 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`).join(' ')),
  doc('d', 'Short.'),
  ...Array.from({ length: 60 }, (_, i) => doc(`e${i}`, `Document ${i} says something about topic ${i * 7}, in plain words.`)),
];

describe('stage notes', () => {
  it("carry the score stage's readings to the diversity stage, which measures the same from them, and are never written", async () => {
    const withReadings = await processBatch(items, buildPipeline(settings, async () => reading, PIPELINE));
    const without = await processBatch(items, buildPipeline(settings, async () => plain, PIPELINE));
    // Readings of the documents the stage measures (one in STAGE_SAMPLE_EVERY) only: the others' would be kept for nothing.
    const texts = items.map((item) => (item.kind === 'document' ? item.document.text : ''));
    expect(asked).toEqual(texts.map((t) => isSampled(t, STAGE_SAMPLE_EVERY)));
    expect(asked.filter(Boolean).length).toBeGreaterThan(0);
    const sketches = (bytes: Uint8Array | undefined) => diversityStage.summary!.fromSidecar!(bytes!);
    expect(sketches(withReadings.sidecars?.diversity)).toEqual(sketches(without.sidecars?.diversity));
    const measured = Object.values(sketches(withReadings.sidecars?.diversity)).reduce((n, s) => n + (s?.sampledDocuments ?? 0), 0);
    expect(measured).toBe(asked.filter(Boolean).length);
    for (const part of Object.values(withReadings.parts)) {
      for (const line of gunzipSync(part.gzip).toString('utf8').trim().split('\n')) {
        const crawlsift = (JSON.parse(line) as { metadata: { crawlsift: Record<string, unknown> } }).metadata.crawlsift;
        expect(Object.keys(crawlsift)).not.toContain('reading');
        expect(Object.keys(crawlsift)).not.toContain('sampled');
        expect(line).not.toContain('vocabulary');
      }
    }
    expect(withReadings.parts).toEqual(without.parts);
  });

  it('say whether a document is in the sample, which the measurer then takes instead of asking isSampled again', () => {
    const measurer = corpusMeasurer({ sampleEvery: STAGE_SAMPLE_EVERY });
    const texts = items.map((item) => (item.kind === 'document' ? item.document.text : ''));
    const inSample = texts.find((t) => isSampled(t, STAGE_SAMPLE_EVERY))!;
    const outside = texts.find((t) => !isSampled(t, STAGE_SAMPLE_EVERY))!;
    expect(measurer.measure(inSample).sampledDocuments).toBe(1);
    expect(measurer.measure(outside).sampledDocuments).toBe(0);
    expect(measurer.measure(inSample, undefined, false).sampledDocuments).toBe(0);
    expect(measurer.measure(outside, undefined, true).sampledDocuments).toBe(1);
  });
});
