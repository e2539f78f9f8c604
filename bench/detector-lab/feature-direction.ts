/**
 * Per-feature AUROC (synthetic high) on the choice sets: detect-corpus/train, dev, the modern
 * hold-out, and extra/SeqXGPT (lower-cased human documents dropped; whole, and length-matched at
 * 150 words). A feature whose AUROC
 * sits on opposite sides of 0.5 across sets points different ways for different generators.
 *   npx tsx bench/detector-lab/feature-direction.ts
 */
import { readFileSync } from 'node:fs';
import { stableHash } from '../../src/classifier/prng.js';
import { summarise } from '../../src/evaluation/index.js';
import { extractFeatures, FEATURE_SPEC } from '../../src/features/index.js';
const D = new URL('../../../shared/data/', import.meta.url).pathname;
type Doc = { id?: string; text: string; label: string; source?: string };
const read = (p: string) => readFileSync(D + p, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Doc);
const hold = (d: Doc) => stableHash(String(d.id ?? d.text)) % 100 < 20;
const sets: Record<string, Doc[]> = {
  train: read('detect-corpus/train.jsonl'),
  dev: read('detect-corpus/dev.jsonl'),
  mh: read('modern/corpus.jsonl').filter(hold),
  mt: read('modern/corpus.jsonl').filter((d) => !hold(d)),
  sx: read('extra/corpus.jsonl').filter((d) => d.source === 'seqxgpt-doclevel' && (d.label === 'synthetic' || d.text !== d.text.toLowerCase())),
  // The same, length-matched: documents of at least 120 words cut to their first 150.
  sx150: sx150(),
};
function sx150(): Doc[] {
  return read('extra/corpus.jsonl')
    .filter((d) => d.source === 'seqxgpt-doclevel' && (d.label === 'synthetic' || d.text !== d.text.toLowerCase()))
    .map((d) => ({ ...d, words: d.text.split(' ') }))
    .filter((d) => d.words.length >= 120)
    .map(({ words, ...d }) => ({ ...d, text: words.slice(0, 150).join(' ') }));
}
const aurocs: Record<string, number[]> = {};
for (const [name, docs] of Object.entries(sets)) {
  const vecs = docs.map((d) => extractFeatures(d.text).dense);
  const labels = docs.map((d) => d.label === 'synthetic');
  aurocs[name] = FEATURE_SPEC.signature.map((_, f) => summarise(vecs.map((v) => 1 / (1 + Math.exp(-v[f]!))), labels).auroc ?? NaN);
}
console.log(`| feature | ${Object.keys(sets).join(' | ')} |`);
FEATURE_SPEC.signature.forEach((n, f) => {
  const row = Object.keys(sets).map((s) => aurocs[s]![f]!);
  const flips = row.some((a) => a > 0.55) && row.some((a) => a < 0.45) ? ' (flips)' : '';
  console.log(`| ${n}${flips} | ${row.map((a) => a.toFixed(2)).join(' | ')} |`);
});
