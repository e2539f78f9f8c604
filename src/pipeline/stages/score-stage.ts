import { modelLabel } from '../pipeline-settings.js';
import type { StageDefinition } from '../stage.js';

/**
 * Scores every document in play with the run's model: `metadata.crawlsift.score` is the calibrated
 * probability (0..1) that the document is machine-generated, `model` the model's `name@hash12`.
 * Decides nothing on its own: the route stage does.
 */
export const scoreStage: StageDefinition = {
  name: 'score',
  create({ settings, scorer }) {
    const model = modelLabel(settings.model);
    return {
      async process(docs) {
        if (docs.length === 0) return [];
        const scores = await (await scorer()).score(docs.map((d) => d.document.text));
        if (scores.length !== docs.length) throw new Error(`scorer returned ${scores.length} scores for ${docs.length} documents`);
        return docs.map((_, i) => ({ action: 'keep', metadata: { score: scores[i]!, model } }));
      },
    };
  },
};
