// Scoring thread entry: loads the detector once, then scores the batches of texts ThreadPoolScorer sends.
import { workerData } from 'node:worker_threads';
import { adoptSharedWordLm } from '../features/reference-lm/index.js';
import { servePool } from '../threads/serve-pool.js';
import { loadDetector } from './detector.js';
import type { ScoreThreadData } from './thread-pool-scorer.js';

const { modelDir, backend, wordLm, classLm } = workerData as ScoreThreadData;
adoptSharedWordLm(wordLm);
const detector = loadDetector(modelDir, { backend, ...(classLm ? { sharedClassLm: classLm } : {}) });

servePool<string[], Float32Array>({
  // A model that cannot load is reported before any batch is sent.
  ready: detector,
  async handle(texts) {
    const scores = await (await detector).scoreTexts(texts);
    return { response: scores, transfer: [scores.buffer as ArrayBuffer] };
  },
});
