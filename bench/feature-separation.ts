/**
 * How well each signature feature alone separates human from synthetic text: single-feature
 * AUROC on the detect-corpus training split and on the modern (2023 chat model) corpus.
 * A sanity check of usefulness, not a test. Run: npx tsx bench/feature-separation.ts
 *
 * AUROC = P(score of a random synthetic doc > score of a random human doc), ties counting
 * one half, computed with the Mann-Whitney U statistic over mid-ranks. 0.5 is chance; a value
 * below 0.5 means the feature separates in the other direction (lower for synthetic). The
 * "flip" column marks features that separate in opposite directions on the two corpora (both
 * AUROCs at least 0.02 from 0.5, on opposite sides): the reason the model must be trained on
 * both.
 */
import { readFileSync } from 'node:fs';
import { analyseText } from '../src/features/analysis.js';
import { deflateRatio, deflateRatioEstimate } from '../src/features/compression.js';
import { SIGNATURE_FEATURES } from '../src/features/signature.js';

interface LabeledDoc {
  text: string;
  label: 'human' | 'synthetic';
}

const CORPORA: Array<[string, string]> = [
  ['detect-corpus/train', '/work/shared/data/detect-corpus/train.jsonl'],
  ['modern', '/work/shared/data/modern/corpus.jsonl'],
];

/** Mann-Whitney AUROC of `values` with `positive[i]` marking the positive (synthetic) class. */
export function auroc(values: readonly number[], positive: readonly boolean[]): number {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  let rankSumPositive = 0;
  let nPos = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1] as number] === values[order[start] as number]) end++;
    const midRank = (start + end) / 2 + 1; // ranks are 1-based; ties share their mean rank
    for (let k = start; k <= end; k++) {
      if (positive[order[k] as number]) {
        rankSumPositive += midRank;
        nPos++;
      }
    }
    start = end + 1;
  }
  const nNeg = values.length - nPos;
  if (nPos === 0 || nNeg === 0) return 0.5;
  return (rankSumPositive - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

function load(path: string): LabeledDoc[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as LabeledDoc);
}

/** Distance from 0.5 both AUROCs need before a direction change counts as a flip. */
const FLIP_MARGIN = 0.02;

/** Pearson correlation of two equally long samples. */
function pearson(x: readonly number[], y: readonly number[]): number {
  const mean = (v: readonly number[]): number => v.reduce((s, a) => s + a, 0) / v.length;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

const columns: Array<{ name: string; values: Map<string, number> }> = [];
const agreement: string[] = [];
for (const [corpusName, path] of CORPORA) {
  const docs = load(path);
  const positive = docs.map((d) => d.label === 'synthetic');
  const analyses = docs.map((d) => analyseText(d.text));
  const values = new Map<string, number>();
  for (const f of SIGNATURE_FEATURES) values.set(f.name, auroc(analyses.map((a) => f.compute(a)), positive));
  // Reference row: exact zlib deflate ratio, to compare with the signature's estimate.
  const exact = analyses.map((a) => deflateRatio(a.text));
  values.set('(zlib deflate ratio)', auroc(exact, positive));
  const estimate = analyses.map((a) => deflateRatioEstimate(a.text));
  agreement.push(`${corpusName}: Pearson r(compression_ratio, zlib deflate ratio) = ${pearson(estimate, exact).toFixed(3)}`);
  columns.push({ name: `${corpusName} (${positive.filter(Boolean).length} syn / ${positive.filter((p) => !p).length} hum)`, values });
}

const names = [...SIGNATURE_FEATURES.map((f) => f.name), '(zlib deflate ratio)'];
const width = Math.max(...names.map((n) => n.length));
console.log('Single-feature AUROC (synthetic scored higher = above 0.5)');
console.log(`| ${'feature'.padEnd(width)} | ${columns.map((c) => c.name).join(' | ')} | flip |`);
console.log(`| ${'-'.repeat(width)} | ${columns.map((c) => '-'.repeat(c.name.length)).join(' | ')} | ---- |`);
for (const name of names) {
  const aurocs = columns.map((c) => c.values.get(name) ?? 0.5);
  const [a, b] = aurocs.map((x) => x - 0.5) as [number, number];
  const flip = Math.abs(a) >= FLIP_MARGIN && Math.abs(b) >= FLIP_MARGIN && a * b < 0 ? 'yes' : '';
  console.log(`| ${name.padEnd(width)} | ${aurocs.map((a, i) => a.toFixed(3).padEnd((columns[i] as { name: string }).name.length)).join(' | ')} | ${flip.padEnd(4)} |`);
}
console.log('');
for (const line of agreement) console.log(line);
