import { isSampled, STAGE_SAMPLE_EVERY } from '../../diversity/sampling.js';
import { modelLabel } from '../pipeline-settings.js';
import type { StageDefinition } from '../stage.js';

/** The notes of a document the diversity stage will not measure (one object for all: notes are copied). */
const NOT_SAMPLED = Object.freeze({ sampled: false });

/**
 * Scores every document in play with the run's model: `metadata.crawlsift.score` is the calibrated
 * probability (0..1) that the document is machine-generated, `model` the model's `name@hash12`.
 * Decides nothing on its own: the route stage does. When the scorer extracts the features in this
 * thread, what they read of each text the diversity stage will measure is the document's `reading`
 * note (`FeatureReading`), which that stage measures from instead of reading the text again;
 * whether the document is in that stage's sample (one in `STAGE_SAMPLE_EVERY`, `isSampled`) is its
 * `sampled` note.
 */
export const scoreStage: StageDefinition = {
  name: 'score',
  create({ settings, scorer }) {
    const model = modelLabel(settings.model);
    return {
      async process(docs) {
        if (docs.length === 0) return [];
        const texts = docs.map((d) => d.document.text);
        const loaded = await scorer();
        // What the features read of a text is handed on when the scorer has it at no cost (see
        // FeatureReading) and the diversity stage will measure the document (one in
        // STAGE_SAMPLE_EVERY): readings are kept for the whole batch, and with every document's kept
        // the pipeline bench's peak RSS at 1x was 551-579 MB (447-478 MB without the stage).
        // Whether a document is in the sample is decided once, here, and handed on as its `sampled` note.
        const sampled = settings.diversity && loaded.scoreAndRead ? texts.map((t) => isSampled(t, STAGE_SAMPLE_EVERY)) : undefined;
        const { scores, readings } = sampled
          ? await loaded.scoreAndRead!(texts, sampled)
          : { scores: await loaded.score(texts), readings: undefined };
        if (scores.length !== docs.length) throw new Error(`scorer returned ${scores.length} scores for ${docs.length} documents`);
        return docs.map((_, i) => {
          const reading = readings?.[i];
          const notes = reading ? { reading, sampled: true } : sampled ? NOT_SAMPLED : undefined;
          return { action: 'keep', metadata: { score: scores[i]!, model }, ...(notes ? { notes } : {}) };
        });
      },
    };
  },
};
