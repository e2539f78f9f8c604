import { ROUTES, type Route } from '../routing/route.js';
import { countCluster, DedupSummarySchema, emptyRouteClusters, type DedupSummary, type RouteClusters } from './cluster-summary.js';
import { sCurveHalf, type DedupSettings } from './dedup-settings.js';
import { KeySorter, type KeySorterOptions } from './key-sorter.js';
import { SAMPLE_SIZE } from './document-signer.js';
import { bandKey, estimateJaccard, sampleJaccard } from './minhash.js';
import type { SignedDocument } from './signature-file.js';
import { SparseUnionFind } from './union-find.js';

/** The signed documents of a run's batches, read as often as needed, in batch order. */
export interface SignatureBatches {
  count: number;
  /** The input position of the batch's first crawl record: the crawl records of the batches before it. */
  firstOrdinal(batch: number): number;
  read(batch: number): Promise<readonly SignedDocument[]>;
}

/** What deduplication decided about a document in a cluster of two or more (a document in none is left as it is). */
export type DedupDecision =
  /** Kept: the first document of its cluster in input order. `cluster` is its own ordinal. */
  | { kind: 'kept'; cluster: number; size: number }
  /** A duplicate of the kept document `of` (its id), estimated to share `similarity` of its shingles (1 for exact). */
  | { kind: 'duplicate'; of: string; cluster: number; similarity: number; exact: boolean };

export interface DuplicateFinding {
  /** By ordinal (the document's position among the run's crawl records). */
  decisions: Map<number, DedupDecision>;
  summary: DedupSummary;
}

interface KeptMember {
  ordinal: number;
  doc: SignedDocument;
  size: number;
}

/** Where a member of a component went: the kept document of its cluster, and how similar it is to it. */
interface Placement {
  kept: KeptMember;
  similarity: number;
  exact: boolean;
}

interface OpenComponent {
  remaining: number;
  kept: KeptMember[];
  /** By exact key: where the component's members went, so an exact copy of a member follows it. */
  byExactKey: Map<string, Placement>;
}

/**
 * The run-level half of deduplication (datatrove's MinHash steps 2 to 4), over every batch's
 * signature file, in bounded memory:
 * 1. each document's keys (its exact key; with `near`, one key per LSH band of its signature) go to
 *    an external sort ({@link KeySorter}) with the document's ordinal;
 * 2. the sorted keys are merged; documents that share a key are united ({@link SparseUnionFind}:
 *    memory for the documents in candidate pairs only);
 * 3. the batches are read again in input order: within each component, an exact copy of an earlier
 *    member goes where that member went; any other document is a duplicate of the kept document it is
 *    most similar to when their Jaccard similarity (from their bottom-k samples, see `sampleJaccard`)
 *    reaches `threshold`, otherwise it is kept (a cluster of its own). The first
 *    document of a component is always kept, so what is kept is the first of its cluster in input
 *    order, whatever the batches. Signatures are held only for the kept documents of components not
 *    yet read to their end.
 * `tmpDir` receives the sort's runs (removed before returning).
 */
export async function findDuplicates(settings: DedupSettings, batches: SignatureBatches, tmpDir: string, sorter: Partial<KeySorterOptions> = {}): Promise<DuplicateFinding> {
  const near = settings.mode === 'near';
  const keys = new KeySorter(tmpDir, sorter);
  const band = new Uint32Array(2);
  for (let b = 0; b < batches.count; b++) {
    const first = batches.firstOrdinal(b);
    for (const doc of await batches.read(b)) {
      const ordinal = first + doc.position;
      await keys.reserve(1 + (near ? settings.bands : 0));
      keys.add(doc.exact[0], doc.exact[1], ordinal);
      if (!near || !doc.signature) continue;
      for (let i = 0; i < settings.bands; i++) {
        bandKey(doc.signature, i, settings.rows, band, 0);
        keys.add(band[0]!, band[1]!, ordinal);
      }
    }
  }

  const components = new SparseUnionFind();
  let groupHi = -1;
  let groupLo = -1;
  let anchor = -1;
  await keys.forEach((hi, lo, ordinal) => {
    if (hi === groupHi && lo === groupLo) {
      if (ordinal !== anchor) components.union(anchor, ordinal);
      return;
    }
    groupHi = hi;
    groupLo = lo;
    anchor = ordinal;
  });

  const sizes = components.componentSizes();
  const decisions = new Map<number, DedupDecision>();
  const byRoute = Object.fromEntries(ROUTES.map((r) => [r, emptyRouteClusters()])) as Record<Route, RouteClusters>;
  const routeOf = (doc: SignedDocument): RouteClusters => {
    const route = byRoute[doc.shard as Route];
    if (!route) throw new Error(`a signed document in shard ${doc.shard}: only routed documents are deduplicated`);
    return route;
  };
  const open = new Map<number, OpenComponent>();
  let documents = 0;
  let duplicates = 0;
  for (let b = 0; b < batches.count; b++) {
    const first = batches.firstOrdinal(b);
    for (const doc of await batches.read(b)) {
      const ordinal = first + doc.position;
      documents += 1;
      routeOf(doc).documents += 1;
      if (!components.has(ordinal)) {
        countCluster(routeOf(doc), 1);
        continue;
      }
      const root = components.find(ordinal);
      let component = open.get(root);
      if (!component) {
        component = { remaining: sizes.get(root)!, kept: [], byExactKey: new Map() };
        open.set(root, component);
      }
      component.remaining -= 1;
      const key = `${doc.exact[0]}:${doc.exact[1]}`;
      const placement = component.byExactKey.get(key) ?? placeAmongKept(component.kept, doc, near);
      if (placement && placement.similarity >= settings.threshold && (near || placement.exact)) {
        placement.kept.size += 1;
        duplicates += 1;
        routeOf(doc).duplicates += 1;
        const { kept, similarity, exact } = placement;
        decisions.set(ordinal, { kind: 'duplicate', of: kept.doc.id, cluster: kept.ordinal, similarity: Math.round(similarity * 1e4) / 1e4, exact });
        if (!component.byExactKey.has(key)) component.byExactKey.set(key, placement);
      } else {
        const kept = { ordinal, doc, size: 1 };
        component.kept.push(kept);
        component.byExactKey.set(key, { kept, similarity: 1, exact: true });
      }
      if (component.remaining > 0) continue;
      open.delete(root);
      for (const kept of component.kept) {
        countCluster(routeOf(kept.doc), kept.size);
        if (kept.size > 1) decisions.set(kept.ordinal, { kind: 'kept', cluster: kept.ordinal, size: kept.size });
      }
    }
  }
  if (open.size > 0) throw new Error(`deduplication left ${open.size} clusters open: the batches read differently the second time`);

  const clusters = ROUTES.reduce((sum, r) => sum + byRoute[r].clusters, 0);
  const summary: DedupSummary = {
    mode: near ? 'near' : 'exact',
    shingleWords: settings.shingleWords,
    bands: settings.bands,
    rows: settings.rows,
    threshold: settings.threshold,
    ...(near ? { sCurveHalf: Math.round(sCurveHalf(settings.bands, settings.rows) * 1e4) / 1e4 } : {}),
    documents,
    duplicates,
    clusters,
    byRoute,
  };
  return { decisions, summary: DedupSummarySchema.parse(summary) };
}

/** Two documents' Jaccard similarity from their bottom-k samples, else (a file without them) their signatures. */
function similarityOf(a: SignedDocument, b: SignedDocument): number {
  if (a.sample && b.sample && (a.sample.length > 0 || b.sample.length > 0)) return sampleJaccard(a.sample, b.sample, SAMPLE_SIZE);
  return a.signature && b.signature ? estimateJaccard(a.signature, b.signature) : 0;
}

/** The kept document `doc` is most similar to (the first of equals), and how similar; undefined when none is kept yet. */
function placeAmongKept(kept: readonly KeptMember[], doc: SignedDocument, near: boolean): Placement | undefined {
  let best: Placement | undefined;
  for (const member of kept) {
    const exact = member.doc.exact[0] === doc.exact[0] && member.doc.exact[1] === doc.exact[1];
    const similarity = exact ? 1 : near ? similarityOf(member.doc, doc) : 0;
    if (!best || similarity > best.similarity) best = { kept: member, similarity, exact };
  }
  return best;
}
