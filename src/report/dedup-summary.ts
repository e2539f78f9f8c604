import { DedupSummarySchema, sortedBuckets, type DedupSummary } from '../dedup/cluster-summary.js';
import type { Manifest } from '../pipeline/manifest.js';
import { formatCount } from '../evaluation/format.js';
import { ROUTES } from '../routing/route.js';
import { htmlTable, paragraph } from './html.js';

/** The manifest's `dedup` field (runs with `--dedup` only), or undefined. */
export function manifestDedup(manifest: Manifest): DedupSummary | undefined {
  const parsed = DedupSummarySchema.safeParse(manifest.dedup);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The end-of-run lines about duplicates: how many, in how many clusters, and per route the clusters
 * whose kept document is there (sizes as `size x clusters`).
 */
export function formatDedupSummary(dedup: DedupSummary): string {
  const lines = [`duplicates: ${dedup.duplicates} of ${dedup.documents} routed documents, in ${dedup.clusters} clusters (${dedupMethod(dedup)})`];
  lines.push('clusters by the route of their kept document (size: clusters):');
  for (const route of ROUTES) {
    const r = dedup.byRoute[route];
    const sizes = sortedBuckets(r.sizes).filter(([bucket]) => bucket !== '1').map(([bucket, n]) => `${bucket}: ${n}`);
    lines.push(`  ${route.padEnd(10)} ${sizes.length > 0 ? `${sizes.join(', ')} (largest ${r.largest})` : 'none'}; ${r.duplicates} of its ${r.documents} documents moved to duplicate/`);
  }
  return lines.join('\n');
}

/**
 * The report's duplicates section: per route (the shard the kept document of a cluster was routed
 * to), the documents routed there, those moved to duplicate/, and the clusters by size.
 */
export function dedupSectionHtml(dedup: DedupSummary): string {
  const buckets = [...new Set(ROUTES.flatMap((r) => sortedBuckets(dedup.byRoute[r].sizes).map(([b]) => b)))].filter((b) => b !== '1');
  buckets.sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
  const rows = ROUTES.map((route) => {
    const r = dedup.byRoute[route];
    return [route, formatCount(r.documents), formatCount(r.duplicates), formatCount(r.sizes['1'] ?? 0), ...buckets.map((b) => formatCount(r.sizes[b] ?? 0)), String(r.largest)];
  });
  return (
    paragraph(`${formatCount(dedup.duplicates)} of ${formatCount(dedup.documents)} routed documents were duplicates, in ${formatCount(dedup.clusters)} clusters of two or more; ${dedupMethod(dedup)}.`) +
    htmlTable(
      ['route', 'documents routed', 'moved to duplicate/', 'kept, no duplicate', ...buckets.map((b) => `clusters of ${b}`), 'largest cluster'],
      rows,
      'A cluster counts in the route of its kept document (the first of the cluster in input order); a duplicate counts where the model routed it',
    )
  );
}

function dedupMethod(dedup: DedupSummary): string {
  return dedup.mode === 'near'
    ? `near: ${dedup.shingleWords}-word shingles, ${dedup.bands} bands of ${dedup.rows} MinHash values (candidates half the time at Jaccard ${dedup.sCurveHalf}), a duplicate at Jaccard ${dedup.threshold} or more (bottom-k samples)`
    : 'exact: the same text up to whitespace and Unicode forms';
}
