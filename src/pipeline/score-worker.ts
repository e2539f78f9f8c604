// Worker-thread entry: loads the detector once, then scores batches of texts sent by ThreadPoolScorer.
import { parentPort, workerData } from 'node:worker_threads';
import { loadDetector } from '../classifier/index.js';
import type { ScoreRequest, ScoreResponse, ScoreWorkerData } from './thread-pool-scorer.js';

const { modelDir, backend } = workerData as ScoreWorkerData;
const port = parentPort;
if (!port) throw new Error('score-worker must run in a worker thread');

const detectorReady = loadDetector(modelDir, { backend });
// Surface a model that cannot load before any batch is sent.
detectorReady.then(
  () => port.postMessage({ type: 'ready' } satisfies ScoreResponse),
  (error: Error) => port.postMessage({ type: 'fatal', message: error.message } satisfies ScoreResponse),
);

port.on('message', async (request: ScoreRequest) => {
  try {
    const detector = await detectorReady;
    const scores = await detector.scoreTexts(request.texts);
    port.postMessage({ type: 'scores', id: request.id, scores } satisfies ScoreResponse, [scores.buffer as ArrayBuffer]);
  } catch (error) {
    port.postMessage({ type: 'error', id: request.id, message: (error as Error).message } satisfies ScoreResponse);
  }
});
