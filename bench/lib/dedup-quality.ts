// Recall and precision of a deduplication against exact Jaccard similarity (the dedup benchmark).
import { DocumentSigner } from '../../src/dedup/document-signer.js';
import type { DedupSettings } from '../../src/dedup/dedup-settings.js';
import { findDuplicates } from '../../src/dedup/find-duplicates.js';
import type { SignedDocument } from '../../src/dedup/signature-file.js';
import { exactJaccard, type PlantedDoc } from './planted-corpus.js';

/** What a deduplication decided: each document's cluster, and each duplicate's kept document. */
export interface DedupOutcome {
  clusterOf: Map<string, string>;
  /** (duplicate, the kept document it is a duplicate of) */
  called: { duplicate: string; of: string }[];
}

export interface DedupQuality {
  /** Pairs with exact Jaccard >= 0.8, and the share of them that ended in the same cluster. */
  pairsAt80: number;
  recallAt80: number;
  pairsAt90: number;
  recallAt90: number;
  /** Pairs called duplicates (duplicate, kept), and the share of them with exact Jaccard >= 0.7. */
  called: number;
  precisionAt70: number;
  /** The share of called pairs with exact Jaccard >= 0.5, and the lowest exact Jaccard of a called pair. */
  precisionAt50: number;
  lowestCalled: number;
  /** Recall at 0.8 by how the variant of a pair was made (pairs of a base and its variant only). */
  recallAt80ByRecipe: Record<string, { pairs: number; recall: number }>;
}

/** Scores `outcome` against the exact pairs (every pair of Jaccard >= 0.8 must be among `truth`). */
export function dedupQuality(docs: readonly PlantedDoc[], sets: Map<string, Set<string>>, truth: readonly { a: string; b: string; jaccard: number }[], outcome: DedupOutcome): DedupQuality {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const together = (p: { a: string; b: string }) => outcome.clusterOf.get(p.a) === outcome.clusterOf.get(p.b);
  const at80 = truth.filter((p) => p.jaccard >= 0.8);
  const at90 = truth.filter((p) => p.jaccard >= 0.9);
  const calledJ = outcome.called.map((c) => exactJaccard(sets, c.duplicate, c.of));
  const byRecipe: Record<string, { pairs: number; found: number }> = {};
  for (const p of at80) {
    const [a, b] = [byId.get(p.a)!, byId.get(p.b)!];
    const variant = a.edits === 'base' && b.base === a.id ? b : b.edits === 'base' && a.base === b.id ? a : undefined;
    if (!variant) continue;
    const tally = (byRecipe[variant.edits] ??= { pairs: 0, found: 0 });
    tally.pairs += 1;
    if (together(p)) tally.found += 1;
  }
  const share = (n: number, of: number) => (of > 0 ? n / of : 1);
  return {
    pairsAt80: at80.length,
    recallAt80: share(at80.filter(together).length, at80.length),
    pairsAt90: at90.length,
    recallAt90: share(at90.filter(together).length, at90.length),
    called: calledJ.length,
    precisionAt70: share(calledJ.filter((j) => j >= 0.7).length, calledJ.length),
    precisionAt50: share(calledJ.filter((j) => j >= 0.5).length, calledJ.length),
    lowestCalled: calledJ.length > 0 ? Math.min(...calledJ) : 1,
    recallAt80ByRecipe: Object.fromEntries(Object.entries(byRecipe).sort().map(([recipe, t]) => [recipe, { pairs: t.pairs, recall: share(t.found, t.pairs) }])),
  };
}

/**
 * Deduplicates `docs` (in their order) with crawlsift's own signatures and run step code
 * (`DocumentSigner`, `findDuplicates`), in process, in batches of `batchDocs`: for trying settings
 * without running the pipeline. Returns the outcome and the seconds signing took.
 */
export async function dedupInProcess(docs: readonly PlantedDoc[], settings: DedupSettings, tmpDir: string, batchDocs = 256): Promise<{ outcome: DedupOutcome; signSeconds: number }> {
  const signer = await DocumentSigner.create(settings);
  const started = performance.now();
  const signed: SignedDocument[] = docs.map((d, i) => ({ position: i % batchDocs, line: i % batchDocs, shard: 'human', id: d.id, ...signer.keys(d.text) }));
  const signSeconds = (performance.now() - started) / 1000;
  const batches = Math.ceil(signed.length / batchDocs);
  const { decisions } = await findDuplicates(settings, { count: batches, firstOrdinal: (b) => b * batchDocs, read: async (b) => signed.slice(b * batchDocs, (b + 1) * batchDocs) }, tmpDir);
  const clusterOf = new Map<string, string>();
  const called: DedupOutcome['called'] = [];
  for (const [i, d] of docs.entries()) {
    const decision = decisions.get(i);
    clusterOf.set(d.id, decision ? `c${decision.cluster}` : `d${i}`);
    if (decision?.kind === 'duplicate') called.push({ duplicate: d.id, of: decision.of });
  }
  return { outcome: { clusterOf, called }, signSeconds };
}
