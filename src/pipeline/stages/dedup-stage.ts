import { DedupSummarySchema, type DedupSummary, type RouteClusters } from '../../dedup/cluster-summary.js';
import { signatureLength } from '../../dedup/dedup-settings.js';
import { DocumentSigner } from '../../dedup/document-signer.js';
import { findDuplicates } from '../../dedup/find-duplicates.js';
import { decodePlacements, decodeSignatures, encodeSignatures, type SignedDocument } from '../../dedup/signature-file.js';
import { ROUTES } from '../../routing/route.js';
import type { RecordEdit, RunStepInput, RunStepPlan, StageDefinition, StageSummary } from '../stage.js';

const ROUTE_SHARDS: ReadonlySet<string> = new Set(ROUTES);

/** Why a document went to `duplicate/`: the same normalised text as the kept one, or only a similar one. */
export const DUPLICATE_REASONS = { exact: 'exact-duplicate', near: 'near-duplicate' } as const;

/**
 * Duplicate removal (`--dedup exact|near`), in two halves. Per batch, it decides nothing: once the
 * batch's documents are routed it computes the keys of those routed human, synthetic or uncertain
 * (canaries never: they are never deduplicated, nor kept for others) and keeps them in a sidecar
 * beside the batch's parts. Once every batch is done, its run step finds the clusters over the whole
 * run (`findDuplicates`: an external sort of the keys, union-find, then verification in input order)
 * and edits the parts: a duplicate moves to `duplicate/` with `metadata.crawlsift.duplicate = { of:
 * <kept id>, cluster, similarity }`, the kept first document of a cluster gains `cluster = { id, size }`.
 * A cluster's id is the input position of its kept document (among the run's crawl records, from 0).
 * Off by default: the run's pipeline then leaves it out, and shards are written as batches finish.
 *
 * It runs after scoring because no batch can tell whether its documents are duplicates: that takes
 * every earlier document of the run, so the decision waits for the end, when every document has been
 * scored; a duplicate keeps its score (and where the score would have routed it is counted).
 */
export const dedupStage: StageDefinition = {
  name: 'dedup',
  enabled: (settings) => (settings.dedup?.mode ?? 'off') !== 'off',
  shards: ['duplicate'],
  create({ settings }) {
    const dedup = settings.dedup!;
    let signer: Promise<DocumentSigner> | undefined;
    return {
      process: (docs) => docs.map(() => ({ action: 'keep' })),
      async sidecar(exits) {
        const keys = await (signer ??= DocumentSigner.create(dedup));
        const docs: SignedDocument[] = [];
        for (const exit of exits) {
          if (!ROUTE_SHARDS.has(exit.shard)) continue;
          docs.push({ position: exit.position, line: exit.line, shard: exit.shard, id: exit.document.id, ...keys.keys(exit.document.text) });
        }
        return encodeSignatures(dedup.mode === 'near' ? signatureLength(dedup) : 0, docs);
      },
    };
  },
  runStep: { plan: planDedup },
  summary: {
    schema: DedupSummarySchema,
    merge: mergeDedupSummaries,
    manifestKey: 'dedup',
    toManifest: (summary: DedupSummary) => summary,
    manifestSchema: DedupSummarySchema,
  } satisfies StageSummary<DedupSummary, DedupSummary>,
};

async function planDedup(input: RunStepInput): Promise<RunStepPlan> {
  const read = async (batch: number, samples: boolean): Promise<SignedDocument[]> => {
    const sidecar = await input.sidecar(batch);
    return sidecar ? decodeSignatures(sidecar, `the dedup sidecar of batch ${batch}`, { samples: samples ? 'lazy' : false }).docs : [];
  };
  const { decisions, summary } = await findDuplicates(input.settings.dedup!, { count: input.batches, firstOrdinal: input.firstRecord, read }, input.tmpDir);
  return {
    summary,
    async edits(batch) {
      const first = input.firstRecord(batch);
      const sidecar = await input.sidecar(batch);
      if (!sidecar) return [];
      const placements = decodePlacements(sidecar, `the dedup sidecar of batch ${batch}`);
      if (placements.length === 0) return [];
      // Placements are in input order, and so are the batch's decisions: one walk matches them.
      const decided = decisions.range(first, first + placements[placements.length - 1]!.position + 1);
      const edits: RecordEdit[] = [];
      let next = decided.next();
      for (const where of placements) {
        if (next.done) break;
        const [ordinal, decision] = next.value;
        if (first + where.position !== ordinal) continue;
        next = decided.next();
        if (decision.kind === 'kept') edits.push({ ...where, metadata: { cluster: { id: decision.cluster, size: decision.size } } });
        else {
          edits.push({
            ...where,
            metadata: { duplicate: { of: decision.of, cluster: decision.cluster, similarity: decision.similarity } },
            move: { shard: 'duplicate', reason: decision.exact ? DUPLICATE_REASONS.exact : DUPLICATE_REASONS.near },
          });
        }
      }
      if (!next.done) throw new Error(`the dedup sidecar of batch ${batch} has no document ${next.value[0] - first}, which deduplication decided about`);
      return edits;
    },
  };
}

/** Two summaries of disjoint sets of documents, added up (a run has one: its run step's). */
function mergeDedupSummaries(a: DedupSummary, b: DedupSummary): DedupSummary {
  const route = (x: RouteClusters, y: RouteClusters): RouteClusters => {
    const sizes = { ...x.sizes };
    for (const [bucket, n] of Object.entries(y.sizes)) sizes[bucket] = (sizes[bucket] ?? 0) + n;
    return { documents: x.documents + y.documents, duplicates: x.duplicates + y.duplicates, clusters: x.clusters + y.clusters, largest: Math.max(x.largest, y.largest), sizes };
  };
  return {
    ...a,
    documents: a.documents + b.documents,
    duplicates: a.duplicates + b.duplicates,
    clusters: a.clusters + b.clusters,
    byRoute: Object.fromEntries(ROUTES.map((r) => [r, route(a.byRoute[r], b.byRoute[r])])) as DedupSummary['byRoute'],
  };
}
