/**
 * Compiles a back-off n-gram model given as explicit n-grams with back-off weights (an ARPA model,
 * or a Sphinx trie read by {@link parseSphinxTrie}) into the reference-LM tables ({@link NgramLm}),
 * pruned to a size. Detector lab only (bench/detector-lab/build-spoken-lm.ts, cmu-lm-lab.ts).
 *
 * Pruning keeps every unigram and the `maxNgrams` bigrams and trigrams whose removal would change
 * the model most, by a relative-entropy criterion in Stolcke's spirit (1998): the n-gram's share
 * of the text, P(history) P(w | history), times |log P(w | history) - log P_backoff(w | history)|,
 * P(history) taken from the unigram and bigram estimates. Back-off weights are then recomputed so
 * that every context's distribution sums to 1 again, and each context's moments are computed
 * exactly over the whole vocabulary, as {@link buildNgramLm} does.
 */
import { ContextAccumulator, compileNgramLm, type CtxEntry } from '../../../src/features/reference-lm/build-ngram-lm.js';
import { contextSeed, keyOf, ngramSeed } from '../../../src/features/reference-lm/hash.js';
import type { NgramLm } from '../../../src/features/reference-lm/ngram-lm.js';
import type { BackoffLm } from './sphinx-trie.js';

export interface BackoffCompileOptions {
  /** The symbol a vocabulary word stands for in the scored stream; undefined: never looked up (its n-grams are dropped). */
  symbolOf: (word: string) => number | undefined;
  /** Most bigrams and trigrams kept, together. @defaultValue all of them */
  maxNgrams?: number;
  /**
   * Words the stream never asks the model to predict (a sentence-start marker): their n-grams as
   * predictions are dropped; as context they stay. @defaultValue none
   */
  neverPredicted?: readonly string[];
}

/** Statistics of a compilation, for the build script's log and the file's provenance. */
export interface BackoffCompileReport {
  kept: { unigrams: number; bigrams: number; trigrams: number };
  of: { bigrams: number; trigrams: number };
  contexts: number;
}

/** A trigram (or bigram) model's tables; see the module comment. */
export function compileBackoffLm(lm: BackoffLm, options: BackoffCompileOptions): { lm: NgramLm; report: BackoffCompileReport } {
  if (lm.order < 2 || lm.order > 3) throw new RangeError(`compileBackoffLm reads bigram and trigram models; got order ${lm.order}`);
  const V = lm.words.length;
  const symbol = lm.words.map((w) => options.symbolOf(w));
  const never = new Set((options.neverPredicted ?? []).map((w) => lm.words.indexOf(w)).filter((i) => i >= 0));
  const uni = lm.levels[0]!;
  const big = lm.levels[1]!;
  const tri = lm.order === 3 ? lm.levels[2]! : undefined;

  // Original model look-ups (before pruning): bigram index by v * V + w.
  const bigramAt = new Map<number, number>();
  for (let k = 0; k < big.count; k++) bigramAt.set(big.words[2 * k]! * V + big.words[2 * k + 1]!, k);
  const bigramLogp = (v: number, w: number): number => {
    const k = bigramAt.get(v * V + w);
    return k === undefined ? uni.backoff![v]! + uni.logp[w]! : big.logp[k]!;
  };
  const usable = (ids: ArrayLike<number>, from: number, n: number): boolean => {
    for (let j = 0; j < n; j++) if (symbol[ids[from + j]!] === undefined) return false;
    return !never.has(ids[from + n - 1]!);
  };

  // Pruning scores of every usable bigram (index k) and trigram (index big.count + k).
  const total = big.count + (tri?.count ?? 0);
  const score = new Float64Array(total).fill(-1);
  for (let k = 0; k < big.count; k++) {
    if (!usable(big.words, 2 * k, 2)) continue;
    const v = big.words[2 * k]!;
    const w = big.words[2 * k + 1]!;
    const lp = big.logp[k]!;
    score[k] = Math.exp(uni.logp[v]! + lp) * Math.abs(lp - (uni.backoff![v]! + uni.logp[w]!));
  }
  if (tri) {
    for (let k = 0; k < tri.count; k++) {
      if (!usable(tri.words, 3 * k, 3)) continue;
      const u = tri.words[3 * k]!;
      const v = tri.words[3 * k + 1]!;
      const w = tri.words[3 * k + 2]!;
      const ctx = bigramAt.get(u * V + v);
      const alpha = ctx === undefined ? 0 : big.backoff![ctx]!;
      const lp = tri.logp[k]!;
      score[big.count + k] = Math.exp(uni.logp[u]! + bigramLogp(u, v) + lp) * Math.abs(lp - (alpha + bigramLogp(v, w)));
    }
  }
  const keep = new Uint8Array(total);
  const candidates = Array.from(score.keys()).filter((i) => score[i]! >= 0);
  if (options.maxNgrams !== undefined && candidates.length > options.maxNgrams) {
    candidates.sort((a, b) => score[b]! - score[a]! || a - b);
    candidates.length = options.maxNgrams;
  }
  for (const i of candidates) keep[i] = 1;

  const ngrams = new Map<number, { logp: number; rank: number }>();
  const ctxs = new Map<number, CtxEntry>();
  const sym = (ids: readonly number[]) => ids.map((i) => symbol[i]!);

  // Unigrams: every word the stream can meet, ranked by probability; moments over the whole vocabulary.
  let rootMean = 0;
  let rootSecond = 0;
  let minLogp = 0;
  const unigrams: number[] = [];
  for (let w = 0; w < V; w++) {
    const lp = uni.logp[w]!;
    const p = Math.exp(lp);
    rootMean += p * lp;
    rootSecond += p * lp * lp;
    if (symbol[w] !== undefined && !never.has(w)) {
      unigrams.push(w);
      minLogp = Math.min(minLogp, lp);
    }
  }
  unigrams.sort((a, b) => uni.logp[b]! - uni.logp[a]! || a - b);
  unigrams.forEach((w, i) => ngrams.set(keyOf(ngramSeed(1), sym([w]), 0, 1), { logp: uni.logp[w]!, rank: i + 1 }));

  // Contexts of one order: kept continuations grouped by context, ranked, back-off weights recomputed.
  const contextLogAlpha = new Map<number, number>(); // bigram contexts, by word id
  const contextMoments = new Map<number, [number, number]>();
  const addContexts = (n: number, byContext: Map<number, Array<[number, number]>>, history: (c: number) => number[]) => {
    for (const [c, conts] of byContext) {
      conts.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      const h = history(c);
      const acc = new ContextAccumulator();
      conts.forEach(([w, lp], i) => {
        ngrams.set(keyOf(ngramSeed(n), sym([...h, w]), 0, n), { logp: lp, rank: i + 1 });
        acc.add(lp, lowerLogp(h, w));
      });
      const entry = acc.entry(lowerMoments(h), conts.length);
      ctxs.set(keyOf(contextSeed(n - 1), sym(h), 0, n - 1), entry);
      if (n === 2) {
        contextLogAlpha.set(c, entry.logAlpha);
        contextMoments.set(c, [entry.mean, entry.second]);
      }
    }
  };
  /** log P(w | h without its oldest word) in the pruned model. */
  const lowerLogp = (h: number[], w: number): number => {
    if (h.length === 1) return uni.logp[w]!;
    const v = h[1]!;
    const k = bigramAt.get(v * V + w);
    if (k !== undefined && keep[k]) return big.logp[k]!;
    return (contextLogAlpha.get(v) ?? 0) + uni.logp[w]!;
  };
  const lowerMoments = (h: number[]): [number, number] => (h.length === 1 ? [rootMean, rootSecond] : (contextMoments.get(h[1]!) ?? [rootMean, rootSecond]));

  const bigramsByContext = new Map<number, Array<[number, number]>>();
  let keptBigrams = 0;
  for (let k = 0; k < big.count; k++) {
    if (!keep[k]) continue;
    keptBigrams++;
    const v = big.words[2 * k]!;
    const list = bigramsByContext.get(v) ?? [];
    list.push([big.words[2 * k + 1]!, big.logp[k]!]);
    bigramsByContext.set(v, list);
  }
  addContexts(2, bigramsByContext, (v) => [v]);

  const trigramsByContext = new Map<number, Array<[number, number]>>();
  let keptTrigrams = 0;
  if (tri) {
    for (let k = 0; k < tri.count; k++) {
      if (!keep[big.count + k]) continue;
      keptTrigrams++;
      const c = tri.words[3 * k]! * V + tri.words[3 * k + 1]!;
      const list = trigramsByContext.get(c) ?? [];
      list.push([tri.words[3 * k + 2]!, tri.logp[k]!]);
      trigramsByContext.set(c, list);
    }
    addContexts(3, trigramsByContext, (c) => [Math.floor(c / V), c % V]);
  }

  const compiled = compileNgramLm(lm.order, ngrams, ctxs, { rootMean, rootSecond, unkLogp: minLogp, unkRank: unigrams.length + 1 });
  return {
    lm: compiled,
    report: {
      kept: { unigrams: unigrams.length, bigrams: keptBigrams, trigrams: keptTrigrams },
      of: { bigrams: big.count, trigrams: tri?.count ?? 0 },
      contexts: ctxs.size,
    },
  };
}
