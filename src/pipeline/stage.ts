import type { z } from 'zod';
import type { Scorer } from '../classifier/scorer.js';
import type { CrawlDocument } from '../documents/types.js';
import type { PipelineSettings } from './pipeline-settings.js';
import type { ShardName } from './shards.js';

/** What a stage adds to a document's `metadata.crawlsift`. */
export type StageMetadata = Record<string, unknown>;

/** A stage's decision for one document, with a machine-readable reason when it routes it. */
export type StageDecision =
  /** The document stays in play for the next stage; `metadata` joins its `metadata.crawlsift`. */
  | { action: 'keep'; metadata?: StageMetadata }
  /** The document leaves the pipeline for `shard`, because of `reason` (counted in the manifest). */
  | { action: 'route'; shard: ShardName; reason: string; detail?: string; metadata?: StageMetadata };

/** A document still in play: the document as read, and what earlier stages added to its metadata. */
export interface DocumentInPlay {
  readonly document: CrawlDocument;
  readonly metadata: Readonly<StageMetadata>;
}

/** A crawl document that left the pipeline, as a stage that summarises its batch sees it. */
export interface ExitedDocument {
  readonly document: CrawlDocument;
  readonly shard: ShardName;
  readonly reason: string;
  readonly metadata: Readonly<StageMetadata>;
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
   * May be async, to let other work of the thread run between documents (a batch processed in the
   * calling thread, by `InlineBatchRunner`, shares it with the producer's heartbeat, say).
   */
  summarise?(exits: readonly ExitedDocument[]): unknown | Promise<unknown>;
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
}
