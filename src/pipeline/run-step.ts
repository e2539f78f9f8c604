import type { PipelineSettings } from './pipeline-settings.js';
import { SHARDS, type ShardName } from './shards.js';
import type { StageDefinition, StageMetadata } from './stage.js';

/** A change a run step makes to one record of a batch's parts. */
export interface RecordEdit {
  /** The record's shard and its index in that shard's part of the batch (`ExitedDocument.line`). */
  shard: ShardName;
  line: number;
  /** Its index among the batch's crawl records (`ExitedDocument.position`): moved records keep input order. */
  position: number;
  /** Fields added to its `metadata.crawlsift`. */
  metadata: StageMetadata;
  /** The shard it moves to, and why (counted under the stage's name, as a stage's routes are). */
  move?: { shard: ShardName; reason: string };
}

/** What a run step is given: the run's batches, by index, once every one of them is done. */
export interface RunStepInput {
  settings: PipelineSettings;
  batches: number;
  /** The input position of the batch's first crawl record (the crawl records of the batches before it). */
  firstRecord(batch: number): number;
  /** The stage's sidecar of the batch (see `Stage.sidecar`); undefined when the stage never ran on it (a batch that failed every attempt: its records were rejected). */
  sidecar(batch: number): Promise<Uint8Array | undefined>;
  /** A directory for the step's temporary files; removed with the run's parts. */
  tmpDir: string;
}

/** What a run step decided. */
export interface RunStepPlan {
  /** The edits to the records of one batch; asked once per batch, in batch order. */
  edits(batch: number): Promise<readonly RecordEdit[]>;
  /** The run's summary of the stage, shown in the manifest as the stage's `summary` says. */
  summary?: unknown;
}

/** A step run once per run, after every batch, before the shards are assembled (see `StageDefinition.runStep`). */
export interface RunStep {
  plan(input: RunStepInput): Promise<RunStepPlan>;
}

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
