/**
 * Seed ensembles: score dev, the modern hold-out and SeqXGPT with several trained models and
 * with the mean of their logits (never detect-corpus/test).
 *   npx tsx bench/detector-lab/ensemble.ts classifiers/default bench/detector-lab/tmp/ship-s2 ...
 */
import { extractFeatures } from '../../src/features/index.js';
import { loadDetector, readLabeledFile } from '../../src/classifier/index.js';
import { stableHash } from '../../src/classifier/prng.js';
import { auroc, tprAtFpr } from './metrics.js';

const D = new URL('../../../shared/data/', import.meta.url).pathname;
const hold = (d: { id?: unknown; text: string }) => stableHash(String(d.id ?? d.text)) % 100 < 20;
const dirs = process.argv.slice(2);
type Doc = { id?: unknown; text: string; label: string; source?: string };
const sets: Record<string, { path: string; keep: (d: Doc) => boolean }> = {
  dev: { path: D + 'detect-corpus/dev.jsonl', keep: () => true },
  mh: { path: D + 'modern/corpus.jsonl', keep: hold },
  sx: { path: D + 'extra/corpus.jsonl', keep: (d) => d.source === 'seqxgpt-doclevel' && (d.label === 'synthetic' || d.text !== d.text.toLowerCase()) },
};
const logit = (p: number) => Math.log(Math.max(p, 1e-7) / Math.max(1 - p, 1e-7));
const detectors = await Promise.all(dirs.map((d) => loadDetector(d)));
const f = (x: number) => x.toFixed(3);
for (const [name, s] of Object.entries(sets)) {
  const docs = (await readLabeledFile(s.path)).documents.filter((d) => s.keep(d as Doc));
  const labels = docs.map((d) => (d.label === 'synthetic' ? 1 : 0));
  const vectors = docs.map((d) => extractFeatures(d.text));
  const all: number[][] = [];
  for (const [i, det] of detectors.entries()) {
    const p = await det.scoreFeatures(vectors);
    const l = Array.from(p, logit);
    all.push(l);
    console.log(name, dirs[i], 'AUROC', f(auroc(l, labels)), 'TPR@1%', f(tprAtFpr(l, labels, 0.01)));
  }
  for (let k = 2; k <= all.length; k++) {
    const mean = labels.map((_, j) => all.slice(0, k).reduce((a, r) => a + r[j]!, 0) / k);
    console.log(name, `mean of first ${k}`, 'AUROC', f(auroc(mean, labels)), 'TPR@1%', f(tprAtFpr(mean, labels, 0.01)));
  }
}
