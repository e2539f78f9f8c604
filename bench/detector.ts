/**
 * The detector benchmark of issue 3 (npm run bench:detector): the shipped default model against
 * a fastText baseline trained on the same data, leave-one-domain-out, modern cross-validated by
 * source, RAID attacks on the test split, the routes of extra/'s sources at the default
 * thresholds, and scoring throughput. Writes
 * bench/results/detector.json and prints a table with the issue's targets beside each figure.
 *
 * Train on train, choose on dev, report test: every model here is trained on training data only,
 * early-stopped and calibrated on the recipe's dev data (detect-corpus/dev and modern's dev part,
 * minus the held-out source), and measured on
 * data it never saw. Intermediate models and files go to bench/tmp/detector/.
 *
 * Settings (environment):
 *   BENCH_QUICK=1        development run: 2 epochs of ours, 5 of fastText, no detect-train-only
 *                        fastText, one detect-corpus and one modern source held out, results to
 *                        bench/tmp/detector/detector.quick.json (figures not comparable)
 *   BENCH_LODO_EPOCHS=n  most epochs of our held-out models (default: the default model's own,
 *                        with its early stopping after 2 epochs without a lower dev loss).
 *   BENCH_FASTTEXT_LODO_DIM=n  vector width of the held-out fastText models (default 10). The
 *                        baseline's own command (default width 100) costs ~10 CPU-s per epoch
 *                        here, ~8 min per model on a shared 2-core machine; the main comparison
 *                        runs it as given AND at width 10 on the same data, so the table shows
 *                        what the narrower held-out baselines give up.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TRAINING, loadDetector, loadLabeledInput, readCard, readLabeledFile, trainDetector, type Detector, type LabeledDocument, type LabeledInput } from '../src/classifier/index.js';
import { attackRecord } from '../src/cli/attack-records.js';
import { dataDir } from '../src/data-dir.js';
import { ATTACK_KINDS, summarise } from '../src/evaluation/index.js';
import { extractFeatures } from '../src/features/index.js';
import { defaultModelDir, packageRoot } from '../src/paths.js';
import { ensureFasttext, fasttextCommand, FASTTEXT_DEFAULTS, predictFasttext, trainFasttext } from './lib/fasttext.js';
import { detectorSplits, type DetectorSplits } from './lib/detector-splits.js';
import { routesBySource } from './lib/unseen-routes.js';
import { extraHeldOut, HOLDOUT_PERCENT } from '../src/training/index.js';
import { formatDetectorTable, type AttackResult, type DetectorBenchResults, type DomainResult, type PassTimes, type RankMetrics, type ThroughputResult } from './lib/detector-table.js';
import { CHARACTER_ATTACKS, DETECTOR_TARGETS } from './lib/detector-targets.js';

const started = Date.now();
const quick = process.env.BENCH_QUICK === '1';
const lodoEpochs = Number(process.env.BENCH_LODO_EPOCHS ?? (quick ? 2 : DEFAULT_TRAINING.epochs));
const fasttextOptions = quick ? { ...FASTTEXT_DEFAULTS, epoch: 5, dim: 10 } : FASTTEXT_DEFAULTS;
const fasttextLodoOptions = { ...fasttextOptions, dim: Number(process.env.BENCH_FASTTEXT_LODO_DIM ?? 10) };
const root = packageRoot();
const tmp = join(root, 'bench', 'tmp', 'detector');
/** Timed passes of the throughput section (best and median reported). */
const THROUGHPUT_PASSES = 10;
const log = (line: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const data = dataDir();
const modelDir = defaultModelDir();
const card = await readCard(modelDir);
const splits = detectorSplits(data, card);
for (const problem of splits.cardMismatches) log(`warning: ${problem}`);
const fasttextVersion = ensureFasttext(log);
log(`data ${data}; default model ${card.name} (${card.modelHash.slice(0, 12)}); ${fasttextVersion}; ${quick ? 'QUICK run' : 'full run'}`);

const read = async (path: string) => (await readLabeledFile(path)).documents;
const detectTrain = await read(splits.detectTrain);
const detectTest = await read(splits.detectTest);
const modern = await read(splits.modern);
const modernHoldout = modern.filter((d) => splits.inModernHoldout(d));
/** The documents the recipe's inputs select: fastText trains on exactly what our models do. */
const selected = async (inputs: LabeledInput[]) => (await Promise.all(inputs.map(loadLabeledInput))).flatMap((f) => f.documents);
const trainDocs = await selected(splits.train());
// A domain and generators no model here trains on: extra's SeqXGPT documents (see extraHeldOut).
const extraAll = await read(splits.extra);
const extraTest = extraAll.filter(extraHeldOut);

const labelsOf = (docs: readonly LabeledDocument[]) => docs.map((d) => d.label === 'synthetic');
function rank(scores: ArrayLike<number>, docs: readonly LabeledDocument[]): RankMetrics {
  const s = summarise(Array.from(scores), labelsOf(docs));
  return { n: s.n, auroc: s.auroc, tprAt1PctFpr: s.tprAtFpr['0.01'], tprAt5PctFpr: s.tprAtFpr['0.05'] };
}
const texts = (docs: readonly LabeledDocument[]) => docs.map((d) => d.text);
/** Recipe inputs as the results name them: paths under the data directory, with their selection. */
const describeInputs = (inputs: LabeledInput[]) => inputs.map((i) => `${i.path.replace(`${data}/`, '')} (${i.selection ?? 'all'})`).join(' + ');
const fmt = (m: RankMetrics) => `AUROC ${m.auroc?.toFixed(3) ?? 'n/a'}, TPR@1%FPR ${m.tprAt1PctFpr === null ? 'n/a' : (100 * m.tprAt1PctFpr).toFixed(1) + '%'}`;

// --- 1. The default model and fastText on the same test data --------------------------------
mkdirSync(tmp, { recursive: true });
const detector = await loadDetector(modelDir, { backend: 'cpu' });
const fasttextSame = trainFasttext(trainDocs, tmp, 'fasttext-default-data', fasttextOptions);
log(`fastText (dim ${fasttextOptions.dim}) trained on the default model's training data`);
// The settings of the held-out baselines, on the same data: shows what the narrower vectors cost.
const fasttextSameNarrow = trainFasttext(trainDocs, tmp, 'fasttext-default-data-narrow', fasttextLodoOptions);
// The data README's baseline (detect-corpus/train only): checks that our fastText run is comparable.
const fasttextDetectOnly = quick ? undefined : trainFasttext(detectTrain, tmp, 'fasttext-detect-train', fasttextLodoOptions);
log('fastText baselines trained');
const main: DetectorBenchResults['main'] = {};
for (const [name, docs, description] of [
  ['detect-corpus/test', detectTest, 'detect-corpus/test.jsonl'],
  ['modern-holdout', modernHoldout, `modern/corpus.jsonl, FNV-1a(id) % 100 < ${HOLDOUT_PERCENT} (never trained on)`],
  ['extra-seqxgpt', extraTest, 'extra/corpus.jsonl, SeqXGPT without lower-cased human text (a domain and generators never trained on)'],
] as const) {
  main[name] = {
    description,
    ours: rank(await detector.scoreTexts(texts(docs)), docs),
    fasttext: rank(predictFasttext(fasttextSame, texts(docs)), docs),
    fasttextNarrow: rank(predictFasttext(fasttextSameNarrow, texts(docs)), docs),
    fasttextDetectOnly: fasttextDetectOnly ? rank(predictFasttext(fasttextDetectOnly, texts(docs)), docs) : null,
  };
  log(`${name}: ours ${fmt(main[name]!.ours)}; fastText ${fmt(main[name]!.fasttext)}`);
}
fasttextDetectOnly?.dispose();
fasttextSameNarrow.dispose();

// --- 1b. Every source of extra/, routed at the default thresholds --------------------------------
const unseenRoutes = routesBySource(extraAll, await detector.scoreTexts(texts(extraAll)), detector.thresholds);
for (const x of unseenRoutes) log(`unseen ${x.source} ${x.label}: ${x.synthetic}/${x.n} to synthetic, ${x.human}/${x.n} to human`);

// --- 2. Attacked copies of the test split ---------------------------------------------------
const attacks: AttackResult[] = [];
const clean = main['detect-corpus/test']!;
for (const kind of ATTACK_KINDS) {
  // Same per-record seeds as `crawlsift attack --kind <kind> --seed 1` on the test file.
  const attacked = detectTest.map((d, i) => attackRecord({ ...d, text: d.text }, kind, 1, i + 1).text);
  const ours = rank(await detector.scoreTexts(attacked), detectTest);
  const fasttext = rank(predictFasttext(fasttextSame, attacked), detectTest);
  const delta = (m: RankMetrics, base: RankMetrics) => (m.auroc === null || base.auroc === null ? null : m.auroc - base.auroc);
  attacks.push({
    kind,
    characterLevel: (CHARACTER_ATTACKS as readonly string[]).includes(kind),
    changed: attacked.filter((t, i) => t !== detectTest[i]!.text).length,
    ours,
    oursDelta: delta(ours, clean.ours),
    fasttext,
    fasttextDelta: delta(fasttext, clean.fasttext),
  });
  log(`attack ${kind}: ours ${fmt(ours)}`);
}
fasttextSame.dispose();

// --- 3. Throughput of the model alone, one thread -------------------------------------------
const throughput = await measureThroughput(detector, texts(detectTest));
log(`throughput: ${Math.round(throughput.featuresAndModel.docsPerSecondWall)} docs/s best pass, ${Math.round(throughput.featuresAndModel.medianDocsPerSecondWall)} median (features + model, wall)`);
detector.dispose();

// --- 4. Leave-one-domain-out; modern cross-validated by source ------------------------------
const detectSources = [...new Set(detectTest.map((d) => d.source ?? 'unknown'))].sort();
const modernSources = [...new Set(modern.map((d) => d.source ?? 'unknown'))].sort();
const heldOut = quick ? [detectSources[0]!, modernSources[0]!] : [...detectSources, ...modernSources];
const lodo: DomainResult[] = [];
for (const source of heldOut) {
  const isModern = modernSources.includes(source);
  // A detect-corpus source is tested on its test split; a modern source, absent from training
  // altogether, on all of its documents.
  const args: [DetectorSplits, string, string, LabeledDocument[], string] = isModern
    ? [splits, source, 'modern', modern.filter((d) => d.source === source), 'modern/corpus.jsonl, all of the source']
    : [splits, source, 'detect-corpus', detectTest.filter((d) => d.source === source), 'detect-corpus/test.jsonl'];
  // bench/tmp is shared with other benchmarks that may clear it: one retry rebuilds the files.
  lodo.push(await leaveOut(...args).catch((error: Error) => {
    log(`without ${source}: ${error.message.split('\n')[0]}; retrying once`);
    return leaveOut(...args);
  }));
}
// Train on detect-corpus + one modern source, test on the other: the modern rows of the above.
const modernCv = lodo.filter((d) => d.corpus === 'modern');

const results: DetectorBenchResults = { main, lodo, modernCv, attacks, unseenRoutes, throughput, fasttextDims: { main: fasttextOptions.dim, heldOut: fasttextLodoOptions.dim } };
const table = formatDetectorTable(results);
const file = quick ? join(tmp, 'detector.quick.json') : join(root, 'bench', 'results', 'detector.json');
mkdirSync(join(file, '..'), { recursive: true });
writeFileSync(
  file,
  JSON.stringify(
    {
      createdAt: new Date().toISOString(),
      quick,
      seconds: (Date.now() - started) / 1000,
      machine: { cpus: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version, note: 'shared with other jobs; CPU time is the steadier speed figure' },
      model: { name: card.name, hash: card.modelHash, featureSpec: card.featureSpec.version, dir: 'classifiers/default' },
      data: {
        dir: data,
        train: `${describeInputs(splits.train())}: ${trainDocs.length} docs (src/training/recipe.ts)`,
        dev: `${describeInputs(splits.dev())} (early stopping, calibration, thresholds)`,
        cardMismatches: splits.cardMismatches,
      },
      settings: {
        fasttext: { version: fasttextVersion, ...fasttextOptions, command: fasttextCommand(fasttextOptions) },
        fasttextHeldOutAndNarrow: { ...fasttextLodoOptions, command: fasttextCommand(fasttextLodoOptions), usedFor: 'leave-one-domain-out, modern CV, the detect-train-only reference and the narrow same-data row' },
        heldOutModels: `trainDetector with the default model's settings (${JSON.stringify(DEFAULT_TRAINING)}), at most ${lodoEpochs} epochs; dev = the recipe's dev inputs minus the held-out source`,
        attacks: 'crawlsift attack per-record seeds, run seed 1, RAID rates',
        throughput: `loadDetector(classifiers/default, cpu backend, batch 256), one thread, ${THROUGHPUT_PASSES} passes over the test split: the best and the median pass by wall time; CPU time from process.cpuUsage()`,
      },
      targets: DETECTOR_TARGETS,
      ...results,
      table,
    },
    null,
    2,
  ) + '\n',
);
console.log(table);
console.log(`\nwritten to ${file} in ${((Date.now() - started) / 60000).toFixed(1)} min`);
if (!quick) rmSync(tmp, { recursive: true, force: true });

/** Trains our model and fastText without `source`, and measures both on `test`. */
async function leaveOut(s: DetectorSplits, source: string, corpus: string, test: LabeledDocument[], testedOn: string): Promise<DomainResult> {
  const dir = join(tmp, `without-${source}`);
  mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  const { card: heldCard } = await trainDetector({
    out: join(dir, 'ours'),
    name: `without-${source}`,
    ...DEFAULT_TRAINING,
    data: s.train({ source }),
    dev: s.dev({ source }),
    epochs: lodoEpochs,
    progressBar: false,
    createdAt: '2000-01-01T00:00:00.000Z',
  });
  const ours = await loadDetector(join(dir, 'ours'), { backend: 'cpu' });
  const oursMetrics = rank(await ours.scoreTexts(texts(test)), test);
  ours.dispose();
  const fasttext = trainFasttext(await selected(s.train({ source })), dir, 'fasttext', fasttextLodoOptions);
  const fasttextMetrics = rank(predictFasttext(fasttext, texts(test)), test);
  fasttext.dispose();
  log(`without ${source} (${((Date.now() - t0) / 1000).toFixed(0)} s, ${heldCard.training.epochsRun} epochs): ours ${fmt(oursMetrics)}; fastText ${fmt(fasttextMetrics)}`);
  return {
    source,
    corpus,
    testedOn,
    ours: oursMetrics,
    fasttext: fasttextMetrics,
    trainDocuments: heldCard.training.train.human + heldCard.training.train.synthetic,
    epochsRun: heldCard.training.epochsRun,
    bestEpoch: heldCard.training.bestEpoch,
  };
}

/**
 * `THROUGHPUT_PASSES` timed passes: the best one by wall time (on a shared machine, the least
 * disturbed) and the median pass (what a run meets typically; this VM's speed moves by up to 2x
 * from minute to minute, so the two can differ a lot).
 */
async function timePasses(n: number, fn: () => Promise<unknown>): Promise<PassTimes> {
  const passes: Array<{ wall: number; cpu: number }> = [];
  for (let r = 0; r < THROUGHPUT_PASSES; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    const wall = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    passes.push({ wall, cpu: (c.user + c.system) / 1e6 });
  }
  passes.sort((a, b) => a.wall - b.wall);
  const best = passes[0]!;
  const median = passes[Math.floor(passes.length / 2)]!;
  return {
    passes: passes.length,
    docsPerSecondWall: n / best.wall,
    docsPerCpuSecond: n / best.cpu,
    medianDocsPerSecondWall: n / median.wall,
    medianDocsPerCpuSecond: n / median.cpu,
  };
}

async function measureThroughput(d: Detector, docs: string[]): Promise<ThroughputResult> {
  await d.scoreTexts(docs.slice(0, 256)); // warm the feature tables and the model
  const featuresAndModel = await timePasses(docs.length, () => d.scoreTexts(docs));
  const vectors = docs.map((t) => extractFeatures(t));
  const modelOnly = await timePasses(docs.length, () => d.scoreFeatures(vectors));
  return {
    documents: docs.length,
    meanBytes: docs.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / docs.length,
    featuresAndModel,
    modelOnly,
  };
}
