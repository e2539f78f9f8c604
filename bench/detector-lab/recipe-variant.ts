/**
 * One training by the default recipe (src/training/recipe.ts) with setting overrides,
 * optionally without one source, reporting dev, the modern hold-out and, when the held-out
 * source is given, that source (detect-corpus/dev part, modern hold-out part, or all of
 * extra's cleaned SeqXGPT). Never reads detect-corpus/test.
 *   npx tsx bench/detector-lab/recipe-variant.ts '{"lengthCrops":null}' name [withoutSource]
 */
import { DEFAULT_TRAINING, trainDetector, type LabeledInput } from '../../src/classifier/index.js';
import { dataDir } from '../../src/data-dir.js';
import { defaultData, extraHeldOut, inHoldout, type Exclusion, type GeneratorFamily } from '../../src/training/index.js';
const overrides = JSON.parse(process.argv[2] ?? '{}');
const name = process.argv[3] ?? 'recipe';
const without = process.argv[4];
const data = defaultData(dataDir());
const exclusion: Exclusion | undefined = without === undefined ? undefined
  : without.startsWith('family:') ? { family: without.slice('family:'.length) as GeneratorFamily } : { sources: [without] };
const heldOut: Record<string, LabeledInput> = {};
if (without === 'seqxgpt-doclevel') heldOut['heldOut'] = { path: data.files.extra, keep: extraHeldOut };
else if (without?.startsWith('detectrl')) heldOut['heldOut'] = { path: data.files.modern, keep: (d) => d.source === without && inHoldout(d) };
else if (without && !without.startsWith('family:')) heldOut['heldOut'] = { path: data.files.detectDev, keep: (d) => d.source === without };
const t0 = Date.now();
const settings = { ...DEFAULT_TRAINING, ...overrides };
for (const k of Object.keys(settings)) if (settings[k] === null) delete settings[k];
const { card } = await trainDetector({
  out: `bench/detector-lab/tmp/${name}`, ...settings, progressBar: false,
  data: data.train(exclusion), dev: data.dev(exclusion),
  report: { mh: data.report()['modern-holdout']!, ...heldOut },
  onEpoch: (p) => console.error(name, p.epoch, p.trainLoss.toFixed(4), p.devLoss.toFixed(4), p.devAuroc.toFixed(3), p.best ? '*' : '', ((Date.now() - t0) / 1000).toFixed(0) + 's'),
});
const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
for (const [k, m] of Object.entries(card.metrics)) console.log(name, JSON.stringify(overrides), without ?? '', k, 'AUROC', f(m.auroc), 'TPR@1%', f(m.tprAt1PctFpr));
