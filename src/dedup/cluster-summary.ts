import { z } from 'zod';
import { ROUTES, type Route } from '../routing/route.js';
import { DEDUP_MODES } from './dedup-settings.js';

const count = z.number().int().nonnegative();

/** Clusters of one route: those whose kept document the pipeline routed there. */
export const RouteClustersSchema = z.object({
  /** Crawl documents the pipeline routed to this shard, duplicates included. */
  documents: count,
  /** Of those, the ones moved to `duplicate/`. */
  duplicates: count,
  /** Clusters of two documents or more whose kept document is in this shard. */
  clusters: count,
  /** The size of the largest cluster whose kept document is in this shard (1 when none has a duplicate, 0 without documents). */
  largest: count,
  /** Documents kept in this shard by the size of their cluster: `"1"` (no duplicate), `"2"`, `"3-4"`, `"5-8"`, ... (powers of two). */
  sizes: z.record(z.string(), count),
});
export type RouteClusters = z.infer<typeof RouteClustersSchema>;

/** What deduplication did in a run: the manifest's `dedup` field. */
export const DedupSummarySchema = z.object({
  mode: z.enum(DEDUP_MODES).exclude(['off']),
  shingleWords: count,
  bands: count,
  rows: count,
  threshold: z.number(),
  /** The Jaccard similarity at which two documents are candidates half the time (near only). */
  sCurveHalf: z.number().optional(),
  /** Crawl documents deduplication looked at (routed human, synthetic or uncertain; canaries never). */
  documents: count,
  duplicates: count,
  clusters: count,
  byRoute: z.object(Object.fromEntries(ROUTES.map((r) => [r, RouteClustersSchema])) as Record<Route, typeof RouteClustersSchema>),
});
export type DedupSummary = z.infer<typeof DedupSummarySchema>;

/** The size bucket a cluster of `size` documents is counted in: `"1"`, `"2"`, `"3-4"`, `"5-8"`, ... */
export function sizeBucket(size: number): string {
  if (size <= 2) return String(size);
  const upper = 2 ** Math.ceil(Math.log2(size));
  return `${upper / 2 + 1}-${upper}`;
}

export function emptyRouteClusters(): RouteClusters {
  return { documents: 0, duplicates: 0, clusters: 0, largest: 0, sizes: {} };
}

/** Adds a kept document whose cluster has `size` documents to its route's tally. */
export function countCluster(route: RouteClusters, size: number): void {
  const bucket = sizeBucket(size);
  route.sizes[bucket] = (route.sizes[bucket] ?? 0) + 1;
  if (size > 1) route.clusters += 1;
  route.largest = Math.max(route.largest, size);
}

/** Size buckets in ascending order (for showing a distribution). */
export function sortedBuckets(sizes: Record<string, number>): [string, number][] {
  return Object.entries(sizes).sort(([a], [b]) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
}
