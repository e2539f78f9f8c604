/**
 * Lab: v2-variant's training with the class-conditional LM ratio features (class-lm.ts) on the
 * v2 data (modern2024 included), "Class-conditional LMs, again" in RESULTS.md. Needs the lab
 * patch class-lm-hook.patch on train.ts as of 69ba5ab (before the class LMs were shipped; since then
 * `v2-variant.ts '{"classLm":null}'` trains without them and the default with them). Dev inputs only.
 *   LMR=1 npx tsx bench/detector-lab/lmr-variant.ts <name> [family:<f> | source:<s,...>]
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TRAINING, loadLabeledInput, trainDetector, type LabeledDocument, type LabeledInput } from '../../src/classifier/index.js';
import { dataDir } from '../../src/data-dir.js';
import { featureText } from '../../src/features/ending.js';
import { defaultData, extraHeldOut, familyOf, type Exclusion, type GeneratorFamily } from '../../src/training/index.js';
import { BigramLm, RATIO_FEATURES, ratioFeatures } from './class-lm.js';

const name = process.argv[2] ?? 'lmr';
const arg = process.argv[3];
const exclusion: Exclusion | undefined =
  arg === undefined ? undefined : arg.startsWith('family:') ? { family: arg.slice(7) as GeneratorFamily } : { sources: arg.replace(/^source:/, '').split(',') };
const data = defaultData(dataDir());
const out = join('bench/detector-lab/tmp', name);
mkdirSync(out, { recursive: true });

const TOK = /[a-z0-9']+|[^\sa-z0-9']/g;
const tokens = (text: string) => featureText(text.split(/\s+/).filter(Boolean).slice(0, 320).join(' ')).match(TOK) ?? [];
const groupOf = (id: string) => {
  const base = id.split('#')[0]!;
  const m = /^((?:fdg|l2r)-[A-Za-z]+-\d+)/.exec(base);
  return m ? m[1]! : base.replace(/-[hs](-|$)/, '$1');
};
const fnv = (s: string) => { let h = 0x811c9dc5; for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; } return h; };
const FOLDS = 5;
const t0 = Date.now();
const trainDocs = (await Promise.all(data.train(exclusion).map(loadLabeledInput))).flatMap((f) => f.documents);
const toks = trainDocs.map((d) => tokens(d.text));
const fold = trainDocs.map((d) => fnv(groupOf(String(d.id))) % FOLDS);
const build = (keep: (i: number) => boolean) => ({
  m: new BigramLm(toks.filter((_, i) => keep(i) && trainDocs[i]!.label === 'synthetic')),
  h: new BigramLm(toks.filter((_, i) => keep(i) && trainDocs[i]!.label === 'human')),
});
const perFold = Array.from({ length: FOLDS }, (_, k) => build((i) => fold[i] !== k));
const all = build(() => true);
console.error(`LMs built in ${((Date.now() - t0) / 1000).toFixed(0)}s over ${trainDocs.length} docs`);
(globalThis as { __labExtraDense?: unknown }).__labExtraDense = {
  size: RATIO_FEATURES,
  f(d: LabeledDocument, training: boolean) {
    const lm = training ? perFold[fnv(groupOf(String(d.id))) % FOLDS]! : all;
    return ratioFeatures(tokens(d.text), lm.m, lm.h);
  },
};

const devInputs = data.dev(exclusion);
const report: Record<string, LabeledInput> = {};
const parts = ['detect-dev', 'modern-dev', 'm24-dev'];
devInputs.forEach((input, i) => (report[parts[i]!] = input));
const m24 = devInputs[2]!;
for (const task of ['polish', 'rewrite', 'generation', 'expand']) {
  const keep0 = m24.keep;
  report[`m24-dev:${task}`] = { ...m24, keep: (d: LabeledDocument) => (keep0 ? keep0(d) : true) && (d.label === 'human' || (d as { task?: string }).task === task) };
}
report['seqxgpt'] = { path: data.files.extra, keep: extraHeldOut };
if (exclusion && 'family' in exclusion) {
  const inFamily = (d: LabeledDocument) => d.label === 'synthetic' && familyOf(d.generator) === exclusion.family;
  // family texts of train/more/dev against modern2024/dev humans: two report sets scored apart, merged below is not possible here; use dev-file only
  const human = (await loadLabeledInput(m24)).documents.filter((d) => d.label === 'human');
  const unseen = (await Promise.all([data.files.modern2024Train, data.files.modern2024More, data.files.modern2024Dev].map((path) => loadLabeledInput({ path, keep: inFamily })))).flatMap((f) => f.documents);
  const famPath = join(out, 'family-unseen.jsonl');
  writeFileSync(famPath, [...human, ...unseen].map((d) => JSON.stringify(d)).join('\n') + '\n');
  report['family-unseen'] = { path: famPath };
} else if (exclusion) {
  const s = exclusion.sources;
  if (!s.every((x) => x.startsWith('l2r-'))) report['source-unseen-detect'] = { path: data.files.detectDev, keep: (d: LabeledDocument) => s.includes(d.source ?? '') };
  report['source-unseen-m24'] = { path: data.files.modern2024Dev, keep: (d: LabeledDocument) => s.includes(d.source ?? '') };
}
const { card } = await trainDetector({
  out, name, ...DEFAULT_TRAINING, progressBar: false,
  data: data.train(exclusion), dev: devInputs, report,
  createdAt: '2000-01-01T00:00:00.000Z',
  onEpoch: (p) => console.error(name, p.epoch, p.trainLoss.toFixed(4), p.devLoss.toFixed(4), p.devAuroc.toFixed(3), p.best ? '*' : '', `${((Date.now() - t0) / 1000).toFixed(0)}s`),
});
const f3 = (x: number | null | undefined) => (x == null ? 'n/a' : x.toFixed(3));
const line = Object.entries(card.metrics).map(([k, m]) => `${k} ${f3(m.auroc)}/${f3(m.tprAt1PctFpr)}`).join('  ');
console.log(`${name} ${arg ?? ''} epoch ${card.training.bestEpoch}/${card.training.epochsRun} thresholds ${f3(card.thresholds.low)} ${f3(card.thresholds.high)}\n  ${line}`);
writeFileSync(join(out, 'lab.json'), JSON.stringify({ name, exclusion, bestEpoch: card.training.bestEpoch, metrics: card.metrics, thresholds: card.thresholds }, null, 2) + '\n');
