// Batch thread entry: runs the pipeline on the batches ThreadedBatchRunner sends, one pipeline (and
// one loaded model) per run, and hands back the encoded parts.
import { workerData } from 'node:worker_threads';
import { loadDetector, type Detector } from '../classifier/index.js';
import { CrawlsiftError } from '../errors.js';
import type { SharedClassLm } from '../features/index.js';
import { adoptSharedWordLm } from '../features/reference-lm/index.js';
import { ownedBytes } from '../threads/owned-bytes.js';
import { servePool } from '../threads/serve-pool.js';
import type { BatchThreadData, BatchThreadRequest } from './batch-threads.js';
import { buildPipeline } from './build-pipeline.js';
import { unpackBatchItems } from './packed-items.js';
import type { PipelineSettings } from './pipeline-settings.js';
import { processBatch, type BuiltPipeline, type ProcessedBatch } from './process-batch.js';

adoptSharedWordLm((workerData as BatchThreadData | undefined)?.wordLm);

/** Pipelines by run settings; a queue worker's thread may see a few runs, so only the latest few are kept. */
const pipelines = new Map<string, BuiltPipeline>();
const detectors = new Map<string, Promise<Detector>>();
const KEEP_RUNS = 4;

function pipelineFor(settings: PipelineSettings, classLm: SharedClassLm | undefined): BuiltPipeline {
  const key = JSON.stringify(settings);
  let pipeline = pipelines.get(key);
  if (!pipeline) {
    pipeline = buildPipeline(settings, async () => {
      const detector = await detectorFor(settings, classLm);
      return { score: (texts) => detector.scoreTexts(texts), scoreAndRead: (texts, read) => detector.scoreAndRead(texts, read), close: async () => undefined };
    });
    pipelines.set(key, pipeline);
    if (pipelines.size > KEEP_RUNS) pipelines.delete(pipelines.keys().next().value!);
  }
  return pipeline;
}

/** The run's model, loaded once per directory, backend and hash; refused when its hash is not the run's. */
function detectorFor(settings: PipelineSettings, classLm: SharedClassLm | undefined): Promise<Detector> {
  const key = `${settings.modelDir}\0${settings.backend}\0${settings.model.hash}`;
  let detector = detectors.get(key);
  if (!detector) {
    detector = loadDetector(settings.modelDir, { backend: settings.backend, ...(classLm ? { sharedClassLm: classLm } : {}) }).then((loaded) => {
      if (loaded.hash !== settings.model.hash) {
        loaded.dispose();
        throw new CrawlsiftError('model-mismatch', `the model in ${settings.modelDir} has hash ${loaded.hash.slice(0, 12)}, the run was started with ${settings.model.hash.slice(0, 12)}; pass --model <dir> holding the run's model`);
      }
      return loaded;
    });
    detector.catch(() => detectors.delete(key));
    detectors.set(key, detector);
    if (detectors.size > KEEP_RUNS) {
      const oldest = detectors.keys().next().value!;
      detectors.get(oldest)!.then((d) => d.dispose(), () => undefined);
      detectors.delete(oldest);
    }
  }
  return detector;
}

servePool<BatchThreadRequest, ProcessedBatch>({
  async handle({ settings, items, classLm }) {
    const batch = await processBatch(unpackBatchItems(items), pipelineFor(settings, classLm));
    // Handed over, not copied: each part's (and sidecar's) bytes get an ArrayBuffer of their own first
    // (a small Buffer may sit in Node's shared pool, which must never be transferred).
    for (const part of Object.values(batch.parts)) part.gzip = ownedBytes(part.gzip);
    for (const name of Object.keys(batch.sidecars ?? {})) batch.sidecars![name] = ownedBytes(batch.sidecars![name]!);
    const buffers = [...Object.values(batch.parts).map((part) => part.gzip), ...Object.values(batch.sidecars ?? {})];
    return { response: batch, transfer: buffers.map((bytes) => bytes.buffer as ArrayBuffer) };
  },
});
