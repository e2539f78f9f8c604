// The dedup benchmark's corpus: distinct real documents plus planted variants at controlled edit
// rates, in a seeded random order, and the exact Jaccard similarity of every pair that shares a shingle.
import { jaccard, shingleStrings } from '../../src/dedup/shingles.js';
import { mulberry32, shuffleInPlace } from '../../src/random.js';
import { BOILERPLATE, describeEdits, plantVariant, vocabularyOf, type PlantedEdit } from './plant-duplicates.js';

export interface PlantedDoc {
  id: string;
  text: string;
  /** The id of the document it was made from (its own for a base document). */
  base: string;
  /** How it was made from its base (`base` for a base document). */
  edits: string;
}

const RATES = [0.005, 0.01, 0.02, 0.03, 0.05, 0.08];

/** The recipes a variant is drawn from, each equally likely. */
export const RECIPES: readonly (readonly PlantedEdit[])[] = [
  ...RATES.map((rate) => [{ kind: 'substitute', rate }] as const),
  ...RATES.map((rate) => [{ kind: 'delete', rate }] as const),
  ...RATES.map((rate) => [{ kind: 'insert', rate }] as const),
  [{ kind: 'reorder' }],
  [{ kind: 'header', text: BOILERPLATE.header }],
  [{ kind: 'footer', text: BOILERPLATE.footer }],
  [{ kind: 'header', text: BOILERPLATE.header }, { kind: 'footer', text: BOILERPLATE.footer }],
  [{ kind: 'substitute', rate: 0.02 }, { kind: 'footer', text: BOILERPLATE.footer }],
  [{ kind: 'reorder' }, { kind: 'substitute', rate: 0.01 }],
];

export interface PlantOptions {
  /** Base documents taken from `sources` (every k-th, for spread). */
  bases: number;
  /** Share of the bases that get variants (1 to 3 each). */
  variantShare: number;
  seed: number;
}

/**
 * `bases` distinct documents of `sources`, a share of them with 1 to 3 variants each (a recipe of
 * {@link RECIPES} per variant), in a seeded random order (so a variant may come before its base).
 */
export function buildPlantedCorpus(sources: readonly { id: string; text: string }[], options: PlantOptions): PlantedDoc[] {
  const random = mulberry32(options.seed);
  const step = Math.max(1, Math.floor(sources.length / options.bases));
  const bases = sources.filter((_, i) => i % step === 0).slice(0, options.bases);
  const vocabulary = vocabularyOf(bases.map((b) => b.text));
  const docs: PlantedDoc[] = bases.map((b) => ({ id: b.id, text: b.text, base: b.id, edits: 'base' }));
  for (const base of bases) {
    if (random() >= options.variantShare) continue;
    const variants = 1 + Math.floor(random() * 3);
    for (let v = 0; v < variants; v++) {
      const recipe = RECIPES[Math.floor(random() * RECIPES.length)]!;
      docs.push({ id: `${base.id}~v${v}`, text: plantVariant(base.text, recipe, vocabulary, random), base: base.id, edits: describeEdits(recipe) });
    }
  }
  return shuffleInPlace(docs, random);
}

/** The shingle sets of documents, by id. */
export function shingleSets(docs: readonly PlantedDoc[], n: number): Map<string, Set<string>> {
  return new Map(docs.map((d) => [d.id, shingleStrings(d.text, n)]));
}

/**
 * Every pair of documents (ids in input order) with exact Jaccard similarity at least `min` (> 0),
 * found through an inverted index of shingles: a pair that shares no shingle has similarity 0.
 */
export function pairsAtLeast(docs: readonly PlantedDoc[], sets: Map<string, Set<string>>, min: number): { a: string; b: string; jaccard: number }[] {
  const postings = new Map<string, number[]>();
  for (const [i, d] of docs.entries()) for (const s of sets.get(d.id)!) (postings.get(s) ?? postings.set(s, []).get(s)!).push(i);
  const out: { a: string; b: string; jaccard: number }[] = [];
  for (const [i, d] of docs.entries()) {
    const shared = new Map<number, number>();
    for (const s of sets.get(d.id)!) for (const j of postings.get(s)!) if (j > i) shared.set(j, (shared.get(j) ?? 0) + 1);
    const size = sets.get(d.id)!.size;
    for (const [j, inter] of shared) {
      const other = sets.get(docs[j]!.id)!.size;
      const similarity = inter / (size + other - inter);
      if (similarity >= min) out.push({ a: d.id, b: docs[j]!.id, jaccard: similarity });
    }
  }
  return out;
}

/** The exact Jaccard similarity of two documents. */
export function exactJaccard(sets: Map<string, Set<string>>, a: string, b: string): number {
  return jaccard(sets.get(a)!, sets.get(b)!);
}
