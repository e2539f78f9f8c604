/**
 * Probe: does surprisal burstiness (how unevenly a document's word log-probabilities under the
 * reference LM cluster along the text) separate the labels, on dev, the modern hold-out,
 * SeqXGPT and per detect-corpus source? Single-feature AUROC only (never detect-corpus/test).
 *   npx tsx bench/detector-lab/burstiness-probe.ts
 */
import { readFileSync } from 'node:fs';
import { analyseText } from '../../src/features/analysis.js';
import { createTokenScores, scoreSymbols, shippedReferenceLm, wordSymbols } from '../../src/features/reference-lm/index.js';
import { stableHash } from '../../src/classifier/prng.js';
import { auroc } from './metrics.js';

interface Doc { id: string; text: string; label: string; source: string }
const D = new URL('../../../shared/data/', import.meta.url).pathname;
const read = (p: string): Doc[] => readFileSync(D + p, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const hold = (d: Doc) => stableHash(String(d.id)) % 100 < 20;
const lm = shippedReferenceLm().word;
const scores = createTokenScores(400);

function probe(text: string): number[] {
  const { symbols } = wordSymbols(analyseText(text).text, 320);
  const s = scoreSymbols(lm, symbols, scores);
  const n = s.length;
  const out: number[] = [];
  for (const w of [10, 20]) {
    const k = Math.floor(n / w);
    if (k < 2) { out.push(NaN, NaN); continue; }
    let mean = 0; for (let i = 0; i < k * w; i++) mean += s.logp[i]!; mean /= k * w;
    let v = 0; for (let i = 0; i < k * w; i++) v += (s.logp[i]! - mean) ** 2; v /= k * w;
    const wm: number[] = [];
    for (let j = 0; j < k; j++) { let a = 0; for (let i = j * w; i < (j + 1) * w; i++) a += s.logp[i]!; wm.push(a / w); }
    let vw = 0; for (const x of wm) vw += (x - mean) ** 2; vw /= k;
    out.push((vw * w) / v); // dispersion index: 1 for independent tokens, > 1 when surprisal clusters
    out.push(Math.sqrt(vw)); // spread of window means
  }
  // Excess surprisal (logp - model's own expectation), lag-1 autocorrelation.
  let m = 0; for (let i = 0; i < n; i++) m += s.logp[i]! - s.mean[i]!; m /= n;
  let c0 = 0, c1 = 0;
  for (let i = 0; i < n; i++) { const e = s.logp[i]! - s.mean[i]! - m; c0 += e * e; if (i > 0) c1 += e * (s.logp[i - 1]! - s.mean[i - 1]! - m); }
  out.push(c1 / c0);
  return out;
}
const names = ['disp10', 'spread10', 'disp20', 'spread20', 'acf1'];
const modern = read('modern/corpus.jsonl');
const sets: Record<string, Doc[]> = {
  dev: read('detect-corpus/dev.jsonl'),
  mh: modern.filter(hold),
  sx: read('extra/corpus.jsonl').filter((d) => d.source === 'seqxgpt-doclevel' && (d.label === 'synthetic' || d.text !== d.text.toLowerCase())),
};
for (const src of [...new Set(sets.dev!.map((d) => d.source))]) sets[`dev:${src}`] = sets.dev!.filter((d) => d.source === src);
for (const src of [...new Set(sets.mh!.map((d) => d.source))]) sets[`mh:${src}`] = sets.mh!.filter((d) => d.source === src);
console.log(['set', ...names].join('\t'));
for (const [name, docs] of Object.entries(sets)) {
  const f = docs.map((d) => probe(d.text));
  const y = docs.map((d) => (d.label === 'synthetic' ? 1 : 0));
  const cells = names.map((_, j) => {
    const keep = f.map((r, i) => [r[j]!, y[i]!] as const).filter(([x]) => Number.isFinite(x));
    return auroc(keep.map((p) => p[0]), keep.map((p) => p[1])).toFixed(3);
  });
  console.log([name, ...cells].join('\t'));
}
