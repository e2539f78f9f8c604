import type { BackendPreference } from './backend-name.js';
import type { ModelRef } from '../routing/model-ref.js';
import { loadDetector } from './detector.js';

/** Texts per call into the detector: bounds the memory of one scoring call. */
const SCORE_BATCH = 512;

/**
 * Scores texts with the model in `modelDir` (in batches), returning the scores in input order
 * and the model's name and hash. Shared by `crawlsift tune` and `crawlsift report --labeled`.
 */
export async function scoreWithModel(
  modelDir: string,
  texts: readonly string[],
  backend: BackendPreference = 'auto',
): Promise<{ scores: Float32Array; model: ModelRef }> {
  const detector = await loadDetector(modelDir, { backend });
  try {
    const scores = new Float32Array(texts.length);
    for (let start = 0; start < texts.length; start += SCORE_BATCH) {
      scores.set(await detector.scoreTexts(texts.slice(start, start + SCORE_BATCH)), start);
    }
    return { scores, model: { name: detector.name, hash: detector.hash } };
  } finally {
    detector.dispose();
  }
}
