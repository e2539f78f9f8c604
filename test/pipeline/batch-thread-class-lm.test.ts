// A batch thread scores with the class LM its runner shared when the share came from the run's model
// (its key is the model's hash), and with its own copy otherwise. Seen through the scores: a share
// keyed by the model's hash whose tables were altered changes them; under another key it does not.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCard, shareModelClassLm } from '../../src/classifier/index.js';
import type { SharedClassLm } from '../../src/features/index.js';
import { shareShippedWordLm } from '../../src/features/reference-lm/index.js';
import type { BatchThreadData, BatchThreadRequest } from '../../src/pipeline/batch-threads.js';
import { packBatchItems } from '../../src/pipeline/packed-items.js';
import type { PipelineSettings } from '../../src/pipeline/pipeline-settings.js';
import type { ProcessedBatch } from '../../src/pipeline/process-batch.js';
import { defaultModelDir } from '../../src/paths.js';
import { threadEntry, WorkerPool } from '../../src/threads/worker-pool.js';
import type { ReadItem } from '../../src/documents/types.js';

const texts = readFileSync('fixtures/labeled/modern2024-dev-small.jsonl', 'utf8').split('\n').filter(Boolean).slice(0, 24).map((l) => (JSON.parse(l) as { text: string }).text);
const items: ReadItem[] = texts.map((text, i) => ({ kind: 'document', document: { id: `d${i}`, text, record: { id: `d${i}`, text }, source: { file: 'in.jsonl', line: i + 1 } } }));

/** The scores a fresh one-thread pool gives the items, its thread handed `classLm` (or none). */
async function scoresIn(settings: PipelineSettings, classLm: SharedClassLm | undefined): Promise<number[]> {
  const pool = await WorkerPool.start<BatchThreadData, BatchThreadRequest, ProcessedBatch>({
    what: 'batch',
    entry: threadEntry(new URL('../../src/pipeline/batch-threads.ts', import.meta.url).href, 'batch-thread'),
    workerData: { wordLm: shareShippedWordLm() },
    threads: 1,
  });
  try {
    const { parts } = await pool.run({ settings, items: packBatchItems(items), ...(classLm ? { classLm } : {}) });
    const records = Object.values(parts).flatMap((part) => gunzipSync(part.gzip).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
    expect(records).toHaveLength(items.length);
    return records.sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1))).map((r) => r.metadata.crawlsift.score as number);
  } finally {
    await pool.close();
  }
}

describe("a batch thread and its runner's shared class LM", () => {
  let settings: PipelineSettings;
  let shared: SharedClassLm;
  let own: number[];

  beforeAll(async () => {
    const card = await readCard(defaultModelDir());
    settings = {
      model: { name: card.name, hash: card.modelHash }, modelDir: defaultModelDir(), backend: 'cpu',
      thresholds: card.thresholds, idField: 'id', canaries: false, scope: null, diversity: false,
    };
    shared = (await shareModelClassLm(defaultModelDir()))!;
    expect(shared).toBeDefined();
    own = await scoresIn(settings, undefined);
  }, 120_000);

  it('scores with the shared tables, the same as its own copy, when they came from the model', async () => {
    expect(await scoresIn(settings, shared)).toEqual(own);
  }, 60_000);

  it("uses the share it is handed: an altered one under the model's hash changes its scores", async () => {
    const swapped: SharedClassLm = { ...shared, denominators: [shared.denominators[1], shared.denominators[0]] };
    const scores = await scoresIn(settings, swapped);
    expect(scores.filter((s, i) => s !== own[i]).length).toBeGreaterThan(items.length / 2);
  }, 60_000);

  it('decodes its own copy when the share came from another model', async () => {
    const foreign: SharedClassLm = { ...shared, key: '0'.repeat(64), denominators: [shared.denominators[1], shared.denominators[0]] };
    expect(await scoresIn(settings, foreign)).toEqual(own);
  }, 60_000);
});
