import { ROUTES, type Route } from '../routing/route.js';
import { countCluster, DedupSummarySchema, emptyRouteClusters, type DedupSummary, type RouteClusters } from './cluster-summary.js';
import { sCurveHalf, type DedupSettings } from './dedup-settings.js';
import { KeySorter, type KeySorterOptions } from './key-sorter.js';
import { SAMPLE_SIZE } from './document-signer.js';
import { bandKey, estimateJaccard, sampleJaccard } from './minhash.js';
import { withKeys, type SignedDocument } from './signature-file.js';
import { SparseUnionFind } from './union-find.js';
import { DedupDecisions } from './dedup-decisions.js';

/** The signed documents of a run's batches, read as often as needed, in batch order. */
export interface SignatureBatches {
  count: number;
  /** The input position of the batch's first crawl record: the crawl records of the batches before it. */
  firstOrdinal(batch: number): number;
  /**
   * The batch's documents; without their samples when `samples` is false (they may still come).
   * With `samples`, their keys may wait in the file (see `withKeys`), which this reads on need.
   */
  read(batch: number, samples: boolean): Promise<readonly SignedDocument[]>;
}

export type { DedupDecision } from './dedup-decisions.js';

export interface DuplicateFinding {
  /** By ordinal (the document's position among the run's crawl records). */
  decisions: DedupDecisions;
  summary: DedupSummary;
}

interface KeptMember {
  ordinal: number;
  doc: SignedDocument;
  size: number;
  /** Its entry in the decisions, closed with its size when its component is read to its end. */
  entry: number;
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
  for await (const [b, docs] of readAhead(batches, false)) {
    const first = batches.firstOrdinal(b);
    for (const doc of docs) {
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

  components.countSizes();
  const decisions = new DedupDecisions();
  const byRoute = Object.fromEntries(ROUTES.map((r) => [r, emptyRouteClusters()])) as Record<Route, RouteClusters>;
  const routeOf = (doc: SignedDocument): RouteClusters => {
    const route = byRoute[doc.shard as Route];
    if (!route) throw new Error(`a signed document in shard ${doc.shard}: only routed documents are deduplicated`);
    return route;
  };
  const open = new Map<number, OpenComponent>();
  let documents = 0;
  let duplicates = 0;
  for await (const [b, docs] of readAhead(batches, near)) {
    const first = batches.firstOrdinal(b);
    for (const doc of docs) {
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
        component = { remaining: components.sizeOf(root), kept: [], byExactKey: new Map() };
        open.set(root, component);
      }
      component.remaining -= 1;
      const key = `${doc.exact[0]}:${doc.exact[1]}`;
      // Keys read only for a document that is not an exact copy of a member placed before it.
      const placement = component.byExactKey.get(key) ?? placeAmongKept(component.kept, withKeys(doc), near);
      if (placement && placement.similarity >= settings.threshold && (near || placement.exact)) {
        placement.kept.size += 1;
        duplicates += 1;
        routeOf(doc).duplicates += 1;
        const { kept, similarity, exact } = placement;
        decisions.addDuplicate(ordinal, kept.ordinal, similarity, exact);
        if (!component.byExactKey.has(key)) component.byExactKey.set(key, placement);
      } else {
        // Held until its component is read to its end: its keys are copied out of the batch's bytes.
        const kept = { ordinal, doc: withKeys(doc), size: 1, entry: decisions.addKept(ordinal) };
        component.kept.push(kept);
        component.byExactKey.set(key, { kept, similarity: 1, exact: true });
      }
      if (component.remaining > 0) continue;
      open.delete(root);
      for (const kept of component.kept) {
        countCluster(routeOf(kept.doc), kept.size);
        decisions.closeCluster(kept.entry, kept.size, kept.doc.id);
      }
    }
  }
  if (open.size > 0) throw new Error(`deduplication left ${open.size} clusters open: the batches read differently the second time`);
  decisions.finish();

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

/**
 * The batches in order, each read while the one before it is used (a read waits on the disk, and
 * the use on the thread: in turn, a pass spent a third of its time waiting). One batch ahead.
 */
async function* readAhead(batches: SignatureBatches, samples: boolean): AsyncGenerator<[number, readonly SignedDocument[]]> {
  let next = batches.count > 0 ? batches.read(0, samples) : undefined;
  for (let b = 0; b < batches.count; b++) {
    const docs = await next!;
    next = b + 1 < batches.count ? batches.read(b + 1, samples) : undefined;
    // A read that fails while this batch is used is reported when its turn comes; until then, kept quiet.
    next?.catch(() => undefined);
    yield [b, docs];
  }
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
