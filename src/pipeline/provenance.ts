import type { CrawlDocument, RejectedRecord, SourceRef } from '../documents/types.js';
import type { Route, Thresholds } from '../routing/index.js';

/** What a routed document gains under `metadata.crawlsift`. */
export interface CrawlsiftProvenance {
  /** The document's id: its `--id-field` value, or one derived from `source` (see `recordId`, `derivedId`). */
  id: string;
  /** Calibrated probability (0..1) that the document is machine-generated. */
  score: number;
  route: Route;
  /** The model's name and content hash, `name@hash12`. */
  model: string;
  thresholds: Thresholds;
  source: SourceRef;
}

/**
 * The output record of a routed document: the input record, every field kept as it was, plus the
 * document's id and `metadata.crawlsift`. The id is always `metadata.crawlsift.id`; it is also
 * written to `id` (and to `idField`) when the record has no such field, and never over a field the
 * record has (`--id-field uid` keeps the input's own `id`; an unusable id such as `{"a":1}` is kept
 * and the document gets a derived one). Other `metadata` fields of the input are kept; a `metadata`
 * that is not an object is kept as `metadata.original`, and an earlier run's `metadata.crawlsift`
 * is replaced. Pure.
 */
export function toRoutedRecord(
  doc: CrawlDocument,
  provenance: Omit<CrawlsiftProvenance, 'id'>,
  idField = 'id',
): Record<string, unknown> {
  const { record } = doc;
  const existing = record.metadata;
  const metadata = isPlainObject(existing) ? existing : existing === undefined ? {} : { original: existing };
  // Score rounded to 6 digits: enough to re-route, and output stays stable across backends.
  const crawlsift: CrawlsiftProvenance = { id: doc.id, ...provenance, score: Math.round(provenance.score * 1e6) / 1e6 };
  const added: Record<string, unknown> = {};
  for (const field of new Set([idField, 'id'])) if (!Object.hasOwn(record, field)) added[field] = doc.id;
  return { ...record, ...added, metadata: { ...metadata, crawlsift } };
}

/** The output record of a rejected input: `{ reason, detail?, file, line | offset | index, raw }`. */
export function toRejectedRecord(rejected: RejectedRecord): Record<string, unknown> {
  return { ...rejected };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
