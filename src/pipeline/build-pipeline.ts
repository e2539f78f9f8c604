import type { Scorer } from '../classifier/scorer.js';
import { PIPELINE } from './pipeline.js';
import type { PipelineSettings } from './pipeline-settings.js';
import type { BuiltPipeline } from './process-batch.js';
import { enabledStages } from './run-step.js';
import type { StageDefinition } from './stage.js';

/**
 * The pipeline's stages built for a run, in the thread that will process its batches (stages the
 * settings switch off left out). `startScorer` is called once, on the first batch that needs a score.
 */
export function buildPipeline(
  settings: PipelineSettings,
  startScorer: () => Promise<Scorer>,
  definitions: readonly StageDefinition[] = PIPELINE,
): BuiltPipeline {
  let scorer: Promise<Scorer> | undefined;
  const context = {
    settings,
    scorer: () => {
      scorer ??= startScorer();
      // A scorer that failed to start is tried again on the next batch, not kept as broken.
      scorer.catch(() => (scorer = undefined));
      return scorer;
    },
  };
  return { settings, stages: enabledStages(settings, definitions).map((definition) => ({ name: definition.name, stage: definition.create(context) })) };
}
