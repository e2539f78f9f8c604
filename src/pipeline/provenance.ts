import type { CrawlDocument, RejectedRecord, SourceRef } from '../documents/types.js';
import type { Route, Thresholds } from '../routing/index.js';

/** What a routed document gains under `metadata.crawlsift`. */
export interface CrawlsiftProvenance {
  /** Calibrated probability (0..1) that the document is machine-generated. */
  score: number;
  route: Route;
  /** The model's name and content hash, `name@hash12`. */
  model: string;
  thresholds: Thresholds;
  source: SourceRef;
}

/**
 * The output record of a routed document: the input record with its `id` set and
 * `metadata.crawlsift` added; other `metadata` fields of the input are kept.
 */
export function toRoutedRecord(
  doc: CrawlDocument,
  provenance: CrawlsiftProvenance,
  idField = 'id',
): Record<string, unknown> {
  const existing = doc.record.metadata;
  const metadata = isPlainObject(existing) ? existing : existing === undefined ? {} : { original: existing };
  // Score rounded to 6 digits: enough to re-route, and output stays stable across backends.
  const crawlsift: CrawlsiftProvenance = { ...provenance, score: Math.round(provenance.score * 1e6) / 1e6 };
  return { ...doc.record, [idField]: doc.id, ...(idField === 'id' ? {} : { id: doc.id }), metadata: { ...metadata, crawlsift } };
}

/** The output record of a rejected input: `{ reason, detail?, file, line | offset, raw }`. */
export function toRejectedRecord(rejected: RejectedRecord): Record<string, unknown> {
  return { ...rejected };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
