import type { CrawlDocument } from '../documents/types.js';
import type { Label } from './labeled-docs.js';

/**
 * Record field that marks a canary. It travels inside the record so the mark survives
 * serialisation (queue jobs), and the id prefix keeps canaries apart from crawl ids.
 */
export const CANARY_FIELD = '__crawlsiftCanary';
export const CANARY_ID_PREFIX = 'crawlsift-canary:';

/** The label of a canary document, or undefined for a crawl document. */
export function canaryLabel(doc: CrawlDocument): Label | undefined {
  if (!doc.id.startsWith(CANARY_ID_PREFIX)) return undefined;
  const label = doc.record[CANARY_FIELD];
  return label === 'human' || label === 'synthetic' ? label : undefined;
}
