import type { z } from 'zod';
import type { Scorer } from '../classifier/scorer.js';
import type { CrawlDocument } from '../documents/types.js';
import type { PipelineSettings } from './pipeline-settings.js';
import type { ShardName } from '../routing/shards.js';

/** What a stage adds to a document's `metadata.crawlsift`. */
export type StageMetadata = Record<string, unknown>;

/**
 * What a stage hands to the later stages of the batch about a document (the score stage's
 * `reading`: what the features read of its text), kept while the batch is processed and never
 * written.
 */
export type StageNotes = Record<string, unknown>;

/** A stage's decision for one document, with a machine-readable reason when it routes it. */
export type StageDecision =
  /** The document stays in play for the next stage; `metadata` joins its `metadata.crawlsift`, `notes` its notes. */
  | { action: 'keep'; metadata?: StageMetadata; notes?: StageNotes }
  /** The document leaves the pipeline for `shard`, because of `reason` (counted in the manifest). */
  | { action: 'route'; shard: ShardName; reason: string; detail?: string; metadata?: StageMetadata; notes?: StageNotes };

/** A document still in play: the document as read, and what earlier stages added to its metadata and notes. */
export interface DocumentInPlay {
  readonly document: CrawlDocument;
  readonly metadata: Readonly<StageMetadata>;
  readonly notes: Readonly<StageNotes>;
}

/** A crawl document that left the pipeline, as a stage that summarises its batch sees it. */
export interface ExitedDocument {
  readonly document: CrawlDocument;
  readonly shard: ShardName;
  readonly reason: string;
  readonly metadata: Readonly<StageMetadata>;
  readonly notes: Readonly<StageNotes>;
  /** Its index among the batch's crawl records (documents and rejected records; canaries excluded), in input order. */
  readonly position: number;
  /** The index of its record in its shard's part of the batch (where a run step finds it again). */
  readonly line: number;
}

/**
 * One step of the pipeline (as a datatrove step): takes the documents of a batch still in play and
 * decides, for each, whether it goes on or leaves for a shard. Stages run in the thread that
 * processes the batch, under either executor; they hold no state across batches.
 */
export interface Stage {
  /** One decision per document, in the documents' order. */
  process(docs: readonly DocumentInPlay[]): StageDecision[] | Promise<StageDecision[]>;
  /**
   * For a stage that also measures the batch (statistics per shard, say): called once the batch's
   * every document has left the pipeline, with its crawl documents (canaries excluded) in input
   * order, including those earlier stages routed; returns the batch's summary (see {@link StageSummary}).
   */
  summarise?(exits: readonly ExitedDocument[]): unknown;
  /**
   * For a stage with a run step (see {@link StageDefinition.runStep}): what the step will need of the
   * batch (signatures, say), from the same documents as `summarise`. Written beside the batch's parts
   * and read back by the run step once every batch is done. Or, for a stage whose batch summary is too
   * large for the batch's record, the summary itself (see {@link StageSummary.fromSidecar}).
   */
  sidecar?(exits: readonly ExitedDocument[]): Uint8Array | Promise<Uint8Array>;
}

/**
 * How a stage's batch summaries become the run's: merged batch by batch (under the queue executor,
 * read back from Redis through `schema`), then shown in the manifest under `manifestKey`. `merge` must
 * be associative and commutative, so that any grouping of the same batches gives one pass's result.
 */
export interface StageSummary<S = unknown, M = unknown> {
  schema: z.ZodType<S>;
  merge(a: S, b: S): S;
  /** The manifest field the run's summary is shown under. */
  manifestKey: string;
  /** The manifest's form of the run's summary, and its schema (for reading manifests back). */
  toManifest(summary: S): M;
  manifestSchema: z.ZodType<M>;
  /**
   * For a summary too large to keep in the batch's record (a queue run's Redis holds every batch's
   * record until `finalize`): the stage's `sidecar` holds its batch summary instead of `summarise`,
   * and this reads the summary back from it, as the local executor's batches finish and in
   * `assembleRun` from the sidecar files beside the parts (`withSidecarSummaries`).
   */
  fromSidecar?(bytes: Uint8Array): S;
}

/** What a stage is built from, in the thread that runs it. */
export interface StageContext {
  settings: PipelineSettings;
  /** The run's scorer, loaded on first use (the model and reference LM are heavy). */
  scorer(): Promise<Scorer>;
}

/** A stage as the pipeline lists it: a name (for the manifest's counts) and how to build it for a run. */
export interface StageDefinition {
  readonly name: string;
  create(context: StageContext): Stage;
  /** For stages whose `summarise` measures batches: how their summaries merge and show. */
  readonly summary?: StageSummary<any, any>;
  /**
   * False when the run's settings switch the stage off (`--dedup off`): the stage is then left out
   * of the run's pipeline, as if not listed. @defaultValue always on
   */
  enabled?(settings: PipelineSettings): boolean;
  /** Shards that only this stage routes to: not created by a run that has it switched off. */
  readonly shards?: readonly ShardName[];
  /**
   * For a decision that no batch can make alone (which document of a cluster comes first in the
   * input): run once after every batch, over the batches' sidecars, before the shards are assembled.
   * A run with such a step keeps every batch's parts until then.
   */
  readonly runStep?: RunStep;
}

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
