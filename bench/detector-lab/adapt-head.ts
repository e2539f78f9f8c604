// Lab only: instead of (or beside) fine-tuning the dense layers, fit a small in-domain logistic head
// on the k labeled documents: z = a * logit(base score) + b + w . x, x the document's standardised
// dense features and/or its hashed n-gram presence, w pulled to 0 by L2 (strength chosen by 5-fold
// cross-validation on the k documents alone, folds by source document). Measures held-out AUROC on
// the source's report-only documents and the other sources' mean AUROC, as bench:adapt does.
// Needs the held-out bases in bench/tmp/adapt/bases/ (bench:adapt builds them).
// Env: HEAD_SOURCES, HEAD_K (100,200), HEAD_STRATEGIES (uncertainty,random), HEAD_SEEDS (1,2,3).
import { join } from 'node:path';
import { loadDetector, readCard, sourceDocumentKey, type LabeledDocument } from '../../src/classifier/index.js';
import { dataDir } from '../../src/data-dir.js';
import { auroc } from '../../src/evaluation/index.js';
import type { FeatureVector } from '../../src/features/index.js';
import { defaultModelDir, packageRoot } from '../../src/paths.js';
import { adaptData } from '../lib/adapt-data.js';
import { drawBalanced } from '../lib/adapt-run.js';

const list = (name: string, fallback: string) => (process.env[name] ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);
const ks = list('HEAD_K', '100,200').map(Number);
const strategies = list('HEAD_STRATEGIES', 'uncertainty,random') as ('uncertainty' | 'random' | 'stratified')[];
const seeds = list('HEAD_SEEDS', '1,2,3').map(Number);
const HASH = 1 << 16;
const LAMBDAS = [0.003, 0.01, 0.03, 0.1, 0.3, 1, 3];

type Kind = 'dense' | 'sparse' | 'both';
const KINDS: Kind[] = ['dense', 'sparse', 'both'];

interface Row { z0: number; dense: Float64Array; sparse: Int32Array; sparseValue: number }

const logit = (p: number) => { const q = Math.min(1 - 1e-6, Math.max(1e-6, p)); return Math.log(q / (1 - q)); };

function rows(scores: Float32Array, vectors: FeatureVector[]): Row[] {
  return vectors.map((v, i) => {
    const set = [...new Set(Array.from(v.sparse, (b) => b % HASH))].sort((a, b) => a - b);
    return { z0: logit(scores[i]!), dense: Float64Array.from(v.dense), sparse: Int32Array.from(set), sparseValue: set.length ? 1 / Math.sqrt(set.length) : 0 };
  });
}

interface Head { a: number; b: number; mean: Float64Array; std: Float64Array; wd: Float64Array; ws: Float64Array; kind: Kind }

function fit(train: Row[], labels: number[], kind: Kind, lambda: number): Head {
  const d = train[0]!.dense.length;
  const mean = new Float64Array(d), std = new Float64Array(d);
  for (const r of train) for (let j = 0; j < d; j++) mean[j]! += r.dense[j]! / train.length;
  for (const r of train) for (let j = 0; j < d; j++) std[j]! += (r.dense[j]! - mean[j]!) ** 2 / train.length;
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j]!) || 1;
  const h: Head = { a: 1, b: 0, mean, std, wd: new Float64Array(d), ws: new Float64Array(HASH), kind };
  const useD = kind !== 'sparse', useS = kind !== 'dense';
  // Adam, full batch.
  const m = { a: 0, b: 0, wd: new Float64Array(d), ws: new Float64Array(HASH) }, v = { a: 0, b: 0, wd: new Float64Array(d), ws: new Float64Array(HASH) };
  const lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8, n = train.length;
  const touched = new Set<number>();
  for (const r of train) for (const s of r.sparse) touched.add(s);
  const touchedList = [...touched];
  for (let step = 1; step <= 300; step++) {
    let ga = 0, gb = 0;
    const gd = new Float64Array(d), gs = new Float64Array(HASH);
    train.forEach((r, i) => {
      const g = (sigmoid(predict(h, r)) - labels[i]!) / n;
      ga += g * r.z0;
      gb += g;
      if (useD) for (let j = 0; j < d; j++) gd[j]! += g * (r.dense[j]! - mean[j]!) / std[j]!;
      if (useS) for (const s of r.sparse) gs[s]! += g * r.sparseValue;
    });
    ga += lambda * (h.a - 1);
    const upd = (g: number, key: 'a' | 'b') => {
      m[key] = b1 * m[key] + (1 - b1) * g; v[key] = b2 * v[key] + (1 - b2) * g * g;
      h[key] -= lr * (m[key] / (1 - b1 ** step)) / (Math.sqrt(v[key] / (1 - b2 ** step)) + eps);
    };
    upd(ga, 'a'); upd(gb, 'b');
    const updVec = (w: Float64Array, g: Float64Array, mm: Float64Array, vv: Float64Array, idx: Iterable<number>) => {
      for (const j of idx) {
        const gj = g[j]! + lambda * w[j]!;
        mm[j] = b1 * mm[j]! + (1 - b1) * gj; vv[j] = b2 * vv[j]! + (1 - b2) * gj * gj;
        w[j]! -= lr * (mm[j]! / (1 - b1 ** step)) / (Math.sqrt(vv[j]! / (1 - b2 ** step)) + eps);
      }
    };
    if (useD) updVec(h.wd, gd, m.wd, v.wd, Array.from({ length: d }, (_, j) => j));
    if (useS) updVec(h.ws, gs, m.ws, v.ws, touchedList);
  }
  return h;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
function predict(h: Head, r: Row): number {
  let z = h.a * r.z0 + h.b;
  if (h.kind !== 'sparse') for (let j = 0; j < r.dense.length; j++) z += h.wd[j]! * (r.dense[j]! - h.mean[j]!) / h.std[j]!;
  if (h.kind !== 'dense') for (const s of r.sparse) z += h.ws[s]! * r.sparseValue;
  return z;
}

/** Out-of-fold AUROC on the k documents (5 folds by source document). */
function cvAuroc(docs: LabeledDocument[], rs: Row[], labels: number[], kind: Kind, lambda: number): number {
  const fold = docs.map((d) => hashFold(sourceDocumentKey(d)));
  const oof = new Array<number>(docs.length);
  for (let f = 0; f < 5; f++) {
    const tr = rs.flatMap((r, i) => (fold[i] !== f ? [i] : []));
    const h = fit(tr.map((i) => rs[i]!), tr.map((i) => labels[i]!), kind, lambda);
    rs.forEach((r, i) => { if (fold[i] === f) oof[i] = predict(h, r); });
  }
  return auroc(oof, labels.map((l) => l === 1)) ?? 0.5;
}
function hashFold(s: string): number { let h = 2166136261; for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619); return (h >>> 0) % 5; }

const meanBySource = (docs: LabeledDocument[], z: number[]) => {
  const sources = [...new Set(docs.map((d) => d.source ?? 'unknown'))];
  const xs = sources.map((s) => { const idx = docs.flatMap((d, i) => (d.source === s ? [i] : [])); return auroc(idx.map((i) => z[i]!), idx.map((i) => docs[i]!.label === 'synthetic')); }).filter((x): x is number => x !== null);
  return xs.reduce((a, b) => a + b, 0) / xs.length;
};

const card = await readCard(defaultModelDir());
const data = await adaptData(dataDir(), card);
const wanted = list('HEAD_SOURCES', 'pubmedqa,squad-wikipedia,writingprompts-reddit,xsum-bbc-news');
const out: unknown[] = [];
for (const { source, pool, test } of data.sources.filter((s) => wanted.includes(s.source))) {
  const base = await loadDetector(join(packageRoot(), 'bench', 'tmp', 'adapt', 'bases', source), { backend: 'cpu' });
  const score = async (docs: LabeledDocument[]) => { const texts = docs.map((d) => d.text); return rows(await base.scoreTexts(texts), base.features(texts)); };
  const poolScores = await base.scoreTexts(pool.map((d) => d.text));
  const poolRows = rows(poolScores, base.features(pool.map((d) => d.text)));
  const heldRows = await score(test);
  const others = data.report.filter((d) => d.source !== source);
  const otherRows = await score(others);
  const heldY = test.map((d) => d.label === 'synthetic');
  const base0 = { held: auroc(heldRows.map((r) => r.z0), heldY)!, others: meanBySource(others, otherRows.map((r) => r.z0)) };
  console.log(`${source}: k=0 held ${base0.held.toFixed(3)} others ${base0.others.toFixed(3)} (${test.length} held, ${others.length} others)`);
  const index = new Map(pool.map((d, i) => [d, i]));
  for (const k of ks) for (const strategy of strategies) for (const seed of seeds) {
    const drawn = drawBalanced(pool, poolScores, base.thresholds, strategy, k, seed);
    if (!drawn) continue;
    const rs = drawn.map((d) => poolRows[index.get(d)!]!);
    const ys = drawn.map((d) => (d.label === 'synthetic' ? 1 : 0));
    const cells: Record<string, unknown> = {};
    for (const kind of KINDS) {
      const cv = LAMBDAS.map((l) => ({ l, auc: cvAuroc(drawn, rs, ys, kind, l) }));
      const best = cv.reduce((a, b) => (b.auc > a.auc + 1e-9 ? b : a));
      const h = fit(rs, ys, kind, best.l);
      const held = auroc(heldRows.map((r) => predict(h, r)), heldY)!;
      const oth = meanBySource(others, otherRows.map((r) => predict(h, r)));
      cells[kind] = { lambda: best.l, cv: best.auc, held, others: oth };
      console.log(`  ${source} ${strategy} k=${k} s${seed} ${kind}: lambda ${best.l} cv ${best.auc.toFixed(3)} held ${held.toFixed(3)} (${(held - base0.held >= 0 ? '+' : '') + (held - base0.held).toFixed(3)}) others ${(oth - base0.others).toFixed(4)}`);
    }
    out.push({ source, strategy, k, seed, base: base0, cells });
  }
  base.dispose();
}
const { writeFileSync } = await import('node:fs');
writeFileSync(process.env.HEAD_OUT ?? '/tmp/adapt-head.json', JSON.stringify(out, null, 1));
