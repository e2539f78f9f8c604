/**
 * Dense-feature lab: signature features with and without reference-LM features, by
 * logistic regression and a small MLP, on dev, the held-out modern part and
 * leave-one-source-out. Seconds, so it ranks feature sets before a slow tfjs training.
 *   npx tsx bench/detector-lab/dense-lab.ts
 */
import { readFileSync } from 'node:fs';
import { analyseText } from '../../src/features/analysis.js';
import { extractFeatures } from '../../src/features/index.js';
import { loadReferenceLm, referenceLmFeatures, REFERENCE_LM_FEATURE_NAMES } from '../../src/features/reference-lm/index.js';
import { stableHash, mulberry32 } from '../../src/classifier/prng.js';
import { auroc, tprAtFpr, fitLogReg, predict } from './metrics.js';

interface Doc { id: string; text: string; label: string; source: string }
const D = new URL('../../../shared/data/', import.meta.url).pathname;
const read = (p: string): Doc[] => readFileSync(D + p, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const hold = (d: Doc) => stableHash(String(d.id)) % 100 < 20;
const modern = read('modern/corpus.jsonl');
const train = [...read('detect-corpus/train.jsonl'), ...modern.filter((d) => !hold(d))];
const dev = read('detect-corpus/dev.jsonl');
const mh = modern.filter(hold);
const lm = loadReferenceLm(new URL('../../classifiers/reference-lm/reference-lm.bin', import.meta.url).pathname);

const nSig = 37;
const T = 37 + REFERENCE_LM_FEATURE_NAMES.length; // offset of the tail block
const SKIP = Number(process.env.SKIP_WORDS ?? 0);
/** The text after its first SKIP words: the paired corpus shares ~30 human words up front. */
const tail = (t: string) => (SKIP > 0 ? t.split(/\s+/).slice(SKIP).join(' ') : t);
function feats(d: Doc): Float32Array {
  const sig = extractFeatures(d.text).dense.subarray(0, 37);
  const ref = referenceLmFeatures(analyseText(d.text).text, lm);
  const tsig = extractFeatures(tail(d.text)).dense.subarray(0, 37);
  const tref = referenceLmFeatures(analyseText(tail(d.text)).text, lm);
  const out = new Float32Array(2 * (37 + ref.length));
  out.set(sig); out.set(ref, 37); out.set(tsig, 37 + ref.length); out.set(tref, 74 + ref.length);
  return out;
}
const t0 = Date.now();
const X = new Map<Doc, Float32Array>();
for (const d of [...train, ...dev, ...mh]) X.set(d, feats(d));
console.error(`features ${(Date.now() - t0) / 1000}s`);

const wordIdx = REFERENCE_LM_FEATURE_NAMES.map((n, i) => (n.startsWith('lmWord') ? nSig + i : -1)).filter((i) => i >= 0);
const allRef = REFERENCE_LM_FEATURE_NAMES.map((_, i) => nSig + i);
const sigIdx = Array.from({ length: nSig }, (_, i) => i);
const shift = (xs: number[]) => xs.map((i) => i + T);
const allSets: Record<string, number[]> = {
  sig: sigIdx, 'sig+lmWord': [...sigIdx, ...wordIdx], 'sig+lmAll': [...sigIdx, ...allRef],
  'tail:sig+lmWord': shift([...sigIdx, ...wordIdx]),
  'sig+lmWord+tail:lmWord': [...sigIdx, ...wordIdx, ...shift(wordIdx)],
};
const wanted = process.env.SETS?.split(',');
const sets = Object.fromEntries(Object.entries(allSets).filter(([k]) => !wanted || wanted.includes(k)));
const kinds = (process.env.KINDS?.split(',') ?? ['lr', 'mlp']) as Array<'lr' | 'mlp'>;

/** One-hidden-layer MLP (relu), Adam, minibatch 64, fixed epochs: the tfjs model's dense half. */
function fitMlp(x: Float64Array[], y: number[], hidden = 32, epochs = 30, lr = 0.003, seed = 1) {
  const d = x[0]!.length; const rnd = mulberry32(seed);
  const W1 = Float64Array.from({ length: d * hidden }, () => (rnd() * 2 - 1) * Math.sqrt(6 / d));
  const b1 = new Float64Array(hidden); const W2 = Float64Array.from({ length: hidden }, () => (rnd() * 2 - 1) * Math.sqrt(6 / hidden)); let b2 = 0;
  const params = [W1, b1, W2]; const m = params.map((p) => new Float64Array(p.length)); const v = params.map((p) => new Float64Array(p.length));
  let mb = 0, vb = 0, t = 0;
  const order = x.map((_, i) => i); const h = new Float64Array(hidden);
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [order[i], order[j]] = [order[j]!, order[i]!]; }
    for (let s = 0; s < order.length; s += 64) {
      const g = params.map((p) => new Float64Array(p.length)); let gb = 0; const idx = order.slice(s, s + 64);
      for (const i of idx) {
        const xi = x[i]!; let z = b2;
        for (let k = 0; k < hidden; k++) { let a = b1[k]!; for (let j = 0; j < d; j++) a += W1[j * hidden + k]! * xi[j]!; h[k] = a > 0 ? a : 0; z += W2[k]! * h[k]!; }
        const e = (1 / (1 + Math.exp(-z)) - y[i]!) / idx.length; gb += e;
        for (let k = 0; k < hidden; k++) { g[2]![k]! += e * h[k]!; if (h[k]! > 0) { const gk = e * W2[k]!; g[1]![k]! += gk; for (let j = 0; j < d; j++) g[0]![j * hidden + k]! += gk * xi[j]!; } }
      }
      t++; const c1 = 1 - 0.9 ** t, c2 = 1 - 0.999 ** t;
      params.forEach((p, pi) => { for (let q = 0; q < p.length; q++) { m[pi]![q] = 0.9 * m[pi]![q]! + 0.1 * g[pi]![q]!; v[pi]![q] = 0.999 * v[pi]![q]! + 0.001 * g[pi]![q]! ** 2; p[q]! -= (lr * m[pi]![q]! / c1) / (Math.sqrt(v[pi]![q]! / c2) + 1e-8); } });
      mb = 0.9 * mb + 0.1 * gb; vb = 0.999 * vb + 0.001 * gb * gb; b2 -= (lr * mb / c1) / (Math.sqrt(vb / c2) + 1e-8);
    }
  }
  return (xi: Float64Array) => { let z = b2; for (let k = 0; k < hidden; k++) { let a = b1[k]!; for (let j = 0; j < d; j++) a += W1[j * hidden + k]! * xi[j]!; if (a > 0) z += W2[k]! * a; } return z; };
}

function evalSet(kind: 'lr' | 'mlp', cols: number[], tr: Doc[], tests: Record<string, Doc[]>): string {
  const sub = (d: Doc) => Float32Array.from(cols, (c) => X.get(d)![c]!);
  const y = tr.map((d) => (d.label === 'synthetic' ? 1 : 0));
  let score: (d: Doc) => number;
  if (kind === 'lr') { const m = fitLogReg(tr.map(sub), y, 1e-3, 400); score = (d) => predict(m, sub(d)); }
  else {
    const xs = tr.map(sub); const dd = cols.length; const mean = new Float64Array(dd), std = new Float64Array(dd);
    for (const r of xs) for (let j = 0; j < dd; j++) mean[j]! += r[j]! / xs.length;
    for (const r of xs) for (let j = 0; j < dd; j++) std[j]! += (r[j]! - mean[j]!) ** 2 / xs.length;
    for (let j = 0; j < dd; j++) std[j] = Math.sqrt(std[j]!) || 1;
    const z = (r: Float32Array) => Float64Array.from(r, (v, j) => Math.max(-8, Math.min(8, (v - mean[j]!) / std[j]!)));
    const f = fitMlp(xs.map(z), y); score = (d) => f(z(sub(d)));
  }
  return Object.entries(tests).map(([k, ds]) => {
    const s = ds.map(score); const l = ds.map((d) => (d.label === 'synthetic' ? 1 : 0));
    return `${k} ${auroc(s, l).toFixed(3)}/${tprAtFpr(s, l, 0.01).toFixed(2)}`;
  }).join('  ');
}

const sources = [...new Set(train.map((d) => d.source))];
for (const kind of kinds) {
  for (const [name, cols] of Object.entries(sets)) {
    console.log(`${kind} ${name}: ${evalSet(kind, cols, train, { dev, mh })}`);
    const lodo = sources.map((s) => {
      const pool = [...dev, ...mh].filter((d) => d.source === s);
      return evalSet(kind, cols, train.filter((d) => d.source !== s), { [s.replace(/-.*$/, '').replace('detectrl', 'drl:' + s.split('-')[1])]: pool });
    });
    console.log(`   LODO: ${lodo.join('  ')}`);
  }
}
