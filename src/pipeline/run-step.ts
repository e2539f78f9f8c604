import type { PipelineSettings } from './pipeline-settings.js';
import { SHARDS, type ShardName } from '../routing/shards.js';
import type { StageDefinition } from './stage.js';

/** The stages of `pipeline` that are on for a run's settings (see `StageDefinition.enabled`). */
export function enabledStages(settings: PipelineSettings, pipeline: readonly StageDefinition[]): StageDefinition[] {
  return pipeline.filter((definition) => definition.enabled?.(settings) ?? true);
}

/** The stages on for a run that have a run step: a run with none assembles its shards as batches finish. */
export function runStepStages(settings: PipelineSettings, pipeline: readonly StageDefinition[]): StageDefinition[] {
  return enabledStages(settings, pipeline).filter((definition) => definition.runStep !== undefined);
}

/** The shards a run writes: every shard but those only a stage switched off for the run routes to (no empty duplicate/ without --dedup). */
export function runShards(settings: PipelineSettings, pipeline: readonly StageDefinition[]): ShardName[] {
  const off = pipeline.filter((definition) => !(definition.enabled?.(settings) ?? true)).flatMap((definition) => definition.shards ?? []);
  return SHARDS.filter((shard) => !off.includes(shard));
}
