/**
 * Reference-LM feature lab: builds n-gram LMs from human text, scores the labeled corpora,
 * and prints single-feature AUROCs and logistic-regression results.
 *
 *   npx tsx bench/detector-lab/lab.ts [--indomain] [--tail] [--word-order 3] [--char-order 5]
 *
 * Never reads detect-corpus/test unless --report-test is given (final report only).
 */
import { parseArgs } from 'node:util';
import { writeFileSync, mkdirSync } from 'node:fs';
import {
  NgramCounter, buildNgramLm, wordSymbols, charSymbols, referenceLmFeatures, REFERENCE_LM_FEATURE_NAMES,
  type ReferenceLm,
} from '../../src/features/reference-lm/index.js';
import {
  brownParagraphs, sotuParagraphs, nlpCorpusSentences, readJsonl, DATA_DIR, isModernTrain, groupOf, type LabeledDoc,
} from './human-corpora.js';
import { auroc, tprAtFpr, fitLogReg, predict } from './metrics.js';

const { values: args } = parseArgs({
  options: {
    indomain: { type: 'boolean', default: false },
    tail: { type: 'boolean', default: false },
    'word-order': { type: 'string', default: '3' },
    'char-order': { type: 'string', default: '5' },
    folds: { type: 'string', default: '5' },
    'report-test': { type: 'boolean', default: false },
    'no-sotu': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/detector-lab/out' },
  },
});
const WORD_ORDER = Number(args['word-order']);
const CHAR_ORDER = Number(args['char-order']);
const FOLDS = Number(args.folds);

const external = [...brownParagraphs(), ...(args['no-sotu'] ? [] : sotuParagraphs(1900)), ...nlpCorpusSentences()];
const train = readJsonl(`${DATA_DIR}detect-corpus/train.jsonl`);
const dev = readJsonl(`${DATA_DIR}detect-corpus/dev.jsonl`);
const modern = readJsonl(`${DATA_DIR}modern/corpus.jsonl`);
const modernTrain = modern.filter((d) => isModernTrain(d.id));
const modernHold = modern.filter((d) => !isModernTrain(d.id));
const test = args['report-test'] ? readJsonl(`${DATA_DIR}detect-corpus/test.jsonl`) : [];
const trainDocs = [...train, ...modernTrain];

function countInto(wc: NgramCounter, cc: NgramCounter, text: string): void {
  wc.add(wordSymbols(text, Number.MAX_SAFE_INTEGER).symbols);
  cc.add(charSymbols(text, Number.MAX_SAFE_INTEGER));
}
function build(texts: string[]): ReferenceLm {
  const wc = new NgramCounter(WORD_ORDER);
  const cc = new NgramCounter(CHAR_ORDER);
  for (const t of texts) countInto(wc, cc, t);
  const word = buildNgramLm(wc, { order: WORD_ORDER, minCounts: [2, 2, 2, 2] });
  const char = buildNgramLm(cc, { order: CHAR_ORDER, minCounts: [1, 1, 2, 2, 2, 3, 3] });
  return { word, char };
}
const tableMb = (lm: ReferenceLm): string =>
  [lm.word, lm.char]
    .map((m) => `${((m.ngramKeys.length * 10 + m.ctxKeys.length * 20) / 1e6).toFixed(1)}MB(ng ${m.ngramKeys.length}, ctx ${m.ctxKeys.length})`)
    .join(' + ');

const textOf = (d: LabeledDoc): string => (args.tail ? d.text.split(' ').slice(30).join(' ') : d.text);
const feats = new Map<string, Float32Array>();

let t0 = Date.now();
const full = build(args.indomain ? [...external, ...trainDocs.filter((d) => d.label === 'human').map((d) => d.text)] : external);
console.log(`full LM built in ${Date.now() - t0} ms: ${tableMb(full)}`);
for (const d of [...dev, ...modernHold, ...test, ...(args.indomain ? [] : trainDocs)]) feats.set(d.id, referenceLmFeatures(textOf(d), full));
t0 = performance.now();
for (let r = 0; r < 3; r++) for (const d of dev) referenceLmFeatures(d.text, full);
console.log(`feature cost: ${(((performance.now() - t0) * 1000) / (3 * dev.length)).toFixed(1)} us/doc (dev docs, ~1 KB)`);

if (args.indomain) {
  // Out-of-fold: a training doc is scored by an LM that never saw its pair group's human text.
  const foldOf = (d: LabeledDoc): number => {
    let h = 0;
    for (const c of groupOf(d.id)) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    return h % FOLDS;
  };
  for (let k = 0; k < FOLDS; k++) {
    const lm = build([...external, ...trainDocs.filter((d) => d.label === 'human' && foldOf(d) !== k).map((d) => d.text)]);
    for (const d of trainDocs) if (foldOf(d) === k) feats.set(d.id, referenceLmFeatures(textOf(d), lm));
    console.log(`fold ${k} done`);
  }
}

const y = (ds: LabeledDoc[]): number[] => ds.map((d) => (d.label === 'synthetic' ? 1 : 0));
const bySource = (ds: LabeledDoc[]): Map<string, LabeledDoc[]> => {
  const m = new Map<string, LabeledDoc[]>();
  for (const d of ds) m.set(d.source, [...(m.get(d.source) ?? []), d]);
  return m;
};
const evalSets: [string, LabeledDoc[]][] = [
  ['dev', dev],
  ...[...bySource(dev)].map(([s, ds]): [string, LabeledDoc[]] => [`dev:${s}`, ds]),
  ['modernHold', modernHold],
  ...[...bySource(modernHold)].map(([s, ds]): [string, LabeledDoc[]] => [`mh:${s.replace('detectrl-', '')}`, ds]),
];
const f2 = (x: number): string => x.toFixed(3);
const lines: string[] = [];
lines.push(`| feature | ${evalSets.map(([n]) => n).join(' | ')} |`);
lines.push(`|---|${evalSets.map(() => '---').join('|')}|`);
REFERENCE_LM_FEATURE_NAMES.forEach((name, j) => {
  lines.push(`| ${name} | ${evalSets.map(([, ds]) => f2(auroc(ds.map((d) => feats.get(d.id)![j]!), y(ds)))).join(' | ')} |`);
});

function lrReport(label: string, trainSet: LabeledDoc[], sets: [string, LabeledDoc[]][]): void {
  const m = fitLogReg(trainSet.map((d) => feats.get(d.id)!), y(trainSet));
  const cells = sets.map(([n, ds]) => {
    const s = ds.map((d) => predict(m, feats.get(d.id)!));
    return `${n} ${f2(auroc(s, y(ds)))} (TPR@1% ${f2(tprAtFpr(s, y(ds), 0.01))})`;
  });
  lines.push(`- LR trained on ${label}: ${cells.join('; ')}`);
}
lines.push('');
lrReport('detect train + modern train', trainDocs, evalSets);
lrReport('detect train only', train, evalSets);
for (const [src, hold] of bySource(modernHold)) {
  // Cross-source for modern: train on detect-corpus + the other modern source, test on this one.
  lrReport(`detect train + modern train minus ${src}`, [...train, ...modernTrain.filter((d) => d.source !== src)], [[`mh:${src}`, hold]]);
}
if (test.length > 0) lrReport('detect train + modern train (TEST REPORT)', trainDocs, [['test', test], ...[...bySource(test)].map(([s, ds]): [string, LabeledDoc[]] => [`test:${s}`, ds])]);

const tag = `${args.indomain ? 'indomain' : 'ext'}-w${WORD_ORDER}-c${CHAR_ORDER}${args.tail ? '-tail' : ''}${args['no-sotu'] ? '-nosotu' : ''}`;
mkdirSync(args.out!, { recursive: true });
writeFileSync(`${args.out}/${tag}.md`, lines.join('\n') + '\n');
console.log(lines.join('\n'));
