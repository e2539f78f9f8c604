/**
 * One training by the default recipe (src/training/recipe.ts, modern2024 included) with setting
 * overrides, optionally without a source or a generator family, scored on dev data only: never
 * on any test split. For the choices of issue 15 ("Detector v2" in RESULTS.md).
 *
 *   npx tsx bench/detector-lab/v2-variant.ts '<json overrides>' <name> [source:<s>[,<s>...] | family:<f>]
 *
 * Reports AUROC / TPR@1%FPR on: each dev input (detect-corpus/dev, modern's dev part,
 * modern2024/dev) and their pool; modern2024/dev per task (polish, rewrite, generation, expand:
 * that task's machine texts against all modern2024/dev human texts); extra's SeqXGPT (a domain
 * and generators never trained on). With a family held out: that family's machine texts of every
 * modern2024 split but test (none of them trained on by this model) against modern2024/dev's
 * human texts ("family-unseen"). With a source held out: that source's dev documents. Writes
 * the figures to bench/detector-lab/tmp/<name>/lab.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TRAINING, loadDetector, loadLabeledInput, trainDetector, type LabeledDocument, type LabeledInput } from '../../src/classifier/index.js';
import { dataDir } from '../../src/data-dir.js';
import { summarise } from '../../src/evaluation/index.js';
import { defaultData, extraHeldOut, familyOf, type Exclusion, type GeneratorFamily } from '../../src/training/index.js';

const overrides = JSON.parse(process.argv[2] ?? '{}') as Record<string, unknown>;
const name = process.argv[3] ?? 'v2';
const arg = process.argv[4];
const exclusion: Exclusion | undefined =
  arg === undefined ? undefined : arg.startsWith('family:') ? { family: arg.slice(7) as GeneratorFamily } : { sources: arg.replace(/^source:/, '').split(',') };
const data = defaultData(dataDir());
const out = join('bench/detector-lab/tmp', name);
mkdirSync(out, { recursive: true });
const settings: Record<string, unknown> = { ...DEFAULT_TRAINING, ...overrides };
for (const k of Object.keys(settings)) if (settings[k] === null) delete settings[k];

const t0 = Date.now();
const { card } = await trainDetector({
  out,
  name,
  ...settings,
  progressBar: false,
  data: data.train(exclusion),
  dev: data.dev(exclusion),
  createdAt: '2000-01-01T00:00:00.000Z',
  onEpoch: (p) => console.error(name, p.epoch, p.trainLoss.toFixed(4), p.devLoss.toFixed(4), p.devAuroc.toFixed(3), p.best ? '*' : '', `${((Date.now() - t0) / 1000).toFixed(0)}s`),
});
const trainSeconds = (Date.now() - t0) / 1000;

const docsOf = async (inputs: LabeledInput[]) => (await Promise.all(inputs.map(loadLabeledInput))).flatMap((f) => f.documents);
const devInputs = data.dev(exclusion);
const sets: Record<string, LabeledDocument[]> = {};
const devParts = ['detect-dev', 'modern-dev', 'm24-dev'];
for (const [i, input] of devInputs.entries()) sets[devParts[i]!] = await docsOf([input]);
sets['dev-pool'] = devParts.flatMap((p) => sets[p]!);
const m24Human = sets['m24-dev']!.filter((d) => d.label === 'human');
for (const task of ['polish', 'rewrite', 'generation', 'expand']) {
  sets[`m24-dev:${task}`] = [...m24Human, ...sets['m24-dev']!.filter((d) => (d as { task?: string }).task === task)];
}
sets['seqxgpt'] = await docsOf([{ path: data.files.extra, keep: extraHeldOut }]);
if (exclusion && 'family' in exclusion) {
  const inFamily = (d: LabeledDocument) => d.label === 'synthetic' && familyOf(d.generator) === exclusion.family;
  const unseen = await docsOf([data.files.modern2024Train, data.files.modern2024More, data.files.modern2024Dev].map((path) => ({ path, keep: inFamily })));
  sets['family-unseen'] = [...m24Human, ...unseen];
} else if (exclusion) {
  const s = exclusion.sources;
  sets['source-unseen'] = await docsOf([data.files.detectDev, data.files.modern2024Dev].map((path) => ({ path, keep: (d: LabeledDocument) => s.includes(d.source ?? '') })));
}

const detector = await loadDetector(out, { backend: 'cpu' });
const figures: Record<string, { n: number; auroc: number | null; tpr1: number | null }> = {};
for (const [set, docs] of Object.entries(sets)) {
  if (docs.length === 0) continue;
  const scores = await detector.scoreTexts(docs.map((d) => d.text));
  const s = summarise(Array.from(scores), docs.map((d) => d.label === 'synthetic'));
  figures[set] = { n: s.n, auroc: s.auroc, tpr1: s.tprAtFpr['0.01'] };
}
detector.dispose();
const f3 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
const line = Object.entries(figures).map(([k, m]) => `${k} ${f3(m.auroc)}/${f3(m.tpr1)}`).join('  ');
console.log(`${name} ${JSON.stringify(overrides)} ${arg ?? ''} epoch ${card.training.bestEpoch}/${card.training.epochsRun} train ${trainSeconds.toFixed(0)}s\n  ${line}`);
writeFileSync(join(out, 'lab.json'), JSON.stringify({ name, overrides, exclusion, bestEpoch: card.training.bestEpoch, epochsRun: card.training.epochsRun, trainSeconds, figures, thresholds: card.thresholds }, null, 2) + '\n');
