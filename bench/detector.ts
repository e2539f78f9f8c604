/**
 * The detector benchmark (npm run bench:detector), issue 15's figures: the shipped default model
 * on modern2024/test and detect-corpus/test (overall, per generator, per task, routes at the
 * card's thresholds, AUROC by document length) beside fastText trained on the same data;
 * leave-one-generator-family-out and leave-one-domain-out; attacked copies of both test sets;
 * the routes of extra/'s never-trained-on sources; scoring throughput beside a baseline tree's.
 * Writes bench/results/detector.json and prints a table with every target beside its figure.
 *
 * Train on train, choose on dev, report test: every held-out model here is trained by the recipe
 * (src/training/recipe.ts) on training data only, early-stopped and calibrated on the recipe's dev
 * data minus what it holds out, and measured on test data it never saw. The length curve the
 * card's minimum length is chosen from is measured on dev (pooled dev inputs); the test curves
 * are reported beside it. Intermediate models and files go to bench/tmp/detector/.
 *
 * Settings (environment):
 *   BENCH_QUICK=1          development run: 2 epochs per held-out model, one family and one domain
 *                          held out, 2 throughput passes; results to bench/tmp/detector/ (figures
 *                          not comparable)
 *   BENCH_HELD_OUT=a,b     only these held-out runs (family or domain names; default all); the
 *                          other held-out results of bench/results/detector.json are kept when it
 *                          holds the same model, marked `keptFrom` with that run's date
 *   BENCH_LODO_EPOCHS=n    most epochs of the held-out models (default: the default model's own)
 *   BENCH_BASELINE_TREE=d  a built checkout whose default model's throughput is measured in the
 *                          same session, alternating with this tree's (e.g. the branch's base)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TRAINING, loadDetector, loadLabeledInput, readCard, readLabeledFile, trainDetector, type LabeledDocument, type LabeledInput } from '../src/classifier/index.js';
import { dataDir } from '../src/data-dir.js';
import { ATTACK_KINDS, attackRecord } from '../src/evaluation/index.js';
import { defaultModelDir, packageRoot } from '../src/paths.js';
import { DOMAIN_NAMES, DOMAINS, extraHeldOut, familyOf, GENERATOR_FAMILY_NAMES, type Exclusion } from '../src/training/index.js';
import { lengthCurve, rankMetrics, reportSet, type RankMetrics } from './lib/detector-breakdown.js';
import { detectorSplits } from './lib/detector-splits.js';
import { formatDetectorTable, keepEarlierHeldOut, type AttackResult, type DetectorBenchResults, type HeldOutResult, type ThroughputRun } from './lib/detector-table.js';
import { CHARACTER_ATTACKS, DETECTOR_TARGETS } from './lib/detector-targets.js';
import { ensureFasttext, fasttextCommand, FASTTEXT_DEFAULTS, predictFasttext, trainFasttext } from './lib/fasttext.js';
import { routesBySource } from './lib/unseen-routes.js';

const started = Date.now();
const quick = process.env.BENCH_QUICK === '1';
const heldOutEpochs = Number(process.env.BENCH_LODO_EPOCHS ?? (quick ? 2 : DEFAULT_TRAINING.epochs));
// fastText at width 10 (Joulin et al. 2017), 25 epochs: the README baseline's settings at the
// width that keeps its held-out runs to a minute or two each.
const fasttextOptions = { ...FASTTEXT_DEFAULTS, dim: 10, ...(quick ? { epoch: 5 } : {}) };
const root = packageRoot();
const tmp = join(root, 'bench', 'tmp', 'detector');
const log = (line: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${line}`);

const data = dataDir();
const modelDir = defaultModelDir();
const card = await readCard(modelDir);
const splits = detectorSplits(data, card);
for (const problem of splits.cardMismatches) log(`warning: ${problem}`);
const fasttextVersion = ensureFasttext(log);
log(`data ${data}; default model ${card.name} (${card.modelHash.slice(0, 12)}); ${fasttextVersion}; ${quick ? 'QUICK run' : 'full run'}`);

const docsOf = async (inputs: Array<string | LabeledInput>) => (await Promise.all(inputs.map(loadLabeledInput))).flatMap((f) => f.documents);
const read = async (path: string) => (await readLabeledFile(path)).documents;
const texts = (docs: readonly LabeledDocument[]) => docs.map((d) => d.text);
const labelsOf = (docs: readonly LabeledDocument[]) => docs.map((d) => d.label === 'synthetic');
const rank = (scores: ArrayLike<number>, docs: readonly LabeledDocument[]): RankMetrics => rankMetrics(Array.from(scores), labelsOf(docs));
const fmt = (m: RankMetrics) => `AUROC ${m.auroc?.toFixed(3) ?? 'n/a'}, TPR@1%FPR ${m.tprAt1PctFpr === null ? 'n/a' : (100 * m.tprAt1PctFpr).toFixed(1) + '%'}`;

const m24Test = await read(splits.modern2024Test);
const detectTest = await read(splits.detectTest);
const modern = await read(splits.modern);
const modernHoldout = modern.filter((d) => splits.inModernHoldout(d));
const extraAll = await read(splits.extra);
const extraTest = extraAll.filter(extraHeldOut);
const devDocs = await docsOf(splits.dev());
const trainDocs = await docsOf(splits.train());
const testSets: Record<string, { docs: LabeledDocument[]; description: string }> = {
  'modern2024/test': { docs: m24Test, description: 'modern2024/test.jsonl (2024 generators; generation, polish, rewrite, expand)' },
  'detect-corpus/test': { docs: detectTest, description: 'detect-corpus/test.jsonl (GPT-2 to GPT-4 continuations)' },
  'modern-holdout': { docs: modernHoldout, description: `modern/corpus.jsonl, FNV-1a(id) % 100 < 20 (2023 chat models; never trained on)` },
  'extra-seqxgpt': { docs: extraTest, description: 'extra/corpus.jsonl, SeqXGPT without lower-cased human text (a domain and generators never trained on)' },
};

// --- 1. The default model and fastText on the test sets ----------------------------------------
mkdirSync(tmp, { recursive: true });
const detector = await loadDetector(modelDir, { backend: 'cpu' });
const score = (t: string[]) => detector.scoreTexts(t);
const fasttext = trainFasttext(trainDocs, tmp, 'fasttext-default-data', fasttextOptions);
log(`fastText (dim ${fasttextOptions.dim}) trained on the default model's ${trainDocs.length} training documents`);
const main: DetectorBenchResults['main'] = {};
for (const [name, { docs, description }] of Object.entries(testSets)) {
  const scores = await score(texts(docs));
  main[name] = { description, ours: reportSet(docs, scores, detector.thresholds), fasttext: rank(predictFasttext(fasttext, texts(docs)), docs) };
  log(`${name}: ours ${fmt(main[name]!.ours.overall)}; fastText ${fmt(main[name]!.fasttext)}`);
}

// --- 2. Quality by length: crops of dev (what the card's minimum length is chosen from) and of the test sets
const devCurve = await lengthCurve(devDocs, score);
const lengthCurves: DetectorBenchResults['lengthCurves'] = {
  dev: devCurve,
  'modern2024/test': await lengthCurve(m24Test, score),
  'detect-corpus/test': await lengthCurve(detectTest, score),
};
log(`length curves: dev ${devCurve.map((p) => `${p.words}w ${p.auroc?.toFixed(3)}`).join(', ')}`);

// --- 3. Every source of extra/, routed at the default thresholds --------------------------------
const unseenRoutes = routesBySource(extraAll, await score(texts(extraAll)), detector.thresholds);

// --- 4. Attacked copies of both test sets -------------------------------------------------------
const attacks: AttackResult[] = [];
for (const set of ['modern2024/test', 'detect-corpus/test'] as const) {
  const docs = testSets[set]!.docs;
  const clean = main[set]!;
  for (const kind of ATTACK_KINDS) {
    // Same per-record seeds as `crawlsift attack --kind <kind> --seed 1` on the test file.
    const attacked = docs.map((d, i) => attackRecord({ ...d, text: d.text }, kind, 1, i + 1).text);
    const ours = rank(await score(attacked), docs);
    const ft = rank(predictFasttext(fasttext, attacked), docs);
    const delta = (m: RankMetrics, base: RankMetrics) => (m.auroc === null || base.auroc === null ? null : m.auroc - base.auroc);
    attacks.push({
      set,
      kind,
      characterLevel: (CHARACTER_ATTACKS as readonly string[]).includes(kind),
      changed: attacked.filter((t, i) => t !== docs[i]!.text).length,
      ours,
      oursDelta: delta(ours, clean.ours.overall),
      fasttext: ft,
      fasttextDelta: delta(ft, clean.fasttext),
    });
    log(`attack ${kind} on ${set}: ours ${fmt(ours)}`);
  }
}
fasttext.dispose();
detector.dispose();

// --- 5. Throughput: this tree and the baseline tree, alternating ---------------------------------
const throughput = measureThroughput();

// --- 6. Leave one generator family out; leave one domain out ------------------------------------
const only = process.env.BENCH_HELD_OUT?.split(',').filter(Boolean);
const chosen = <T extends string>(names: readonly T[], quickPick: T): T[] => (only ? names.filter((n) => only.includes(n)) : quick ? [quickPick] : [...names]);
const m24Human = m24Test.filter((d) => d.label === 'human');
const logfo: HeldOutResult[] = [];
for (const family of chosen(GENERATOR_FAMILY_NAMES, 'claude')) {
  const test = [...m24Human, ...m24Test.filter((d) => d.label === 'synthetic' && familyOf(d.generator) === family)];
  logfo.push(await heldOut(family, { family }, { 'modern2024/test': test }));
}
const lodo: HeldOutResult[] = [];
for (const domain of chosen(DOMAIN_NAMES, 'medical')) {
  const sources: readonly string[] = DOMAINS[domain];
  const inDomain = (docs: LabeledDocument[]) => docs.filter((d) => sources.includes(d.source ?? ''));
  const parts: Record<string, LabeledDocument[]> = {
    'modern2024/test': inDomain(m24Test),
    'detect-corpus/test': inDomain(detectTest),
    // modern has no source of a held-out domain in training: all of it is unseen.
    modern: inDomain(modern),
  };
  lodo.push(await heldOut(domain, { sources }, Object.fromEntries(Object.entries(parts).filter(([, d]) => d.length > 0))));
}

// With BENCH_HELD_OUT, the earlier results of the same model for the names not re-run stay.
const resultsFile = join(root, 'bench', 'results', 'detector.json');
if (only && !quick && existsSync(resultsFile)) {
  const earlier = JSON.parse(readFileSync(resultsFile, 'utf8')) as { createdAt: string; model: { hash: string }; settings: { heldOutModels: string }; logfo?: HeldOutResult[]; lodo?: HeldOutResult[] };
  if (earlier.model.hash === card.modelHash) {
    const from = { createdAt: earlier.createdAt, settings: earlier.settings.heldOutModels };
    logfo.splice(0, logfo.length, ...keepEarlierHeldOut(logfo, earlier.logfo ?? [], GENERATOR_FAMILY_NAMES, from));
    lodo.splice(0, lodo.length, ...keepEarlierHeldOut(lodo, earlier.lodo ?? [], DOMAIN_NAMES, from));
  }
}

const results: DetectorBenchResults = {
  card: { thresholds: { low: card.thresholds.low, high: card.thresholds.high }, scope: card.scope ?? null },
  main,
  lengthCurves,
  logfo,
  lodo,
  attacks,
  unseenRoutes,
  throughput,
  fasttextDim: fasttextOptions.dim,
};
const table = formatDetectorTable(results);
const seconds = (Date.now() - started) / 1000;
const file = quick ? join(tmp, 'detector.quick.json') : resultsFile;
mkdirSync(join(file, '..'), { recursive: true });
writeFileSync(
  file,
  JSON.stringify(
    {
      createdAt: new Date().toISOString(),
      quick,
      seconds,
      machine: { cpus: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version, note: 'shared with other jobs: speed figures move by +-15% or more between runs' },
      model: { name: card.name, hash: card.modelHash, featureSpec: card.featureSpec.version, dir: 'classifiers/default' },
      data: { dir: data, train: `${trainDocs.length} documents (src/training/recipe.ts)`, dev: `${devDocs.length} documents`, cardMismatches: splits.cardMismatches },
      settings: {
        fasttext: { version: fasttextVersion, ...fasttextOptions, command: fasttextCommand(fasttextOptions) },
        heldOutModels: `trainDetector with the default model's settings (${JSON.stringify(DEFAULT_TRAINING)}), at most ${heldOutEpochs} epochs; dev = the recipe's dev inputs minus what is held out`,
        attacks: 'crawlsift attack per-record seeds, run seed 1',
        lengthCurve: 'documents of at least N words cut to their last N words, both labels',
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
console.log(`\nwritten to ${file} in ${(seconds / 60).toFixed(1)} min`);
if (!quick) rmSync(tmp, { recursive: true, force: true });

/** Trains our model and fastText without what `without` excludes, and measures both on each test part. */
async function heldOut(name: string, without: Exclusion, parts: Record<string, LabeledDocument[]>): Promise<HeldOutResult> {
  const dir = join(tmp, `without-${name}`);
  mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  const { card: heldCard } = await trainDetector({
    out: join(dir, 'ours'),
    name: `without-${name}`,
    ...DEFAULT_TRAINING,
    data: splits.train(without),
    dev: splits.dev(without),
    epochs: heldOutEpochs,
    progressBar: false,
    createdAt: '2000-01-01T00:00:00.000Z',
  });
  const ours = await loadDetector(join(dir, 'ours'), { backend: 'cpu' });
  const ft = trainFasttext(await docsOf(splits.train(without)), dir, 'fasttext', fasttextOptions);
  const result: HeldOutResult = {
    name,
    trainDocuments: heldCard.training.train.human + heldCard.training.train.synthetic,
    epochsRun: heldCard.training.epochsRun,
    bestEpoch: heldCard.training.bestEpoch,
    parts: {},
  };
  for (const [part, docs] of Object.entries(parts)) {
    result.parts[part] = { ours: rank(await ours.scoreTexts(texts(docs)), docs), fasttext: rank(predictFasttext(ft, texts(docs)), docs) };
    log(`without ${name}, ${part}: ours ${fmt(result.parts[part]!.ours)}; fastText ${fmt(result.parts[part]!.fasttext)}`);
  }
  ours.dispose();
  ft.dispose();
  log(`without ${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s, ${heldCard.training.epochsRun} epochs, best ${heldCard.training.bestEpoch}`);
  return result;
}

/**
 * Scoring throughput, one thread, features + model, from bench/throughput-probe.ts run as its own
 * process: three rounds, each this tree then the baseline tree (when BENCH_BASELINE_TREE names
 * one), so that a swing of this VM's speed hits both alike. Per tree: the best pass of all rounds
 * and the median of the rounds' medians.
 */
function measureThroughput(): DetectorBenchResults['throughput'] {
  const probe = join(root, 'dist', 'bench', 'throughput-probe.js');
  const trees = [root, ...(process.env.BENCH_BASELINE_TREE ? [process.env.BENCH_BASELINE_TREE] : [])];
  const runs = new Map<string, ThroughputRun[]>(trees.map((t) => [t, []]));
  for (let round = 0; round < 3; round++) {
    for (const tree of trees) {
      const r = spawnSync(process.execPath, [probe, tree, String(quick ? 2 : 10)], { encoding: 'utf8', env: { ...process.env, CRAWLSIFT_DATA: data } });
      if (r.status !== 0) throw new Error(`throughput probe on ${tree} exited ${r.status}: ${r.stderr.slice(-1000)}`);
      runs.get(tree)!.push(JSON.parse(r.stdout.trim().split('\n').pop()!) as ThroughputRun);
    }
  }
  const summary = (tree: string) => {
    const rs = runs.get(tree)!;
    const medians = rs.map((r) => r.median).sort((a, b) => a - b);
    return { tree, model: rs[0]!.model, documents: rs[0]!.documents, best: Math.max(...rs.map((r) => r.best)), median: medians[Math.floor(medians.length / 2)]!, rounds: rs };
  };
  const current = summary(root);
  const baseline = process.env.BENCH_BASELINE_TREE ? summary(process.env.BENCH_BASELINE_TREE) : null;
  log(`throughput: this tree ${Math.round(current.best)} docs/s best, ${Math.round(current.median)} median${baseline ? `; baseline ${Math.round(baseline.best)} / ${Math.round(baseline.median)}` : ''}`);
  return { current, baseline };
}
