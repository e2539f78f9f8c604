import type { CrawlDocument, RejectedRecord, SourceRef } from '../../documents/types.js';
import { ROUTES } from '../../routing/route.js';
import type { ShardName } from '../../routing/shards.js';
import type { StageMetadata } from '../stage.js';

/**
 * What a routed document gains under `metadata.crawlsift`, in this key order: `id`; `score` (the
 * calibrated probability, 0..1, that it is machine-generated) when it was scored; `route`, the shard
 * it is in; `model` and `thresholds` when scored; whatever else the stages added; `reason` when a
 * stage sent it to a shard that is not a route (rejected, and later unscored or duplicate); `source`.
 */
export interface CrawlsiftProvenance {
  id: string;
  score?: number;
  route: ShardName;
  model?: string;
  thresholds?: { low: number; high: number };
  reason?: string;
  source: SourceRef;
  [stageField: string]: unknown;
}

const ROUTE_SHARDS: ReadonlySet<string> = new Set(ROUTES);

/**
 * The output record of a document that left the pipeline for `shard`: the input record, every field
 * kept as it was, plus the document's id and `metadata.crawlsift`. The id is always
 * `metadata.crawlsift.id`; it is also written to `id` (and to `idField`) when the record has no such
 * field, and never over a field the record has (`--id-field uid` keeps the input's own `id`; an
 * unusable id such as `{"a":1}` is kept and the document gets a derived one). Other `metadata` fields
 * of the input are kept; a `metadata` that is not an object is kept as `metadata.original`, and an
 * earlier run's `metadata.crawlsift` is replaced. Pure.
 */
export function toRoutedRecord(
  doc: CrawlDocument,
  shard: ShardName,
  metadata: StageMetadata,
  reason: string | undefined,
  idField = 'id',
): Record<string, unknown> {
  const { record } = doc;
  const existing = record.metadata;
  const kept = isPlainObject(existing) ? existing : existing === undefined ? {} : { original: existing };
  const { score, model, thresholds, ...rest } = metadata;
  const crawlsift: CrawlsiftProvenance = {
    id: doc.id,
    // Score rounded to 6 digits: enough to re-route, and output stays stable across backends.
    ...(typeof score === 'number' ? { score: Math.round(score * 1e6) / 1e6 } : {}),
    route: shard,
    ...(model !== undefined ? { model: model as string } : {}),
    ...(thresholds !== undefined ? { thresholds: thresholds as CrawlsiftProvenance['thresholds'] } : {}),
    ...rest,
    ...(reason !== undefined && !ROUTE_SHARDS.has(shard) ? { reason } : {}),
    source: doc.source,
  };
  const added: Record<string, unknown> = {};
  for (const field of new Set([idField, 'id'])) if (!Object.hasOwn(record, field)) added[field] = doc.id;
  return { ...record, ...added, metadata: { ...kept, crawlsift } };
}

/**
 * A record's `metadata.crawlsift` after a run step's edit (see `RecordEdit`): the fields it had, then
 * the step's fields, in the key order of {@link toRoutedRecord}; `route` becomes the shard the record
 * moves to, whose reason is written when that shard is not a route. Pure.
 */
export function editedProvenance(crawlsift: Readonly<Record<string, unknown>>, metadata: StageMetadata, move?: { shard: ShardName; reason: string }): Record<string, unknown> {
  const { reason: oldReason, source, ...rest } = crawlsift;
  const route = move?.shard ?? (rest.route as string);
  const reason = move ? move.reason : oldReason;
  return { ...rest, route, ...metadata, ...(reason !== undefined && !ROUTE_SHARDS.has(route) ? { reason } : {}), source };
}

/** The output record of an input that could not be read: `{ reason, detail?, file, line | offset | index, raw }`. */
export function toRejectedRecord(rejected: RejectedRecord): Record<string, unknown> {
  return { ...rejected };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
